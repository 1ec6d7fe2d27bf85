import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { invalidateSession } from '#app/features/auth/session.server.ts'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { hashToken } from '#app/lib/tokens.server.ts'
import { invoices } from '#db/schema/index.ts'
import { createChannelRecord } from '#db/seed/collaboration-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { partnershipChannelId } from './channels.ts'
import { type Harness, signInAs, startHarness, tokenOf } from './harness.ts'
import { collect, connected, connectSocket, joinChannel, nextEvent } from './socket-client.ts'
import { createWorld, type World } from './world.ts'

// The socket.io gateway attached to the built server: who may connect, which rooms they may join, what they
// receive, and that ending a session closes its sockets.

let h: Harness
let world: World
let arChannel: string
let foreignChannel: string
const open: Socket[] = []

beforeAll(async () => {
  h = await startHarness({ realtime: true })
  world = await createWorld()
  arChannel = await partnershipChannelId(world.partnerships.ar.id)
  foreignChannel = await partnershipChannelId(world.foreign.partnership.id)
})

afterEach(() => {
  for (const s of open.splice(0)) s.disconnect()
})

afterAll(async () => {
  await h?.close()
})

async function socketAs(userId: string, orgId: string) {
  const cookie = await signInAs(userId, orgId)
  const socket = connectSocket(h.origin, { cookie })
  open.push(socket)
  await connected(socket)
  return { socket, cookie }
}

const manager = () => socketAs(world.a.members.manager.id, world.a.org.id)
const retailer = () => socketAs(world.r.owner.id, world.r.org.id)

describe('connecting', () => {
  test('without a session cookie the connection is refused', async () => {
    const socket = connectSocket(h.origin, {})
    open.push(socket)
    await expect(connected(socket)).rejects.toThrow('unauthorized')
  })

  test('from a foreign Origin the connection is refused, even with a valid cookie', async () => {
    const cookie = await signInAs(world.a.members.manager.id, world.a.org.id)
    const socket = connectSocket(h.origin, { cookie, origin: 'https://evil.example' })
    open.push(socket)
    await expect(connected(socket)).rejects.toThrow('origin refused')
  })

  test('ending the session disconnects its socket within a second', async () => {
    const { socket, cookie } = await manager()
    const started = Date.now()
    const gone = new Promise<number>((resolve) =>
      socket.once('disconnect', () => resolve(Date.now() - started)),
    )
    await invalidateSession(hashToken(tokenOf(cookie)))
    const elapsed = await Promise.race([gone, new Promise<number>((r) => setTimeout(() => r(-1), 1000))])
    expect(elapsed).toBeGreaterThanOrEqual(0)
    expect(elapsed).toBeLessThan(1000)
  })
})

describe('rooms', () => {
  test('a retailer joins its own partnership channel but not another partnership’s, and never hears it', async () => {
    const { socket } = await retailer()
    expect(await joinChannel(socket, arChannel)).toEqual({ ok: true })
    expect(await joinChannel(socket, foreignChannel)).toEqual({ ok: false, error: 'not_found' })
    expect(await joinChannel(socket, 'not-a-uuid')).toEqual({ ok: false, error: 'not_found' })
    const leaked = collect<MessageDTO>(socket, 'message:new')

    // Positive control: the foreign channel's own member does receive what is published there.
    const { socket: foreignOwner } = await socketAs(world.foreign.zOwner.id, world.foreign.z.id)
    expect(await joinChannel(foreignOwner, foreignChannel)).toEqual({ ok: true })
    const delivered = nextEvent<{ body: string }>(foreignOwner, 'message:new')
    publish(rooms.channel(foreignChannel), 'message:new', { channelId: foreignChannel, body: world.marker })
    expect((await delivered).body).toBe(world.marker)
    await new Promise((r) => setTimeout(r, 200))
    expect(leaked).toEqual([])
  })

  test('a message posted over HTTP is pushed to the channel’s sockets after it is stored', async () => {
    const { socket } = await retailer()
    await joinChannel(socket, arChannel)
    const pushed = nextEvent<MessageDTO>(socket, 'message:new')
    const cookie = await signInAs(world.a.members.manager.id, world.a.org.id)
    const response = await h.request(`/chat/${arChannel}/messages`, {
      cookie,
      form: { body: 'Pushed after commit', clientId: crypto.randomUUID() },
    })
    const { message } = (await response.json()) as { message: MessageDTO }
    const received = await pushed
    expect(received).toEqual({ ...message, reactions: [] })
  })
})

describe('typing and presence', () => {
  test('typing is relayed to the others in the room, not to the typist', async () => {
    const a = await manager()
    const r = await retailer()
    await joinChannel(a.socket, arChannel)
    await joinChannel(r.socket, arChannel)
    const own = collect(a.socket, 'typing')
    const seen = nextEvent<{ userId: string; name: string }>(r.socket, 'typing')
    a.socket.emit('typing', { channelId: arChannel })
    expect(await seen).toEqual(
      expect.objectContaining({ userId: world.a.members.manager.id, channelId: arChannel }),
    )
    // Typing into a room one has not joined goes nowhere.
    const none = collect(r.socket, 'typing')
    a.socket.emit('typing', { channelId: foreignChannel })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(own).toEqual([])
    expect(none).toEqual([])
  })

  test('presence goes online, away, then offline when the last socket closes', async () => {
    const r = await retailer()
    await joinChannel(r.socket, arChannel)
    const a = await manager()
    const online = nextEvent<{ userId: string; state: string }>(
      r.socket,
      'presence',
      3000,
      (p) => p.userId === world.a.members.manager.id,
    )
    await joinChannel(a.socket, arChannel)
    expect((await online).state).toBe('online')
    const snapshot = await r.socket.timeout(3000).emitWithAck('presence:get', { channelId: arChannel })
    expect(snapshot).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: world.a.members.manager.id, state: 'online' }),
      ]),
    )
    const away = nextEvent<{ userId: string; state: string }>(
      r.socket,
      'presence',
      3000,
      (p) => p.userId === world.a.members.manager.id,
    )
    a.socket.emit('presence:set', { state: 'away' })
    expect((await away).state).toBe('away')
    const offline = nextEvent<{ userId: string; state: string }>(
      r.socket,
      'presence',
      3000,
      (p) => p.userId === world.a.members.manager.id,
    )
    a.socket.disconnect()
    expect((await offline).state).toBe('offline')
  })

  test('a flooding socket is told to slow down and does not stop others', async () => {
    const a = await manager()
    const r = await retailer()
    await joinChannel(a.socket, arChannel)
    await joinChannel(r.socket, arChannel)
    const limited = nextEvent(a.socket, 'rate_limited')
    for (let i = 0; i < 200; i++) a.socket.emit('presence:get', { channelId: arChannel })
    await limited
    const typing = nextEvent<{ userId: string }>(a.socket, 'typing')
    r.socket.emit('typing', { channelId: arChannel })
    expect((await typing).userId).toBe(world.r.owner.id)
  })
})

describe('limits', () => {
  test('a socket that keeps flooding is disconnected', async () => {
    const { socket } = await manager()
    const gone = nextEvent<string>(socket, 'disconnect', 5000)
    for (let i = 0; i < 1000; i++) socket.emit('presence:get', { channelId: arChannel })
    expect(await gone).toBe('io server disconnect')
  })

  test('the eleventh socket of one session is refused', async () => {
    const cookie = await signInAs(world.a.members.manager.id, world.a.org.id)
    for (let i = 0; i < 10; i++) {
      const socket = connectSocket(h.origin, { cookie })
      open.push(socket)
      await connected(socket)
    }
    const eleventh = connectSocket(h.origin, { cookie })
    open.push(eleventh)
    await expect(connected(eleventh)).rejects.toThrow('too many connections for this session')
    // Another session of the same person is a separate allowance.
    await manager()
  })

  test('the fifty-first socket from one address is refused', async () => {
    for (let s = 0; s < 5; s++) {
      const cookie = await signInAs(world.a.members.manager.id, world.a.org.id)
      for (let i = 0; i < 10; i++) {
        const socket = connectSocket(h.origin, { cookie })
        open.push(socket)
        await connected(socket)
      }
    }
    const cookie = await signInAs(world.r.owner.id, world.r.org.id)
    const extra = connectSocket(h.origin, { cookie })
    open.push(extra)
    await expect(connected(extra)).rejects.toThrow('too many connections from this address')
  })

  test('joins beyond the join rate are refused', async () => {
    const { socket } = await retailer()
    const replies = await Promise.all(Array.from({ length: 30 }, () => joinChannel(socket, arChannel)))
    // The bucket holds 20 and refills 5 a second: some of 30 joins at once are refused, and say why.
    const refused = replies.filter((r) => !r.ok)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused).toEqual(refused.map(() => ({ ok: false, error: 'rate_limited' })))
  })
})

describe('channel activity', () => {
  test('a member_own hears nothing of an invoice thread it cannot open; activity names no message id', async () => {
    const thread = await asSystem(async (tx) => {
      const [invoice] = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(
          and(eq(invoices.partnershipId, world.partnerships.ac.id), eq(invoices.hostOrgId, world.a.org.id)),
        )
      return createChannelRecord(tx, {
        orgId: world.a.org.id,
        partnershipId: world.partnerships.ac.id,
        kind: 'record',
        name: 'Invoice thread',
        record: { type: 'invoice', id: invoice.id },
      })
    })
    const own = await socketAs(world.a.members.member_own.id, world.a.org.id)
    expect((await h.request(`/chat/${thread.id}`, { cookie: own.cookie })).status).toBe(404)
    const heard = collect<{ channelId: string }>(own.socket, 'channel:activity')
    const { socket: staff } = await manager()
    const activity = nextEvent<Record<string, unknown>>(
      staff,
      'channel:activity',
      3000,
      (p) => p.channelId === thread.id,
    )

    const ownerCookie = await signInAs(world.a.members.owner.id, world.a.org.id)
    const response = await h.request(`/chat/${thread.id}/messages`, {
      cookie: ownerCookie,
      form: { body: 'Paid in part', clientId: crypto.randomUUID() },
    })
    expect(response.status).toBe(201)
    expect(await activity).toEqual({ channelId: thread.id })
    await new Promise((r) => setTimeout(r, 200))
    expect(heard.filter((p) => p.channelId === thread.id)).toEqual([])
  })
})
