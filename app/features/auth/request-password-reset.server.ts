import { and, asc, eq } from 'drizzle-orm'
import { generateToken, hashToken } from '#app/lib/tokens.server.ts'
import { memberships, organizations, passwordResets, users } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { sendEmail } from '#emails/send.server.ts'

export const RESET_MINUTES = 60

/**
 * Emails a one-time reset link when the address belongs to a user with an active membership. The caller answers
 * the same either way, so the result (whether a link was sent) must never reach the browser.
 */
export async function requestPasswordReset(input: { email: string; origin: string; locale?: string }) {
  const email = input.email.trim().toLowerCase()
  const token = generateToken()
  const found = await asSystem(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, locale: users.locale })
      .from(users)
      .where(eq(users.email, email))
    if (!user) return null
    // Without an active membership the user could not sign in anyway.
    const [membership] = await tx
      .select({ orgId: memberships.orgId, orgLocale: organizations.locale })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(memberships.userId, user.id), eq(memberships.status, 'active')))
      .orderBy(asc(memberships.createdAt))
      .limit(1)
    if (!membership) return null
    await tx.insert(passwordResets).values({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_MINUTES * 60 * 1000),
    })
    return { user, membership }
  })
  if (!found) return { sent: false as const }
  const url = new URL('/reset-password', input.origin)
  url.searchParams.set('token', token)
  const result = await sendEmail({
    orgId: found.membership.orgId,
    to: email,
    locale: found.user.locale ?? input.locale ?? found.membership.orgLocale,
    template: 'password-reset',
    props: { name: found.user.name, resetUrl: url.toString(), expiresInMinutes: RESET_MINUTES },
  })
  return {
    sent: true as const,
    delivered: result.delivered,
    userId: found.user.id,
    logText: result.delivered === 'log' ? result.text : null,
  }
}
