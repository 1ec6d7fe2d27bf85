import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sendChatDigests } from '#app/features/chat/send-chat-digests.server.ts'
import { resetConfig } from '#config/env.ts'
import { channels, chatReads, users } from '#db/schema/index.ts'
import { createMessageRecord } from '#db/seed/collaboration-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { type SmtpHelper, startSmtpServer } from './smtp.ts'
import { createWorld, type World } from './world.ts'

// Chat digests through a real SMTP receiver: one email per channel per interval for unread messages by others,
// nothing for what was read, nothing twice, nothing across tenants.

let smtp: SmtpHelper
let h: Harness
let world: World
let channel: typeof channels.$inferSelect
const origin = 'http://tandem.test'
const HOUR = 60 * 60 * 1000

beforeAll(async () => {
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetConfig()
  h = await startHarness()
  world = await createWorld()
  ;[channel] = await asSystem((tx) =>
    tx.select().from(channels).where(eq(channels.partnershipId, world.partnerships.ar.id)),
  )
})

afterAll(async () => {
  delete process.env.SMTP_URL
  resetConfig()
  await h?.close()
  await smtp?.close()
})

/** Digests to this person about the A–R partnership channel (the internal channel has its own). */
const mailTo = (email: string) =>
  smtp.messages.filter((m) => m.to.includes(email.toLowerCase()) && m.text.includes(`/chat/${channel.id}`))

async function post(body: string, at: Date, author = world.r.owner.id, authorOrgId = world.r.org.id) {
  const [fresh] = await asSystem((tx) => tx.select().from(channels).where(eq(channels.id, channel.id)))
  return asSystem((tx) =>
    createMessageRecord(tx, { channel: fresh, authorId: author, authorOrgId, body, at }),
  )
}

async function setPreference(userId: string, chatDigest: 'immediately' | 'hourly' | 'daily' | 'never') {
  await asSystem((tx) => tx.update(users).set({ chatDigest }).where(eq(users.id, userId)))
}

/** Lets the SMTP receiver take in anything still on its way. */
const settle = () => new Promise((r) => setTimeout(r, 300))

// A sweep covers every person in the shared test database (every test file's world), so it takes longer than one
// request.
describe('chat digests', { timeout: 120_000 }, () => {
  test('an unread message produces one digest with a link; a read one produces none; the author gets none', async () => {
    const manager = world.a.members.manager
    const owner = world.a.members.owner
    await setPreference(world.a.members.member.id, 'never')
    const message = await post(`Unread spring question ${world.marker}`, new Date(Date.now() - 2 * HOUR))
    // The owner reads up to it; the manager does not.
    await asSystem((tx) =>
      tx
        .insert(chatReads)
        .values({
          channelId: channel.id,
          userId: owner.id,
          orgId: channel.orgId,
          partnershipId: channel.partnershipId,
          lastReadId: message.id,
        })
        .onConflictDoUpdate({
          target: [chatReads.channelId, chatReads.userId],
          set: { lastReadId: message.id },
        }),
    )
    await sendChatDigests({ origin, now: new Date(Date.now() + 2 * HOUR) })
    await settle()
    const mails = mailTo(manager.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toMatch(/unread messages? in /)
    expect(mails[0].text).toContain(`Unread spring question ${world.marker}`)
    expect(mails[0].text).toContain(`${origin}/chat/${channel.id}`)
    expect(mailTo(owner.email)).toHaveLength(0)
    expect(mailTo(world.r.owner.email)).toHaveLength(0)
    expect(mailTo(world.a.members.member.email)).toHaveLength(0)
    // Portal users never hear about internal channels; the foreign world never hears about A's channels.
    const internal = smtp.messages.filter((m) => m.text.includes(`Home`) && m.subject.includes('internal'))
    expect(internal.some((m) => m.to.includes(world.a.members.portal.email.toLowerCase()))).toBe(false)
    expect(internal.some((m) => m.to.includes(manager.email.toLowerCase()))).toBe(true)
    for (const mail of smtp.messages.filter((m) =>
      m.to.some((to) => to.includes('zeta.test') || to.includes('yonder.test')),
    )) {
      expect(mail.text).not.toContain(channel.id)
    }
  })

  test('a second sweep sends nothing; a new message within the interval waits; after it, one more digest', async () => {
    const manager = world.a.members.manager
    const before = mailTo(manager.email).length
    const later = new Date(Date.now() + 2 * HOUR)
    await sendChatDigests({ origin, now: later })
    await post('Follow-up within the hour', new Date(Date.now() - 2 * HOUR))
    await sendChatDigests({ origin, now: new Date(later.getTime() + 10 * 60 * 1000) })
    await settle()
    expect(mailTo(manager.email)).toHaveLength(before)
    await sendChatDigests({ origin, now: new Date(later.getTime() + 2 * HOUR) })
    await settle()
    const mails = mailTo(manager.email)
    expect(mails).toHaveLength(before + 1)
    expect(mails.at(-1)?.text).toContain('Follow-up within the hour')
    expect(mails.at(-1)?.text).not.toContain('Unread spring question')
  })

  test('two sweeps at once send one email per person and channel', async () => {
    const admin = world.a.members.admin
    await setPreference(admin.id, 'immediately')
    const now = new Date(Date.now() + 10 * HOUR)
    await post('Race', new Date(Date.now() - HOUR))
    const before = mailTo(admin.email).length
    await Promise.all([sendChatDigests({ origin, now }), sendChatDigests({ origin, now })])
    await settle()
    expect(mailTo(admin.email).length - before).toBe(1)
  })

  test('the preference page saves a choice and refuses nonsense', async () => {
    const cookie = await signInAs(world.a.members.viewer.id, world.a.org.id)
    expect(
      (await h.request('/account/notifications', { cookie, form: { chatDigest: 'daily' } })).status,
    ).toBe(200)
    const read = async () =>
      (
        await asSystem((tx) =>
          tx
            .select({ d: users.chatDigest })
            .from(users)
            .where(and(eq(users.id, world.a.members.viewer.id))),
        )
      )[0].d
    expect(await read()).toBe('daily')
    const bad = await h.request('/account/notifications', { cookie, form: { chatDigest: 'weekly' } })
    expect(bad.status).toBe(422)
    expect(await read()).toBe('daily')
  })
})
