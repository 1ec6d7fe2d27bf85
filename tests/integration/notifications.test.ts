import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { notifyPartnership } from '#app/features/notifications/notify.server.ts'
import { sendNotificationEmails } from '#app/features/notifications/send-notification-emails.server.ts'
import { resetConfig } from '#config/env.ts'
import { type DigestInterval, notifications, users } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { fundPartnership } from './funded-partnership.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, hostCaller } from './service-context.ts'
import { type SmtpHelper, startSmtpServer } from './smtp.ts'
import { createWorld, type World } from './world.ts'

// Notifications: a promotion step tells the right people of the partnership in the app (never the actor, never
// another org), each person reads and marks only their own, and email follows each person's preference through a
// real SMTP receiver: one email per due person listing what is pending, nothing read, nothing for "never",
// nothing twice when sweeps race, and one email per interval for several notifications.

let smtp: SmtpHelper
let h: Harness
let world: World
const origin = 'http://tandem.test'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

beforeAll(async () => {
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetConfig()
  h = await startHarness()
  world = await createWorld()
})

afterAll(async () => {
  delete process.env.SMTP_URL
  resetConfig()
  await h?.close()
  await smtp?.close()
})

function notificationsOf(sourceId: string, kind: string) {
  return asSystem((tx) =>
    tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.sourceId, sourceId), eq(notifications.kind, kind))),
  )
}

describe('in the app', () => {
  let promotionId: string
  let cookies: Record<'manager' | 'admin' | 'retailer' | 'foreign', string>

  beforeAll(async () => {
    cookies = {
      manager: await signInAs(world.a.members.manager.id, world.a.org.id),
      admin: await signInAs(world.a.members.admin.id, world.a.org.id),
      retailer: await signInAs(world.r.owner.id, world.r.org.id),
      foreign: await signInAs(world.foreign.zOwner.id, world.foreign.z.id),
    }
    const { allocation } = await fundPartnership(world, { name: `Notify ${world.marker}` })
    const created = await h.request('/promotions/new', {
      cookie: cookies.retailer,
      form: { ...promotionPlan('Autumn end-caps'), intent: 'save', partnershipId: world.partnerships.ar.id },
    })
    expect(created.status).toBe(302)
    const url = locationOf(created) as string
    promotionId = url.split('/').at(-1) as string
    const submitted = await h.request(url, {
      cookie: cookies.retailer,
      form: { intent: 'submit', allocationId: allocation.id, amount: '1000.00' },
    })
    expect(locationOf(submitted)).toBe(`${url}?done=submitted`)
  })

  test("a promotion submitted by the partner notifies the host's managers, not the actor nor another org", async () => {
    const rows = await notificationsOf(promotionId, 'promotion.submitted')
    const { owner, admin, manager } = world.a.members
    expect(rows.map((r) => r.userId).sort()).toEqual([owner.id, admin.id, manager.id].sort())
    expect(rows.every((r) => r.orgId === world.a.org.id && r.actorId === world.r.owner.id)).toBe(true)
    expect(rows.every((r) => r.link === `/promotions/${promotionId}` && r.readAt === null)).toBe(true)
    // The draft itself was news for the host too; the partner's own people heard of neither step.
    const created = await notificationsOf(promotionId, 'promotion.created')
    expect(created.map((r) => r.userId).sort()).toEqual([owner.id, admin.id, manager.id].sort())
    const everyone = await asSystem((tx) =>
      tx.select().from(notifications).where(eq(notifications.sourceId, promotionId)),
    )
    expect(everyone.some((r) => r.userId === world.r.owner.id)).toBe(false)
    expect(everyone.some((r) => world.foreign.orgIds.includes(r.orgId))).toBe(false)

    const page = await (await h.request('/notifications', { cookie: cookies.manager })).text()
    expect(page).toContain('asked for')
    expect(page).toContain('of funding for Autumn end-caps')
    const dashboard = await (await h.request('/dashboard', { cookie: cookies.manager })).text()
    expect(dashboard).toContain('Notifications, 2 unread')
    const retailerPage = await (await h.request('/notifications', { cookie: cookies.retailer })).text()
    expect(retailerPage).not.toContain('Autumn end-caps')
  })

  test('the decision goes to the other side: the partner hears of the approval, the approver does not', async () => {
    const approved = await h.request(`/promotions/${promotionId}`, {
      cookie: cookies.manager,
      form: { intent: 'approve', amount: '800.00' },
    })
    expect(locationOf(approved)).toBe(`/promotions/${promotionId}?done=approved`)
    const rows = await notificationsOf(promotionId, 'promotion.approved')
    expect(rows.map((r) => r.userId)).toEqual([world.r.owner.id])
    const page = await (await h.request('/notifications', { cookie: cookies.retailer })).text()
    expect(page).toContain('approved')
    expect(page).toContain('for Autumn end-caps')
  })

  test("a person cannot open or mark another person's notification (404), only their own", async () => {
    const [mine] = (await notificationsOf(promotionId, 'promotion.submitted')).filter(
      (r) => r.userId === world.a.members.manager.id,
    )
    const url = `/notifications/${mine.id}`
    for (const who of ['admin', 'retailer', 'foreign'] as const) {
      expect((await h.request(url, { cookie: cookies[who] })).status, `${who} GET`).toBe(404)
      const post = await h.request(url, { cookie: cookies[who], form: { intent: 'open' } })
      expect(post.status, `${who} POST`).toBe(404)
      expect(post.headers.get('location')).toBeNull()
    }
    const readAt = async () =>
      (await asSystem((tx) => tx.select().from(notifications).where(eq(notifications.id, mine.id))))[0].readAt
    expect(await readAt()).toBeNull()

    const opened = await h.request(url, { cookie: cookies.manager, form: { intent: 'open' } })
    expect(opened.status).toBe(302)
    expect(locationOf(opened)).toBe(`/promotions/${promotionId}`)
    expect(await readAt()).not.toBeNull()
  })

  test("mark all read marks the caller's own only, and an unknown intent is refused", async () => {
    const unknown = await h.request('/notifications?index', { cookie: cookies.admin, form: { intent: 'x' } })
    expect(unknown.status).toBe(400)
    const marked = await h.request('/notifications?index', {
      cookie: cookies.admin,
      form: { intent: 'markAllRead' },
    })
    expect(marked.status).toBe(200)
    const rows = await asSystem((tx) =>
      tx.select().from(notifications).where(eq(notifications.sourceId, promotionId)),
    )
    const admin = rows.filter((r) => r.userId === world.a.members.admin.id)
    expect(admin.length).toBeGreaterThan(0)
    expect(admin.every((r) => r.readAt !== null)).toBe(true)
    const owner = rows.filter((r) => r.userId === world.a.members.owner.id)
    expect(owner.every((r) => r.readAt === null)).toBe(true)
    const dashboard = await (await h.request('/dashboard', { cookie: cookies.admin })).text()
    expect(dashboard).not.toMatch(/Notifications, \d+ unread/)
  })
})

describe('by email', () => {
  let w: World
  beforeAll(async () => {
    w = await createWorld()
    await readWorldSample(w)
  })

  /** The world comes with a sample notification for A's owner: read, so it stays out of these emails. */
  const readWorldSample = (world: World) =>
    asSystem((tx) =>
      tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(inArray(notifications.orgId, world.home.orgIds)),
    )

  const mailTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email.toLowerCase()))
  /** Lets the SMTP receiver take in anything still on its way. */
  const settle = () => new Promise((r) => setTimeout(r, 300))

  async function prefer(userId: string, notificationEmail: DigestInterval, locale: string | null = null) {
    await asSystem((tx) => tx.update(users).set({ notificationEmail, locale }).where(eq(users.id, userId)))
  }

  /** A host member (not a host recipient) tells both sides: A's owner, admin and manager, and R's owner. */
  const notify = (promotion: string, world = w) =>
    asCaller(hostCaller(world, 'member'), (ctx) =>
      notifyPartnership(ctx, {
        partnershipId: world.partnerships.ar.id,
        audience: 'both',
        kind: 'promotion.live',
        messageKey: 'promotionLive',
        values: { promotion },
        link: `/promotions/${crypto.randomUUID()}`,
      }),
    )

  test('one email per due person with the pending items; none for read ones, none for "never"', async () => {
    const { owner, admin, manager } = w.a.members
    await prefer(owner.id, 'immediately')
    await prefer(admin.id, 'never')
    await prefer(manager.id, 'immediately')
    await prefer(w.r.owner.id, 'immediately', 'fa')
    await notify(`Winter display ${w.marker}`)
    await notify(`Winter flyer ${w.marker}`)
    // The manager reads both in the app before the sweep.
    await asSystem((tx) =>
      tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(
          and(eq(notifications.userId, manager.id), eq(notifications.partnershipId, w.partnerships.ar.id)),
        ),
    )
    const now = new Date(Date.now() + MINUTE)
    await sendNotificationEmails({ origin, now })
    await settle()

    const mails = mailTo(owner.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe('2 new notifications on Tandem')
    expect(mails[0].text).toContain(`Winter display ${w.marker} is live`)
    expect(mails[0].text).toContain(`Winter flyer ${w.marker} is live`)
    expect(mails[0].text).toContain(`${origin}/notifications`)
    expect(mailTo(admin.email)).toHaveLength(0)
    expect(mailTo(manager.email)).toHaveLength(0)
    expect(mailTo(w.a.members.member.email)).toHaveLength(0)
    // In the reader's language.
    const persian = mailTo(w.r.owner.email)
    expect(persian).toHaveLength(1)
    expect(persian[0].subject).toContain('اعلان تازه')
    expect(persian[0].text).toContain(`Winter flyer ${w.marker} در جریان است`)

    // Emailed once: the next sweep has nothing new for anyone.
    await sendNotificationEmails({ origin, now: new Date(now.getTime() + 5 * MINUTE) })
    await settle()
    expect(mailTo(owner.email)).toHaveLength(1)
    const owners = await asSystem((tx) =>
      tx
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.userId, owner.id), eq(notifications.partnershipId, w.partnerships.ar.id)),
        ),
    )
    expect(owners).toHaveLength(2)
    expect(owners.every((n) => n.emailedAt !== null)).toBe(true)
    const admins = await asSystem((tx) =>
      tx
        .select()
        .from(notifications)
        .where(inArray(notifications.userId, [admin.id])),
    )
    expect(admins.every((n) => n.emailedAt === null)).toBe(true)
  })

  test('two sweeps at once send one email', async () => {
    const { owner } = w.a.members
    await notify(`Race ${w.marker}`)
    const before = mailTo(owner.email).length
    const now = new Date(Date.now() + 20 * MINUTE)
    await Promise.all([sendNotificationEmails({ origin, now }), sendNotificationEmails({ origin, now })])
    await settle()
    const mails = mailTo(owner.email)
    expect(mails.length - before).toBe(1)
    expect(mails.at(-1)?.text).toContain(`Race ${w.marker} is live`)
    expect(mails.at(-1)?.text).not.toContain('Winter display')
  })

  test('hourly: several notifications wait for one email, then at most one per hour', async () => {
    // A world of its own: the sweeps above already emailed this world's people.
    const fresh = await createWorld()
    await readWorldSample(fresh)
    const { manager } = fresh.a.members
    await prefer(manager.id, 'hourly')
    for (const name of ['Spring A', 'Spring B', 'Spring C']) await notify(`${name} ${w.marker}`, fresh)
    const start = Date.now() + HOUR
    // Within the hour: nothing yet.
    await sendNotificationEmails({ origin, now: new Date(Date.now() + 10 * MINUTE) })
    await settle()
    expect(mailTo(manager.email)).toHaveLength(0)
    // After it: one email listing all three.
    await sendNotificationEmails({ origin, now: new Date(start + 10 * MINUTE) })
    await settle()
    const mails = mailTo(manager.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe('3 new notifications on Tandem')
    for (const name of ['Spring A', 'Spring B', 'Spring C'])
      expect(mails[0].text).toContain(`${name} ${w.marker}`)
    // A fourth one waits for the next hour after that email, however old it is.
    await notify(`Spring D ${w.marker}`, fresh)
    await sendNotificationEmails({ origin, now: new Date(start + 40 * MINUTE) })
    await settle()
    expect(mailTo(manager.email)).toHaveLength(1)
    await sendNotificationEmails({ origin, now: new Date(start + HOUR + 20 * MINUTE) })
    await settle()
    expect(mailTo(manager.email)).toHaveLength(2)
    expect(mailTo(manager.email)[1].subject).toBe('1 new notification on Tandem')
    expect(mailTo(manager.email)[1].text).toContain(`Spring D ${w.marker}`)
    expect(mailTo(manager.email)[1].text).not.toContain('Spring A')
  })

  test('the preference page saves the notification email choice and refuses nonsense', async () => {
    const viewer = w.a.members.viewer
    const cookie = await signInAs(viewer.id, w.a.org.id)
    const read = async () =>
      (await asSystem((tx) => tx.select().from(users).where(eq(users.id, viewer.id))))[0]
    const chatBefore = (await read()).chatDigest
    const saved = await h.request('/account/notifications', { cookie, form: { notificationEmail: 'daily' } })
    expect(saved.status).toBe(200)
    expect((await read()).notificationEmail).toBe('daily')
    expect((await read()).chatDigest).toBe(chatBefore)
    const bad = await h.request('/account/notifications', { cookie, form: { notificationEmail: 'weekly' } })
    expect(bad.status).toBe(422)
    expect((await read()).notificationEmail).toBe('daily')
  })
})
