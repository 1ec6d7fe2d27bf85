import { and, asc, eq } from 'drizzle-orm'
import { memberships, users } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { recordAudit } from '../audit/record-audit.server.ts'
import { burnPasswordCheck, verifyPassword } from './password.server.ts'
import { createSession, type SessionMeta } from './session.server.ts'

/** Checks email and password and opens a session in the user's first active org; null when refused. */
export async function signIn(
  input: { email: string; password: string },
  meta: SessionMeta & { requestId: string },
) {
  const found = await asSystem(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email)).limit(1)
    if (!user) return null
    const [membership] = await tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.status, 'active')))
      .orderBy(asc(memberships.createdAt))
      .limit(1)
    return { user, membership }
  })
  if (!found?.user.passwordHash) {
    await burnPasswordCheck(input.password)
    return null
  }
  if (!(await verifyPassword(found.user.passwordHash, input.password))) return null
  if (!found.membership) return null
  const created = await createSession(found.user.id, found.membership.orgId, meta)
  await asSystem((tx) =>
    recordAudit(
      tx,
      { orgId: found.membership.orgId, userId: found.user.id, ip: meta.ip, requestId: meta.requestId },
      {
        action: 'auth.signed_in',
        targetType: 'user',
        targetId: found.user.id,
        data: { userAgent: meta.userAgent },
      },
    ),
  )
  return created
}
