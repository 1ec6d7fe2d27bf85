import crypto from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { MessageDTO } from '#app/features/chat/message-types.ts'
import { chatMessages } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { type AppProcess, freePort, startAppProcess } from './app-process.ts'
import { partnershipChannelId } from './channels.ts'
import { signInAs } from './harness.ts'
import { connected, connectSocket, joinChannel } from './socket-client.ts'
import { createWorld, type World } from './world.ts'

// The kill test: a client is connected while messages are being sent; the server process is killed (SIGKILL, no
// goodbye) and restarted on the same port. After reconnecting and catching up by id, the client holds every stored
// message exactly once, and the sender's retries (same clientId) stored none twice.

const TOTAL = 60
const KILL_AFTER = 20
let app: AppProcess
let port: number
let world: World
let channelId: string

beforeAll(async () => {
  port = await freePort()
  app = await startAppProcess({ PORT: String(port) })
  world = await createWorld()
  channelId = await partnershipChannelId(world.partnerships.ar.id)
}, 60_000)

afterAll(async () => {
  await app?.stop()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('killing and restarting the server mid-conversation loses and duplicates nothing', async () => {
  const origin = `http://127.0.0.1:${port}`
  const readerCookie = await signInAs(world.r.owner.id, world.r.org.id)
  const senderCookie = await signInAs(world.a.members.manager.id, world.a.org.id)
  const held = new Map<number, MessageDTO>()
  const hold = (m: MessageDTO) => {
    if (m.channelId === channelId) held.set(m.id, m)
  }
  const catchUp = async () => {
    for (;;) {
      const last = Math.max(0, ...held.keys())
      const response = await fetch(`${origin}/chat/${channelId}/messages?after=${last}&limit=200`, {
        headers: { cookie: readerCookie },
      })
      if (!response.ok) throw new Error(`catch-up ${response.status}`)
      const { messages } = (await response.json()) as { messages: MessageDTO[] }
      messages.forEach(hold)
      if (messages.length < 200) return
    }
  }

  // The reader: live pushes, and a catch-up after every reconnect (as the browser client does).
  const socket = connectSocket(origin, { cookie: readerCookie, reconnection: true })
  socket.io.reconnectionDelay(100)
  socket.io.reconnectionDelayMax(300)
  let connects = 0
  socket.on('message:new', hold)
  socket.on('connect', () => {
    connects++
    void joinChannel(socket, channelId)
      .then(() => catchUp())
      .catch(() => {})
  })
  await connected(socket)
  await catchUp()

  // The sender: each message has its own clientId and is retried with THAT clientId until it is accepted.
  const send = async (i: number) => {
    const clientId = crypto.randomUUID()
    for (;;) {
      try {
        const response = await fetch(`${origin}/chat/${channelId}/messages`, {
          method: 'POST',
          headers: { cookie: senderCookie, origin },
          body: new URLSearchParams({ body: `kill test ${i}`, clientId }),
        })
        if (response.status === 201 || response.status === 200) return
      } catch {
        // The server is down: try again shortly.
      }
      await sleep(50)
    }
  }
  let restarted: Promise<void> | null = null
  for (let i = 0; i < TOTAL; i++) {
    if (i === KILL_AFTER) {
      app.child.kill('SIGKILL')
      restarted = (async () => {
        await new Promise((r) => app.child.once('exit', r))
        app = await startAppProcess({ PORT: String(port) })
      })()
    }
    await send(i)
    await sleep(20)
  }
  await restarted

  const stored = await asSystem((tx) =>
    tx
      .select({ id: chatMessages.id, body: chatMessages.body })
      .from(chatMessages)
      .where(eq(chatMessages.channelId, channelId))
      .orderBy(asc(chatMessages.id)),
  )
  const sent = stored.filter((m) => m.body.startsWith('kill test '))
  expect(sent).toHaveLength(TOTAL)
  expect(new Set(sent.map((m) => m.body)).size).toBe(TOTAL)

  // Wait for the reader to settle, then compare what it holds with what is stored.
  const deadline = Date.now() + 10_000
  while (held.size < stored.length && Date.now() < deadline) await sleep(100)
  socket.disconnect()
  expect(connects).toBeGreaterThanOrEqual(2)
  expect([...held.keys()].sort((x, y) => x - y)).toEqual(stored.map((m) => m.id))
}, 90_000)
