import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { createChannelRecord } from '#db/seed/collaboration-factory.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'
import { type AppProcess, startAppProcess } from './app-process.ts'
import { partnershipChannelId } from './channels.ts'
import { signInAs } from './harness.ts'
import { collect, connected, connectSocket, joinChannel, nextEvent } from './socket-client.ts'
import { createWorld, type World } from './world.ts'

// Two app processes share fan-out through socket.io's Redis adapter (Redis on 127.0.0.1:6379): a message sent
// through process A reaches a client connected to process B.

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
let a: AppProcess
let b: AppProcess
let world: World
let channelId: string

beforeAll(async () => {
  const env = { REDIS_URL: redisUrl, REDIS_PREFIX: `tandem-test:${crypto.randomUUID()}` }
  ;[a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)])
  world = await createWorld()
  channelId = await partnershipChannelId(world.partnerships.ar.id)
}, 60_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
})

test('a message posted to process A reaches a retailer connected to process B', async () => {
  const retailerCookie = await signInAs(world.r.owner.id, world.r.org.id)
  const socket = connectSocket(b.origin, { cookie: retailerCookie })
  try {
    await connected(socket)
    expect(await joinChannel(socket, channelId)).toEqual({ ok: true })
    const pushed = nextEvent<MessageDTO>(socket, 'message:new', 5000)
    const managerCookie = await signInAs(world.a.members.manager.id, world.a.org.id)
    const response = await fetch(`${a.origin}/chat/${channelId}/messages`, {
      method: 'POST',
      headers: { cookie: managerCookie, origin: a.origin },
      body: new URLSearchParams({ body: 'Across processes', clientId: crypto.randomUUID() }),
    })
    expect(response.status).toBe(201)
    const { message } = (await response.json()) as { message: MessageDTO }
    const received = await pushed
    expect(received.id).toBe(message.id)
    expect(received.body).toBe('Across processes')
  } finally {
    socket.disconnect()
  }
})

test('a demotion made through process A takes the staff channel from a socket on process B', async () => {
  const staff = await asSystem(async (tx) => {
    const org = await createOrg(tx, { kind: 'manufacturer' })
    const owner = await createMember(tx, { orgId: org.id, role: 'owner' })
    const member = await createMember(tx, { orgId: org.id, role: 'member' })
    const internal = await createChannelRecord(tx, {
      orgId: org.id,
      partnershipId: null,
      kind: 'internal',
      name: 'Staff room',
    })
    return { org, owner, member, internal }
  })
  const ownerCookie = await signInAs(staff.owner.id, staff.org.id)
  const memberSocket = connectSocket(b.origin, { cookie: await signInAs(staff.member.id, staff.org.id) })
  const ownerSocket = connectSocket(b.origin, { cookie: ownerCookie })
  try {
    await Promise.all([connected(memberSocket), connected(ownerSocket)])
    expect(await joinChannel(memberSocket, staff.internal.id)).toEqual({ ok: true })
    expect(await joinChannel(ownerSocket, staff.internal.id)).toEqual({ ok: true })
    const rechecked = nextEvent(memberSocket, 'access:changed', 5000)
    const demoted = await fetch(`${a.origin}/admin/users/${staff.member.id}`, {
      method: 'POST',
      headers: { cookie: ownerCookie, origin: a.origin },
      body: new URLSearchParams({ intent: 'role', role: 'portal' }),
    })
    expect(demoted.status).toBe(200)
    // Process B re-checks its own sockets when A's notice arrives through Redis.
    await rechecked
    const leaked = collect<MessageDTO>(memberSocket, 'message:new')
    const delivered = nextEvent<MessageDTO>(ownerSocket, 'message:new', 5000)
    const posted = await fetch(`${a.origin}/chat/${staff.internal.id}/messages`, {
      method: 'POST',
      headers: { cookie: ownerCookie, origin: a.origin },
      body: new URLSearchParams({ body: 'Staff only', clientId: crypto.randomUUID() }),
    })
    expect(posted.status).toBe(201)
    await delivered
    await new Promise((r) => setTimeout(r, 200))
    expect(leaked).toEqual([])
    expect(await joinChannel(memberSocket, staff.internal.id)).toEqual({ ok: false, error: 'not_found' })
  } finally {
    memberSocket.disconnect()
    ownerSocket.disconnect()
  }
})
