import { and, desc, eq, isNull } from 'drizzle-orm'
import { invitations } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

const LIMIT = 100

/** Invitations to join the caller's org that are neither accepted nor revoked (expired ones included, marked). */
export async function listPendingInvitations(ctx: ServiceContext) {
  const rows = await ctx.tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      invitedByOrgId: invitations.invitedByOrgId,
    })
    .from(invitations)
    .where(
      and(eq(invitations.orgId, ctx.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(LIMIT + 1)
  const now = Date.now()
  return {
    invitations: rows.slice(0, LIMIT).map(({ invitedByOrgId, ...row }) => ({
      ...row,
      expired: row.expiresAt.getTime() <= now,
      // A host's invitation of a partner's first admin belongs to the host; RLS lets only the sender change it.
      revocable: invitedByOrgId === ctx.orgId,
    })),
    more: rows.length > LIMIT,
  }
}
