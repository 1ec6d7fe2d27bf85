import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { changePassword } from '#app/features/account/change-password.server.ts'
import { listMySessions } from '#app/features/account/list-my-sessions.server.ts'
import { revokeOtherSessions, revokeSession } from '#app/features/account/revoke-session.server.ts'
import { ChangePasswordSchema } from '#app/features/account/schemas.ts'
import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import { verifyPassword } from '#app/features/auth/password.server.ts'
import { createSession, validateSessionToken } from '#app/features/auth/session.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { closeDatabase } from '#db/client.ts'
import { auditEvents, type User, users } from '#db/schema/index.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'

beforeAll(ensureMigrated)
afterAll(closeDatabase)

const PASSWORD = 'correct horse battery staple'
const meta = { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }

/** What runService gives a route, built by hand: an RLS-scoped transaction for this user. */
function as<T>(orgId: string, user: Pick<User, 'id'>, fn: (ctx: ServiceContext) => Promise<T>) {
  const scope = { orgId, userId: user.id }
  return withTenant(scope, (tx) =>
    fn({
      tx,
      orgId,
      userId: user.id,
      orgKind: 'manufacturer',
      role: 'member',
      audit: (event) => recordAudit(tx, { ...scope, ip: null, requestId: null }, event),
    }),
  )
}

async function world() {
  return asSystem(async (tx) => {
    const org = await createOrg(tx, { kind: 'manufacturer' })
    const me = await createMember(tx, { orgId: org.id, role: 'member', password: PASSWORD })
    const colleague = await createMember(tx, { orgId: org.id, role: 'member', password: PASSWORD })
    return { org, me, colleague }
  })
}

describe('password change', () => {
  // Ending the other sessions is the route's part: covered over HTTP in sessions.test.ts.
  test('stores the new hash and audits the change', async () => {
    const { org, me } = await world()
    const changed = await as(org.id, me, (ctx) =>
      changePassword(ctx, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }),
    )
    expect(changed).toBe(true)
    const [row] = await asSystem((tx) => tx.select().from(users).where(eq(users.id, me.id)))
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(row?.passwordHash ?? '', 'a brand new passphrase')).toBe(true)
    const audit = await asSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.orgId, org.id)))
    expect(audit.map((e) => e.action)).toContain('auth.password_changed')
  })

  test('a wrong current password changes nothing', async () => {
    const { org, me } = await world()
    const [before] = await asSystem((tx) => tx.select().from(users).where(eq(users.id, me.id)))
    const changed = await as(org.id, me, (ctx) =>
      changePassword(ctx, { currentPassword: 'not my password', newPassword: 'a brand new passphrase' }),
    )
    expect(changed).toBe(false)
    const [after] = await asSystem((tx) => tx.select().from(users).where(eq(users.id, me.id)))
    expect(after?.passwordHash).toBe(before?.passwordHash)
  })

  test('the new password must be long enough and typed twice alike', () => {
    const messages = (input: Record<string, string>) =>
      ChangePasswordSchema.safeParse(input).error?.issues.map((i) => i.message) ?? []
    expect(messages({ currentPassword: 'x', newPassword: 'short', confirm: 'short' })).toContain(
      'validation.passwordTooShort',
    )
    expect(
      messages({ currentPassword: 'x', newPassword: 'long enough words', confirm: 'long enough word' }),
    ).toContain('validation.passwordMismatch')
  })
})

describe('sessions', () => {
  test("revoking someone else's session id does nothing", async () => {
    const { org, me, colleague } = await world()
    const theirs = await createSession(colleague.id, org.id, meta)
    const error = await as(org.id, me, (ctx) => revokeSession(ctx, { sessionId: theirs.session.id })).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('not_found')
    expect((await validateSessionToken(theirs.token))?.user.id).toBe(colleague.id)
  })

  test('lists only my own sessions; I can end one, or all but the current', async () => {
    const { org, me, colleague } = await world()
    const current = await createSession(me.id, org.id, meta)
    const laptop = await createSession(me.id, org.id, meta)
    const phone = await createSession(me.id, org.id, meta)
    const theirs = await createSession(colleague.id, org.id, meta)
    const mine = await as(org.id, me, listMySessions)
    expect(mine.map((s) => s.id).sort()).toEqual(
      [current.session.id, laptop.session.id, phone.session.id].sort(),
    )
    await as(org.id, me, (ctx) => revokeSession(ctx, { sessionId: laptop.session.id }))
    expect(await validateSessionToken(laptop.token)).toBeNull()
    const { count } = await as(org.id, me, (ctx) =>
      revokeOtherSessions(ctx, { currentSessionId: current.session.id }),
    )
    expect(count).toBe(1)
    expect(await validateSessionToken(phone.token)).toBeNull()
    expect(await validateSessionToken(current.token)).not.toBeNull()
    expect(await validateSessionToken(theirs.token)).not.toBeNull()
    const audit = await asSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.orgId, org.id)))
    expect(audit.filter((e) => e.action === 'auth.session_revoked')).toHaveLength(2)
  })
})
