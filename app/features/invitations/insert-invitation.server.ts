import type { ServiceContext } from '#app/features/service-context.server.ts'
import { generateToken, hashToken } from '#app/lib/tokens.server.ts'
import { invitations, type Role } from '#db/schema/index.ts'

const INVITATION_DAYS = 7
const DAY = 24 * 60 * 60 * 1000

/**
 * Stores an invitation sent by the caller's org and returns its raw token once (for the email link); only the
 * token's hash is kept.
 */
export async function insertInvitation(
  ctx: Pick<ServiceContext, 'tx' | 'orgId' | 'userId'>,
  input: { orgId: string; partnershipId?: string; email: string; role: Role },
) {
  const token = generateToken()
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * DAY)
  const [invitation] = await ctx.tx
    .insert(invitations)
    .values({
      tokenHash: hashToken(token),
      orgId: input.orgId,
      invitedByOrgId: ctx.orgId,
      partnershipId: input.partnershipId,
      email: input.email,
      role: input.role,
      invitedById: ctx.userId,
      expiresAt,
    })
    .returning({ id: invitations.id })
  return { token, id: invitation.id, expiresAt }
}
