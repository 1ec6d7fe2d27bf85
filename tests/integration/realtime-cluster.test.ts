import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { type AppProcess, startAppProcess } from './app-process.ts'
import { partnershipChannelId } from './channels.ts'
import { signInAs } from './harness.ts'
import { connected, connectSocket, joinChannel, nextEvent } from './socket-client.ts'
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
