import { parse, serialize } from 'cookie'
import { and, eq, ne } from 'drizzle-orm'
import { disconnectSessions } from '#app/lib/realtime/publish.server.ts'
import { generateToken, hashToken } from '#app/lib/tokens.server.ts'
import { getConfig } from '#config/env.ts'
import { memberships, organizations, sessions, users } from '#db/schema/index.ts'
import { asSystem, systemDb } from '#db/tenant.ts'

const DAY = 24 * 60 * 60 * 1000
// Last-seen and idle expiry are refreshed at most this often, so reads do not write on every request.
const TOUCH_INTERVAL = 60 * 1000

export const SESSION_COOKIE = 'tandem_session'

export type SessionMeta = { ip: string | null; userAgent: string | null }

export async function createSession(userId: string, orgId: string, meta: SessionMeta) {
  const config = getConfig()
  const token = generateToken()
  const now = Date.now()
  const session = {
    id: hashToken(token),
    userId,
    orgId,
    idleExpiresAt: new Date(now + config.SESSION_IDLE_DAYS * DAY),
    expiresAt: new Date(now + config.SESSION_ABSOLUTE_DAYS * DAY),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
  }
  await asSystem((tx) => tx.insert(sessions).values(session))
  return { token, session }
}

export type ValidSession = NonNullable<Awaited<ReturnType<typeof validateSession>>>

/** Returns the session with its user, active org and role, or null when unknown, expired or deactivated. */
export function validateSessionToken(token: string) {
  return validateSession(hashToken(token))
}

/** The same check by stored id (the token's hash): open sockets re-read their session with it. */
export async function validateSession(id: string) {
  // Runs on every request: one statement, no transaction.
  const rows = await systemDb()
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, locale: users.locale },
      org: {
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        slug: organizations.slug,
        locale: organizations.locale,
        timeZone: organizations.timeZone,
        defaultCurrency: organizations.defaultCurrency,
      },
      role: memberships.role,
      membershipStatus: memberships.status,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, sessions.orgId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, sessions.userId), eq(memberships.orgId, sessions.orgId)),
    )
    .where(eq(sessions.id, id))
    .limit(1)
  const row = rows[0]
  if (!row) return null
  const now = Date.now()
  if (
    row.membershipStatus !== 'active' ||
    row.session.expiresAt.getTime() <= now ||
    row.session.idleExpiresAt.getTime() <= now
  ) {
    await invalidateSession(id)
    return null
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL) {
    const idleExpiresAt = new Date(
      Math.min(now + getConfig().SESSION_IDLE_DAYS * DAY, row.session.expiresAt.getTime()),
    )
    await asSystem((tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: new Date(now), idleExpiresAt })
        .where(eq(sessions.id, id)),
    )
    row.session.lastSeenAt = new Date(now)
    row.session.idleExpiresAt = idleExpiresAt
  }
  return { session: row.session, user: row.user, org: row.org, role: row.role }
}

export async function invalidateSession(sessionId: string) {
  await asSystem((tx) => tx.delete(sessions).where(eq(sessions.id, sessionId)))
  // Open sockets of an ended session are closed at once (docs/architecture.md, “Pushes (realtime)”), not at their next request.
  disconnectSessions([sessionId])
}

/** Ends every session of a user, except optionally the one in use (after a password change). */
export async function invalidateUserSessions(
  userId: string,
  options: { except?: string; orgId?: string } = {},
) {
  const conditions = [eq(sessions.userId, userId)]
  if (options.except) conditions.push(ne(sessions.id, options.except))
  if (options.orgId) conditions.push(eq(sessions.orgId, options.orgId))
  const ended = await asSystem((tx) =>
    tx
      .delete(sessions)
      .where(and(...conditions))
      .returning({ id: sessions.id }),
  )
  disconnectSessions(ended.map((s) => s.id))
}

const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' } as const

export function sessionCookie(token: string, expires: Date) {
  return serialize(SESSION_COOKIE, token, { ...cookieOptions, expires, secure: secureCookies() })
}

export function clearSessionCookie() {
  return serialize(SESSION_COOKIE, '', { ...cookieOptions, maxAge: 0, secure: secureCookies() })
}

export function readSessionToken(request: Request): string | null {
  return parse(request.headers.get('cookie') ?? '')[SESSION_COOKIE] || null
}

/**
 * Secure cookies whenever the public origin is https: behind a TLS-terminating proxy the hop to us is plain http,
 * and whether the proxy says so (X-Forwarded-Proto) must not decide it.
 */
export function secureCookies() {
  return getConfig().APP_ORIGIN.startsWith('https:')
}
