import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { channels, chatReads, quotes } from '#db/schema/index.ts'
import { createInvoiceRecord, createQuoteRecord } from '#db/seed/billing-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { foreignRecordFor } from './records.ts'
import { createWorld, type Identity, type World } from './world.ts'

// Chat over HTTP against the built server: sending (idempotent by clientId, ordered by id), catch-up by keyset,
// scroll back, search, edit/delete/react, read marks and unread counts, who may do what.

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
let arChannel: string
let internalChannel: string

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of [
    'owner',
    'manager',
    'member',
    'member_own',
    'viewer',
    'partner-retailer',
    'customer-portal',
  ] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  const rows = await asSystem((tx) =>
    tx
      .select({ id: channels.id, kind: channels.kind })
      .from(channels)
      .where(eq(channels.orgId, world.a.org.id)),
  )
  arChannel = rows.find((r) => r.kind === 'partnership')?.id ?? ''
  internalChannel = rows.find((r) => r.kind === 'internal')?.id ?? ''
})

afterAll(async () => {
  await h?.close()
})

type Sent = { status: number; message?: MessageDTO; error?: string }

async function send(
  who: Identity,
  channelId: string,
  body: string,
  extra: Record<string, string | string[]> = {},
) {
  const clientId = (extra.clientId as string | undefined) ?? crypto.randomUUID()
  const response = await h.request(`/chat/${channelId}/messages`, {
    cookie: cookies[who],
    form: { body, clientId, ...extra },
    headers: { accept: 'application/json' },
  })
  const data = (await response.json().catch(() => ({}))) as { message?: MessageDTO; error?: string }
  return { status: response.status, ...data, clientId } as Sent & { clientId: string }
}

async function messages(who: Identity, channelId: string, query = '') {
  const response = await h.request(`/chat/${channelId}/messages${query}`, { cookie: cookies[who] })
  expect(response.status).toBe(200)
  return ((await response.json()) as { messages: MessageDTO[] }).messages
}

describe('sending', () => {
  test('a partner posts, the host reads it; a retried send returns the same message', async () => {
    const first = await send('partner-retailer', arChannel, 'Can we get the spring price list?')
    expect(first.status).toBe(201)
    expect(first.message?.author.orgId).toBe(world.r.org.id)
    const again = await send('partner-retailer', arChannel, 'Can we get the spring price list?', {
      clientId: first.clientId,
    })
    expect(again.status).toBe(200)
    expect(again.message?.id).toBe(first.message?.id)
    const seen = await messages('manager', arChannel, `?after=${(first.message?.id ?? 0) - 1}`)
    expect(seen.map((m) => m.id)).toEqual([first.message?.id])
  })

  test('bad input is refused with a clear message and nothing is stored', async () => {
    const empty = await send('manager', arChannel, '   ')
    expect(empty.status).toBe(422)
    expect(empty.error).toBe('chat:errors.bodyRequired')
    const long = await send('manager', arChannel, 'x'.repeat(4001))
    expect(long.status).toBe(422)
    expect(long.error).toBe('chat:errors.bodyTooLong')
    const badReply = await send('manager', arChannel, 'reply to nothing', { replyToId: '999999999' })
    expect(badReply.status).toBe(422)
  })

  test('concurrent senders: every message appears exactly once to a reader catching up by id', async () => {
    const before = await messages('manager', arChannel)
    let last = before.at(-1)?.id ?? 0
    const seen: number[] = []
    let done = false
    // A reader polls "after the last id I saw" while 40 messages race in from both sides.
    const reader = (async () => {
      while (!done) {
        const batch = await messages('owner', arChannel, `?after=${last}&limit=200`)
        for (const m of batch) seen.push(m.id)
        last = batch.at(-1)?.id ?? last
      }
    })()
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(i % 2 ? 'manager' : 'partner-retailer', arChannel, `race ${i}`),
      ),
    )
    done = true
    await reader
    for (const m of await messages('owner', arChannel, `?after=${last}&limit=200`)) seen.push(m.id)
    const ids = sent.map((s) => s.message?.id ?? 0).sort((a, b) => a - b)
    expect(sent.every((s) => s.status === 201)).toBe(true)
    expect(seen).toEqual(ids)
  })

  test('a cursor past bigint or a NUL byte in the search is refused with 400, not a server error', async () => {
    for (const query of ['?before=99999999999999999999', '?after=99999999999999999999', '?q=a%00b']) {
      const response = await h.request(`/chat/${arChannel}/messages${query}`, { cookie: cookies.manager })
      expect(response.status, query).toBe(400)
    }
  })

  test('viewers read but cannot post; portal users of another partnership cannot reach the channel', async () => {
    expect((await send('viewer', arChannel, 'hello')).status).toBe(403)
    expect((await h.request(`/chat/${arChannel}/messages`, { cookie: cookies.viewer })).status).toBe(200)
    expect(
      (await h.request(`/chat/${arChannel}/messages`, { cookie: cookies['customer-portal'] })).status,
    ).toBe(404)
    expect((await send('customer-portal', arChannel, 'hello')).status).toBe(404)
  })

  test('internal channels are the staff’s own: partners get 404', async () => {
    expect((await send('member', internalChannel, 'staff only')).status).toBe(201)
    expect(
      (await h.request(`/chat/${internalChannel}`, { cookie: cookies['partner-retailer'] })).status,
    ).toBe(404)
    expect((await send('partner-retailer', internalChannel, 'let me in')).status).toBe(404)
  })

  test('the foreign world’s channel is not found, for reading or writing', async () => {
    const foreign = await foreignRecordFor(world, 'channelId')
    expect((await h.request(`/chat/${foreign}/messages`, { cookie: cookies.owner })).status).toBe(404)
    expect((await send('owner', foreign, 'hi')).status).toBe(404)
  })
})

describe('history', () => {
  test('scroll back by keyset and search the text', async () => {
    const latest = await messages('manager', arChannel, '?limit=5')
    expect(latest).toHaveLength(5)
    const older = await messages('manager', arChannel, `?before=${latest[0].id}&limit=5`)
    expect(older.every((m) => m.id < latest[0].id)).toBe(true)
    expect(older.map((m) => m.id)).toEqual([...older.map((m) => m.id)].sort((a, b) => a - b))
    const hits = await messages('manager', arChannel, `?q=${encodeURIComponent('SPRING price')}`)
    expect(hits.map((m) => m.body)).toContain('Can we get the spring price list?')
    expect(await messages('manager', arChannel, '?q=%25')).toEqual([])
  })
})

describe('changing messages', () => {
  async function change(who: Identity, id: number, form: Record<string, string>) {
    const response = await h.request(`/chat/${arChannel}/messages/${id}`, { cookie: cookies[who], form })
    return {
      status: response.status,
      ...((await response.json().catch(() => ({}))) as { message?: MessageDTO; error?: string }),
    }
  }

  test('authors edit and delete their own messages; others cannot', async () => {
    const { message } = await send('manager', arChannel, 'Shipment leaves Friday')
    const id = message?.id ?? 0
    expect((await change('partner-retailer', id, { intent: 'edit', body: 'hacked' })).status).toBe(403)
    const edited = await change('manager', id, { intent: 'edit', body: 'Shipment leaves Monday' })
    expect(edited.message?.body).toBe('Shipment leaves Monday')
    expect(edited.message?.editedAt).not.toBeNull()
    const deleted = await change('manager', id, { intent: 'delete' })
    expect(deleted.message?.deletedAt).not.toBeNull()
    expect(deleted.message?.body).toBe('')
    expect((await change('manager', id, { intent: 'edit', body: 'back' })).status).toBe(409)
  })

  test('reactions toggle per person and show who reacted', async () => {
    const { message } = await send('partner-retailer', arChannel, 'Deal!')
    const id = message?.id ?? 0
    await change('manager', id, { intent: 'react', emoji: '🎉' })
    const both = await change('partner-retailer', id, { intent: 'react', emoji: '🎉' })
    expect(both.message?.reactions).toEqual([expect.objectContaining({ emoji: '🎉', count: 2, mine: true })])
    const undone = await change('manager', id, { intent: 'react', emoji: '🎉' })
    expect(undone.message?.reactions[0]?.count).toBe(1)
    expect((await change('manager', id, { intent: 'react', emoji: 'not an emoji' })).status).toBe(422)
  })

  test('replies carry the quoted message; mentions keep only channel members named in the text', async () => {
    const { message: question } = await send('partner-retailer', arChannel, 'Who signs off?')
    const reply = await send('manager', arChannel, `@${world.r.owner.name} I do`, {
      replyToId: String(question?.id),
      mentions: [world.r.owner.id, world.foreign.zOwner.id, world.a.members.owner.id],
    })
    expect(reply.message?.replyTo).toEqual(
      expect.objectContaining({ id: question?.id, excerpt: 'Who signs off?' }),
    )
    // The foreign owner is no member; A's owner is a member but not named in the text.
    expect(reply.message?.mentions).toEqual([world.r.owner.id])
  })
})

describe('read marks and unread counts', () => {
  const ownerReads = () =>
    asSystem((tx) =>
      tx
        .select()
        .from(chatReads)
        .where(and(eq(chatReads.channelId, arChannel), eq(chatReads.userId, world.a.members.owner.id))),
    )

  test('unread counts come down when the reader marks the channel read', async () => {
    const { message } = await send('partner-retailer', arChannel, 'Unread for the owner')
    const unread = async () => {
      const page = await h.request('/chat', { cookie: cookies.owner })
      return await page.text()
    }
    expect(await unread()).toMatch(/unread message/)
    const marked = await h.request(`/chat/${arChannel}/read`, {
      cookie: cookies.owner,
      form: { lastReadId: String(message?.id) },
    })
    expect(marked.status).toBe(200)
    const [row] = await ownerReads()
    expect(row.lastReadId).toBe(message?.id)
    // A read mark never moves back.
    await h.request(`/chat/${arChannel}/read`, { cookie: cookies.owner, form: { lastReadId: '1' } })
    const [again] = await ownerReads()
    expect(again.lastReadId).toBe(message?.id)
  })
})

describe('threads and channels', () => {
  test('a quote opens its own thread that the customer sees, and a member_own who does not own it does not', async () => {
    const [quote] = await asSystem((tx) =>
      tx.select({ id: quotes.id }).from(quotes).where(eq(quotes.partnershipId, world.partnerships.ac.id)),
    )
    const opened = await h.request(`/quotes/${quote.id}/thread`, { cookie: cookies.manager, form: {} })
    expect(opened.status).toBe(302)
    expect(opened.headers.get('location')).toMatch(new RegExp(`/quotes/${quote.id}#discussion$`))
    const [thread] = await asSystem((tx) =>
      tx
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.recordType, 'quote'), eq(channels.recordId, quote.id))),
    )
    // Opening twice finds the same thread.
    await h.request(`/quotes/${quote.id}/thread`, { cookie: cookies['customer-portal'], form: {} })
    const count = await asSystem((tx) =>
      tx.select({ id: channels.id }).from(channels).where(eq(channels.recordId, quote.id)),
    )
    expect(count).toHaveLength(1)
    expect((await send('customer-portal', thread.id, 'Is delivery included?')).status).toBe(201)
    expect((await h.request(`/chat/${thread.id}`, { cookie: cookies.member_own })).status).toBe(404)
  })

  test('a viewer cannot start a quote or invoice thread; one someone started opens for them to read', async () => {
    const threadsOf = (id: string) =>
      asSystem((tx) => tx.select({ id: channels.id }).from(channels).where(eq(channels.recordId, id)))
    const on = {
      partnershipId: world.partnerships.ac.id,
      hostOrgId: world.a.org.id,
      ownerId: world.a.members.manager.id,
      lines: [{ description: 'Fridge', quantity: '1', unitPrice: 900_00 }],
    }
    const { quote, invoice } = await asSystem(async (tx) => ({
      quote: await createQuoteRecord(tx, {
        ...on,
        title: 'Viewer thread',
        validUntil: '2099-01-01',
        sent: { number: `Q-V-${crypto.randomUUID().slice(0, 6)}` },
      }),
      invoice: await createInvoiceRecord(tx, {
        ...on,
        issued: {
          number: `I-V-${crypto.randomUUID().slice(0, 6)}`,
          issueDate: '2026-12-01',
          dueDate: '2026-12-31',
        },
      }),
    }))
    for (const [path, id] of [
      [`/quotes/${quote.id}/thread`, quote.id],
      [`/invoices/${invoice.id}/thread`, invoice.id],
    ]) {
      const refused = await h.request(path, { cookie: cookies.viewer, form: {} })
      expect(refused.status, path).toBe(403)
      expect(await threadsOf(id), path).toHaveLength(0)
      expect((await h.request(path, { cookie: cookies.manager, form: {} })).status, path).toBe(302)
      const opened = await h.request(path, { cookie: cookies.viewer, form: {} })
      expect(opened.status, path).toBe(302)
      expect(await threadsOf(id), path).toHaveLength(1)
    }
  })

  test('staff create internal channels; a duplicate name is refused on the form', async () => {
    const name = `Pricing ${crypto.randomUUID().slice(0, 6)}`
    const created = await h.request('/chat?index', { cookie: cookies.manager, form: { name } })
    expect(created.status).toBe(302)
    const again = await h.request('/chat?index', {
      cookie: cookies.manager,
      form: { name: name.toUpperCase() },
    })
    expect(again.status).toBe(409)
    expect((await h.request('/chat?index', { cookie: cookies.member, form: { name: 'x' } })).status).toBe(403)
  })

  test('the partnership page opens its channel for either side', async () => {
    const host = await h.request(`/partners/${world.partnerships.ar.id}/chat`, {
      cookie: cookies.manager,
      form: {},
    })
    const partner = await h.request(`/partners/${world.partnerships.ar.id}/chat`, {
      cookie: cookies['partner-retailer'],
      form: {},
    })
    expect(locationOf(host)).toBe(`/chat/${arChannel}`)
    expect(locationOf(partner)).toBe(`/chat/${arChannel}`)
  })
})
