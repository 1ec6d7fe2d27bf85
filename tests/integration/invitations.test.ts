import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyPassword } from '#app/features/auth/password.server.ts'
import { validateSessionToken } from '#app/features/auth/session.server.ts'
import { acceptInvitation, findInvitation } from '#app/features/invitations/accept-invitation.server.ts'
import { inviteColleague } from '#app/features/invitations/create-invitation.server.ts'
import {
  emailColleagueInvitation,
  emailPartnerInvitation,
} from '#app/features/invitations/email-invitation.server.ts'
import { invitePartner } from '#app/features/invitations/invite-partner.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { hashToken } from '#app/lib/tokens.server.ts'
import { resetConfig } from '#config/env.ts'
import { closeDatabase } from '#db/client.ts'
import {
  auditEvents,
  emailOutbox,
  invitations,
  memberships,
  organizations,
  partnerships,
  users,
} from '#db/schema/index.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'
import { asCaller, type Caller } from './service-context.ts'
import { type SmtpHelper, startSmtpServer } from './smtp.ts'

const origin = 'http://tandem.test'
const meta = { ip: '127.0.0.1', userAgent: 'vitest', requestId: null }
let smtp: SmtpHelper
let admin: Caller & { name: string; orgName: string }
let manager: Caller

beforeAll(async () => {
  await ensureMigrated()
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetConfig()
  const org = await asSystem((tx) => createOrg(tx, { kind: 'manufacturer' }))
  const adminUser = await asSystem((tx) => createMember(tx, { orgId: org.id, role: 'admin' }))
  const managerUser = await asSystem((tx) => createMember(tx, { orgId: org.id, role: 'manager' }))
  admin = {
    orgId: org.id,
    userId: adminUser.id,
    orgKind: 'manufacturer',
    role: 'admin',
    name: adminUser.name,
    orgName: org.name,
  }
  manager = { orgId: org.id, userId: managerUser.id, orgKind: 'manufacturer', role: 'manager' }
})

afterAll(async () => {
  delete process.env.SMTP_URL
  resetConfig()
  await smtp?.close()
  await closeDatabase()
})

const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@invitee.test`
const tokenIn = (text: string) => /[?&]token=([a-z2-7]+)/.exec(text)?.[1] ?? ''

/** As the route does it: invitation and email in one transaction. */
function inviteAndMail(email: string, role: Caller['role'] = 'member') {
  return asCaller(admin, async (ctx) => {
    const invitation = await inviteColleague(ctx, { email, role })
    const sent = await emailColleagueInvitation({
      origin,
      orgId: admin.orgId,
      orgName: admin.orgName,
      locale: 'en',
      inviterName: admin.name,
      invitation,
      tx: ctx.tx,
    })
    return { invitation, sent }
  })
}

describe('colleague invitations', () => {
  test('are delivered over SMTP with a link whose token is stored only as a hash', async () => {
    const email = uniqueEmail('colleague')
    const { sent } = await inviteAndMail(email, 'manager')
    expect(sent.delivered).toBe('smtp')
    const mail = await smtp.waitForMail(email)
    expect(mail.subject).toContain(admin.orgName)
    expect(mail.text).toContain(`${origin}/invitations/accept?token=`)
    expect(mail.html).toContain('/invitations/accept?token=')
    const token = tokenIn(mail.text)
    expect(token).toMatch(/^[a-z2-7]{32}$/)

    const rows = await asSystem((tx) => tx.select().from(invitations).where(eq(invitations.email, email)))
    expect(rows).toHaveLength(1)
    expect(rows[0].tokenHash).toBe(hashToken(token))
    expect(JSON.stringify(rows)).not.toContain(token)
    expect(await findInvitation(token)).toMatchObject({ state: 'valid', email, role: 'manager' })
  })

  test('an admin cannot hand out the owner role, and a member is not invited twice', async () => {
    await expect(
      asCaller(admin, (ctx) => inviteColleague(ctx, { email: uniqueEmail('boss'), role: 'owner' })),
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(
      asCaller(manager, (ctx) => inviteColleague(ctx, { email: uniqueEmail('x'), role: 'member' })),
    ).rejects.toBeInstanceOf(AppError)
    const [member] = await asSystem((tx) =>
      tx.select({ email: users.email }).from(users).where(eq(users.id, manager.userId)),
    )
    await expect(
      asCaller(admin, (ctx) => inviteColleague(ctx, { email: member.email, role: 'member' })),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  test('re-inviting revokes the older link', async () => {
    const email = uniqueEmail('twice')
    const first = await asCaller(admin, (ctx) => inviteColleague(ctx, { email, role: 'member' }))
    const second = await asCaller(admin, (ctx) => inviteColleague(ctx, { email, role: 'viewer' }))
    expect(await findInvitation(first.token)).toEqual({ state: 'revoked' })
    expect(await findInvitation(second.token)).toMatchObject({ state: 'valid', role: 'viewer' })
  })

  test('accepting creates the user and membership and signs them in; the link works once', async () => {
    const email = uniqueEmail('joiner')
    await inviteAndMail(email, 'member')
    const token = tokenIn((await smtp.waitForMail(email)).text)
    const result = await acceptInvitation({ token, name: 'Jo Joiner', password: 'a long new password' }, meta)
    expect(result.state).toBe('accepted')
    if (result.state !== 'accepted') return
    const [user] = await asSystem((tx) => tx.select().from(users).where(eq(users.email, email)))
    expect(user.name).toBe('Jo Joiner')
    expect(await verifyPassword(user.passwordHash ?? '', 'a long new password')).toBe(true)
    const session = await validateSessionToken(result.session.token)
    expect(session).toMatchObject({ org: { id: admin.orgId }, role: 'member', user: { email } })

    expect(await acceptInvitation({ token, name: 'Again', password: 'a long new password' }, meta)).toEqual({
      state: 'used',
    })
    expect(await findInvitation(token)).toEqual({ state: 'used' })
  })

  test('an expired link is refused, and a tampered one is invalid', async () => {
    const email = uniqueEmail('late')
    const { invitation } = await inviteAndMail(email)
    const tampered = `${invitation.token.slice(0, -1)}${invitation.token.endsWith('a') ? 'b' : 'a'}`
    expect(await findInvitation(tampered)).toEqual({ state: 'invalid' })
    expect(await findInvitation('not a token')).toEqual({ state: 'invalid' })
    await asSystem((tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, invitation.invitationId)),
    )
    expect(await findInvitation(invitation.token)).toEqual({ state: 'expired' })
    expect(
      await acceptInvitation(
        { token: invitation.token, name: 'Late', password: 'a long new password' },
        meta,
      ),
    ).toEqual({ state: 'expired' })
    const created = await asSystem((tx) => tx.select().from(users).where(eq(users.email, email)))
    expect(created).toEqual([])
  })

  test('someone who already has an account joins with their existing password, which stays unchanged', async () => {
    const other = await asSystem((tx) => createOrg(tx, { kind: 'retailer' }))
    const existing = await asSystem((tx) =>
      createMember(tx, { orgId: other.id, role: 'owner', password: 'my existing password' }),
    )
    const { invitation } = await inviteAndMail(existing.email, 'viewer')
    expect(await findInvitation(invitation.token)).toMatchObject({ state: 'valid', existingUser: true })
    expect(await acceptInvitation({ token: invitation.token, password: 'wrong password!' }, meta)).toEqual({
      state: 'wrongPassword',
    })
    const result = await acceptInvitation({ token: invitation.token, password: 'my existing password' }, meta)
    expect(result).toMatchObject({ state: 'accepted', userId: existing.id, orgId: admin.orgId })
    const [user] = await asSystem((tx) => tx.select().from(users).where(eq(users.id, existing.id)))
    expect(user.passwordHash).toBe(existing.passwordHash)
  })
})

describe('partner invitations', () => {
  test('create the org, an invited partnership and the first admin invitation, and email it', async () => {
    const email = uniqueEmail('partner-admin')
    const result = await asCaller(manager, async (ctx) => {
      const invited = await invitePartner(ctx, {
        orgName: 'Northwind Retail',
        kind: 'retailer',
        tier: 'gold',
        email,
      })
      await emailPartnerInvitation({
        origin,
        hostOrgId: ctx.orgId,
        locale: 'en',
        invitation: invited,
        tx: ctx.tx,
      })
      return invited
    })
    const mail = await smtp.waitForMail(email)
    expect(mail.subject).toContain(admin.orgName)
    expect(mail.text).toContain('Northwind Retail')

    const [org] = await asSystem((tx) =>
      tx.select().from(organizations).where(eq(organizations.id, result.partnerOrgId)),
    )
    expect(org).toMatchObject({ kind: 'retailer', name: 'Northwind Retail' })
    const [partnership] = await asSystem((tx) =>
      tx.select().from(partnerships).where(eq(partnerships.id, result.partnershipId)),
    )
    expect(partnership).toMatchObject({
      hostOrgId: manager.orgId,
      partnerOrgId: org.id,
      kind: 'channel',
      tier: 'gold',
      status: 'invited',
      accountManagerId: manager.userId,
    })
    const token = tokenIn(mail.text)
    expect(await findInvitation(token)).toMatchObject({
      state: 'valid',
      orgName: 'Northwind Retail',
      role: 'owner',
    })

    // The host sees the new partner once the partnership links them (RLS).
    const seen = await withTenant({ orgId: manager.orgId, userId: manager.userId }, (tx) =>
      tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, org.id)),
    )
    expect(seen).toHaveLength(1)

    const accepted = await acceptInvitation(
      { token, name: 'Nia North', password: 'partner password 1' },
      meta,
    )
    expect(accepted.state).toBe('accepted')
    const [membership] = await asSystem((tx) =>
      tx
        .select({ role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(users.email, email), eq(memberships.orgId, org.id))),
    )
    expect(membership.role).toBe('owner')
    const [after] = await asSystem((tx) =>
      tx.select().from(partnerships).where(eq(partnerships.id, result.partnershipId)),
    )
    expect(after.status).toBe('active')
    const audit = await asSystem((tx) =>
      tx.select({ orgId: auditEvents.orgId, action: auditEvents.action }).from(auditEvents),
    )
    expect(audit).toContainEqual({ orgId: org.id, action: 'invitation.accepted' })
    expect(audit).toContainEqual({ orgId: manager.orgId, action: 'partnership.activated' })
    expect(audit).toContainEqual({ orgId: manager.orgId, action: 'partnership.invited' })
    expect(await findInvitation(token)).toEqual({ state: 'used' })
  })

  test('a customer partner gets a customer partnership', async () => {
    const result = await asCaller(manager, (ctx) =>
      invitePartner(ctx, {
        orgName: 'Hotel Sol',
        kind: 'customer',
        tier: 'standard',
        email: uniqueEmail('c'),
      }),
    )
    const [partnership] = await asSystem((tx) =>
      tx.select().from(partnerships).where(eq(partnerships.id, result.partnershipId)),
    )
    expect(partnership.kind).toBe('customer')
  })

  test('only manufacturers may invite partners', async () => {
    const retailer = await asSystem((tx) => createOrg(tx, { kind: 'retailer' }))
    const owner = await asSystem((tx) => createMember(tx, { orgId: retailer.id, role: 'owner' }))
    const caller: Caller = { orgId: retailer.id, userId: owner.id, orgKind: 'retailer', role: 'owner' }
    await expect(
      asCaller(caller, (ctx) =>
        invitePartner(ctx, { orgName: 'Sub', kind: 'retailer', tier: 'standard', email: uniqueEmail('s') }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
  })
})

describe('without SMTP', () => {
  test('the email is kept in the org outbox, visible to that org only', async () => {
    delete process.env.SMTP_URL
    resetConfig()
    try {
      const email = uniqueEmail('outbox')
      const { sent } = await inviteAndMail(email)
      expect(sent.delivered).toBe('outbox')
      const rows = await withTenant({ orgId: admin.orgId, userId: admin.userId }, (tx) =>
        tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)),
      )
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ id: sent.id, template: 'invitation', orgId: admin.orgId })
      expect(rows[0].text).toContain(`${origin}/invitations/accept?token=`)
      expect(rows[0].html).toContain('<html')
      const other = await asSystem((tx) => createOrg(tx, { kind: 'manufacturer' }))
      const hidden = await withTenant({ orgId: other.id, userId: null }, (tx) =>
        tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)),
      )
      expect(hidden).toEqual([])
      expect(smtp.messages.find((m) => m.to.includes(email))).toBeUndefined()
    } finally {
      process.env.SMTP_URL = smtp.url
      resetConfig()
    }
  })
})

test('when the email cannot be sent, the invitation is not kept, so a retry starts clean', async () => {
  process.env.SMTP_URL = 'smtp://127.0.0.1:1'
  resetConfig()
  try {
    const email = uniqueEmail('unreachable')
    await expect(inviteAndMail(email)).rejects.toThrow()
    const rows = await asSystem((tx) => tx.select().from(invitations).where(eq(invitations.email, email)))
    expect(rows).toEqual([])
  } finally {
    process.env.SMTP_URL = smtp.url
    resetConfig()
  }
})
