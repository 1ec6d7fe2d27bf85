import { and, asc, eq, isNull } from 'drizzle-orm'
import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import { hashToken } from '#app/lib/tokens.server.ts'
import type { Tx } from '#db/client.ts'
import { memberships, passwordResets, users } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { hashPassword } from './password.server.ts'
import { invalidateUserSessions } from './session.server.ts'

export type ResetProblem = 'invalid' | 'used' | 'expired'

const looksLikeToken = (token: string) => /^[a-z2-7]{16,64}$/.test(token)

async function loadReset(tx: Tx, token: string, lock = false) {
  const query = tx
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashToken(token)))
    .limit(1)
  const [row] = lock ? await query.for('update') : await query
  if (!row) return { problem: 'invalid' as const }
  if (row.usedAt) return { problem: 'used' as const }
  if (row.expiresAt.getTime() <= Date.now()) return { problem: 'expired' as const }
  return { problem: null, row }
}

/** Whether a reset link can still be used; the page shows why not. */
export async function checkPasswordResetToken(token: string): Promise<ResetProblem | null> {
  if (!looksLikeToken(token)) return 'invalid'
  return (await asSystem((tx) => loadReset(tx, token))).problem
}

/** Sets the new password, spends the token (and any other open ones) and ends every session of the user. */
export async function resetPassword(
  input: { token: string; password: string },
  meta: { ip: string | null; requestId: string | null },
): Promise<{ state: ResetProblem } | { state: 'reset'; userId: string }> {
  const problem = await checkPasswordResetToken(input.token)
  if (problem) return { state: problem }
  const passwordHash = await hashPassword(input.password)
  const outcome = await asSystem(async (tx) => {
    // Locked and re-checked so a token cannot be spent twice by concurrent submits.
    const found = await loadReset(tx, input.token, true)
    if (found.problem !== null) return { state: found.problem }
    const userId = found.row.userId
    const now = new Date()
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId))
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    const [membership] = await tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
      .orderBy(asc(memberships.createdAt))
      .limit(1)
    if (membership) {
      await recordAudit(
        tx,
        { orgId: membership.orgId, userId, ip: meta.ip, requestId: meta.requestId },
        { action: 'auth.password_reset', targetType: 'user', targetId: userId },
      )
    }
    return { state: 'reset' as const, userId }
  })
  if (outcome.state === 'reset') await invalidateUserSessions(outcome.userId)
  return outcome
}
