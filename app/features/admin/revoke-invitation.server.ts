import { and, eq, isNull } from 'drizzle-orm'
import { can } from '#app/features/auth/permissions.ts'
import { AppError } from '#app/lib/errors.ts'
import { invitations } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** Revokes a pending invitation the caller's org sent to its own people; unknown or foreign ids are not found. */
export async function revokeInvitation(ctx: ServiceContext, input: { invitationId: string }) {
  if (!can(ctx.role, 'users:invite')) throw new AppError('forbidden', 'common:errors.forbidden.body')
  const [row] = await ctx.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.id, input.invitationId),
        eq(invitations.orgId, ctx.orgId),
        eq(invitations.invitedByOrgId, ctx.orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role })
  if (!row) throw new AppError('not_found', 'admin:users.invitations.notFound')
  await ctx.audit({
    action: 'invitation.revoked',
    targetType: 'invitation',
    targetId: row.id,
    data: { email: row.email, role: row.role },
  })
  return row
}
