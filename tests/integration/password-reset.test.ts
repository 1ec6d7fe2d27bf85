import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { verifyPassword } from '#app/features/auth/password.server.ts'
import { requestPasswordReset } from '#app/features/auth/request-password-reset.server.ts'
import { checkPasswordResetToken, resetPassword } from '#app/features/auth/reset-password.server.ts'
import { createSession, validateSessionToken } from '#app/features/auth/session.server.ts'
import { hashToken } from '#app/lib/tokens.server.ts'
import { resetConfig } from '#config/env.ts'
import { closeDatabase } from '#db/client.ts'
import { auditEvents, emailOutbox, passwordResets, users } from '#db/schema/index.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'
import { type SmtpHelper, startSmtpServer } from './smtp.ts'

const origin = 'http://tandem.test'
const meta = { ip: '127.0.0.1', requestId: null }
let smtp: SmtpHelper

beforeAll(async () => {
  await ensureMigrated()
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetConfig()
})

afterAll(async () => {
  delete process.env.SMTP_URL
  resetConfig()
  await smtp?.close()
  await closeDatabase()
})

async function member(password = 'the old password') {
  const org = await asSystem((tx) => createOrg(tx, { kind: 'retailer' }))
  const user = await asSystem((tx) => createMember(tx, { orgId: org.id, role: 'member', password }))
  return { org, user }
}

const tokenIn = (text: string) => /[?&]token=([a-z2-7]+)/.exec(text)?.[1] ?? ''

test('a reset link by email sets a new password once and ends every session', async () => {
  const { org, user } = await member()
  const sessions = await Promise.all([
    createSession(user.id, org.id, { ip: null, userAgent: 'laptop' }),
    createSession(user.id, org.id, { ip: null, userAgent: 'phone' }),
  ])
  expect(await requestPasswordReset({ email: user.email.toUpperCase(), origin })).toMatchObject({
    sent: true,
  })
  const mail = await smtp.waitForMail(user.email)
  expect(mail.text).toContain(`${origin}/reset-password?token=`)
  const token = tokenIn(mail.text)
  const [stored] = await asSystem((tx) =>
    tx.select().from(passwordResets).where(eq(passwordResets.userId, user.id)),
  )
  expect(stored.tokenHash).toBe(hashToken(token))
  expect(await checkPasswordResetToken(token)).toBeNull()

  expect(await resetPassword({ token, password: 'a brand new password' }, meta)).toEqual({
    state: 'reset',
    userId: user.id,
  })
  for (const session of sessions) expect(await validateSessionToken(session.token)).toBeNull()
  const [updated] = await asSystem((tx) => tx.select().from(users).where(eq(users.id, user.id)))
  expect(await verifyPassword(updated.passwordHash ?? '', 'a brand new password')).toBe(true)
  expect(await verifyPassword(updated.passwordHash ?? '', 'the old password')).toBe(false)
  const audit = await asSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.orgId, org.id)))
  expect(audit.map((a) => a.action)).toContain('auth.password_reset')

  // One-time: the same link cannot set another password.
  expect(await checkPasswordResetToken(token)).toBe('used')
  expect(await resetPassword({ token, password: 'an attacker password' }, meta)).toEqual({ state: 'used' })
})

test('an expired link is refused and a made-up one is invalid', async () => {
  const { user } = await member()
  await requestPasswordReset({ email: user.email, origin })
  const token = tokenIn((await smtp.waitForMail(user.email)).text)
  await asSystem((tx) =>
    tx
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id)),
  )
  expect(await resetPassword({ token, password: 'too late password' }, meta)).toEqual({ state: 'expired' })
  expect(await checkPasswordResetToken('abcdefghijklmnopqrstuvwxyz234567')).toBe('invalid')
  const [unchanged] = await asSystem((tx) => tx.select().from(users).where(eq(users.id, user.id)))
  expect(await verifyPassword(unchanged.passwordHash ?? '', 'the old password')).toBe(true)
})

test('an unknown email sends nothing and stores nothing', async () => {
  const email = `nobody-${crypto.randomUUID().slice(0, 8)}@nowhere.test`
  const before = smtp.messages.length
  expect(await requestPasswordReset({ email, origin })).toEqual({ sent: false })
  await expect(smtp.waitForMail(email, 300)).rejects.toThrow()
  expect(smtp.messages.length).toBe(before)
})

test('without SMTP the reset link is handed to the operator log, never to an org owner’s outbox', async () => {
  const { user } = await member()
  delete process.env.SMTP_URL
  resetConfig()
  try {
    const outcome = await requestPasswordReset({ email: user.email, origin })
    expect(outcome).toMatchObject({ sent: true, delivered: 'log' })
    expect(outcome.sent && outcome.logText).toContain(`${origin}/reset-password?token=`)
    const rows = await asSystem((tx) =>
      tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email)),
    )
    expect(rows).toEqual([])
  } finally {
    process.env.SMTP_URL = smtp.url
    resetConfig()
  }
})
