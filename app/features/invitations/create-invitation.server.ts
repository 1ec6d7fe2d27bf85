import { and, eq, isNull } from 'drizzle-orm'
import { assignableRoles, can } from '#app/features/auth/permissions.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { invitations, memberships, type Role, users } from '#db/schema/index.ts'
import { insertInvitation } from './insert-invitation.server.ts'

export type InviteColleagueInput = { email: string; role: Role }

/**
 * Invites someone into the caller's org. Returns the raw token once, for the email link; only its hash is stored.
 * Throws AppError: forbidden (no users:invite or a role above the caller's), conflict (already an active member).
 */
export async function inviteColleague(ctx: ServiceContext, input: InviteColleagueInput) {
  if (!can(ctx.role, 'users:invite')) throw new AppError('forbidden', 'You may not invite users.')
  if (!assignableRoles(ctx.role).includes(input.role)) {
    throw new AppError('forbidden', 'You may not hand out this role.', { field: 'role' })
  }
  const email = input.email.trim().toLowerCase()
  const [member] = await ctx.tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(users.email, email), eq(memberships.status, 'active')))
    .limit(1)
  if (member) throw new AppError('conflict', 'Already a member.', { field: 'email' })

  // One live invitation per address: a re-invite makes the older link useless.
  const now = new Date()
  await ctx.tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, ctx.orgId),
        eq(invitations.invitedByOrgId, ctx.orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )

  const { token, id, expiresAt } = await insertInvitation(ctx, { orgId: ctx.orgId, email, role: input.role })
  await ctx.audit({
    action: 'invitation.created',
    targetType: 'invitation',
    targetId: id,
    data: { email, role: input.role },
  })
  return { token, invitationId: id, email, role: input.role, expiresAt }
}
