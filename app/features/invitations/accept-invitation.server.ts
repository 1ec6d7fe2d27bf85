import { and, eq, sql } from 'drizzle-orm'
import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import { hashPassword, verifyPassword } from '#app/features/auth/password.server.ts'
import { createSession, type SessionMeta } from '#app/features/auth/session.server.ts'
import { hashToken } from '#app/lib/tokens.server.ts'
import type { Tx } from '#db/client.ts'
import {
  type Invitation,
  invitations,
  memberships,
  organizations,
  partnerships,
  users,
} from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'

// The invitee is not signed in, so these run on the owner path, always keyed by the token's hash.

export type InvitationProblem = 'invalid' | 'used' | 'revoked' | 'expired'

function problemOf(
  invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
): InvitationProblem | null {
  if (invitation.acceptedAt) return 'used'
  if (invitation.revokedAt) return 'revoked'
  if (invitation.expiresAt.getTime() <= Date.now()) return 'expired'
  return null
}

// Tokens are 32 base32 characters; anything else cannot match and is not worth a query.
const looksLikeToken = (token: string) => /^[a-z2-7]{16,64}$/.test(token)

async function loadInvitation(tx: Tx, token: string, lock = false) {
  const query = tx
    .select({ invitation: invitations, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1)
  const [row] = lock ? await query.for('update', { of: invitations }) : await query
  return row
}

/** What the accept page shows: the org, email and role of a usable invitation, or why it cannot be used. */
export async function findInvitation(token: string) {
  if (!looksLikeToken(token)) return { state: 'invalid' as const }
  return asSystem(async (tx) => {
    const row = await loadInvitation(tx, token)
    if (!row) return { state: 'invalid' as const }
    const problem = problemOf(row.invitation)
    if (problem) return { state: problem }
    const [user] = await tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, row.invitation.email))
    return {
      state: 'valid' as const,
      orgName: row.orgName,
      orgId: row.invitation.orgId,
      email: row.invitation.email,
      role: row.invitation.role,
      expiresAt: row.invitation.expiresAt,
      // An existing account keeps its password: the invitee confirms it instead of choosing one.
      existingUser: !!user?.passwordHash,
    }
  })
}

export type AcceptInvitationInput = { token: string; name?: string; password: string }

export type AcceptInvitationResult =
  | { state: InvitationProblem | 'wrongPassword' }
  | { state: 'accepted'; userId: string; orgId: string; session: Awaited<ReturnType<typeof createSession>> }

/**
 * Joins the invitation's org (creating the user unless the email already has an account, whose password must
 * then be given), activates an invited partnership, audits both sides and opens a session in the joined org.
 */
export async function acceptInvitation(
  input: AcceptInvitationInput,
  meta: SessionMeta & { requestId: string | null },
): Promise<AcceptInvitationResult> {
  const found = await findInvitation(input.token)
  if (found.state !== 'valid') return { state: found.state }
  let passwordHash: string | null = null
  if (found.existingUser) {
    const [user] = await asSystem((tx) =>
      tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, found.email)),
    )
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
      return { state: 'wrongPassword' }
    }
  } else {
    // Hashing is slow, so it happens before the transaction takes its row lock.
    passwordHash = await hashPassword(input.password)
  }

  const outcome = await asSystem(async (tx) => {
    // Locked and re-checked: two concurrent accepts of one token must not both succeed.
    const row = await loadInvitation(tx, input.token, true)
    if (!row) return { state: 'invalid' as const }
    const problem = problemOf(row.invitation)
    if (problem) return { state: problem }
    const invitation = row.invitation
    const now = new Date()

    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email))
    let userId = existing?.id
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({ email: invitation.email, name: input.name?.trim() || invitation.email, passwordHash })
        .returning({ id: users.id })
      userId = created.id
    } else if (passwordHash) {
      // An account without a password (never set) gets the one chosen here.
      await tx.update(users).set({ passwordHash }).where(eq(users.id, userId))
    }
    await tx
      .insert(memberships)
      .values({ orgId: invitation.orgId, userId, role: invitation.role })
      .onConflictDoUpdate({
        target: [memberships.orgId, memberships.userId],
        set: { role: invitation.role, status: 'active', updatedAt: now },
      })
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id))

    const actor = { userId, ip: meta.ip, requestId: meta.requestId }
    await recordAudit(
      tx,
      { ...actor, orgId: invitation.orgId },
      {
        action: 'invitation.accepted',
        targetType: 'invitation',
        targetId: invitation.id,
        data: { email: invitation.email, role: invitation.role, newUser: !existing },
      },
    )
    if (invitation.partnershipId) {
      const activated = await tx
        .update(partnerships)
        .set({ status: 'active', version: sql`${partnerships.version} + 1` })
        .where(and(eq(partnerships.id, invitation.partnershipId), eq(partnerships.status, 'invited')))
        .returning({ id: partnerships.id, hostOrgId: partnerships.hostOrgId })
      for (const partnership of activated) {
        await recordAudit(
          tx,
          { ...actor, orgId: partnership.hostOrgId },
          {
            action: 'partnership.activated',
            targetType: 'partnership',
            targetId: partnership.id,
            data: { partnerOrgId: invitation.orgId, invitationId: invitation.id },
          },
        )
      }
    }
    return { state: 'accepted' as const, userId, orgId: invitation.orgId }
  })
  if (outcome.state !== 'accepted') return outcome
  const session = await createSession(outcome.userId, outcome.orgId, meta)
  return { ...outcome, session }
}
