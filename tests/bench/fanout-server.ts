import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { type WebSocket, WebSocketServer } from 'ws'
import type { RealtimeAccess } from '#app/features/realtime/room-access.server.ts'
import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { attachRealtime } from '#server/realtime/gateway.ts'

// The server side of the fan-out benchmark, in its own process (forked with IPC), in one of two modes:
// - "socketio": the app's real gateway (server/realtime/gateway.ts) and publish path. Authentication is a
//   stand-in that trusts a cookie naming the client, so this measures fan-out, not session lookups.
// - "ws": a bare `ws` server doing the same room fan-out with the same payload.
// The parent sends { cmd: 'memory' } and { cmd: 'run', rate, seconds, rooms, bytes }; this process publishes at the
// fixed rate itself (round-robin over the rooms) and answers with its CPU time and memory.

const mode = process.env.FANOUT_MODE === 'ws' ? 'ws' : 'socketio'
const server = http.createServer()
// Listen first: the gateway accepts only its configured origin, which includes the port.
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
let send: (room: string, payload: string) => void

if (mode === 'socketio') {
  const identity = (id: string) => ({
    sessionId: `s${id}`,
    userId: `u${id}`,
    name: `Client ${id}`,
    orgId: 'bench',
    orgKind: 'retailer' as const,
    role: 'member' as const,
  })
  const access: RealtimeAccess = {
    authenticateSocket: async (cookie) => {
      const id = /bench=(\d+)/.exec(cookie ?? '')?.[1]
      return id ? identity(id) : null
    },
    currentIdentity: async (sessionId) => identity(sessionId.slice(1)),
    canJoinChannel: async () => true,
    canJoinForecast: async () => true,
  }
  attachRealtime(server, {
    config: { APP_ORIGIN: origin, REDIS_URL: undefined, TRUST_PROXY: 'false' },
    logger: pino({ level: 'silent' }),
    access,
    // Every client comes from this machine.
    limits: { socketsPerAddress: Number.POSITIVE_INFINITY },
  })
  // The same call chat's routes make after storing a message.
  send = (room, payload) => publish(rooms.channel(room), 'message:new', JSON.parse(payload))
} else {
  const members = new Map<string, Set<WebSocket>>()
  const wss = new WebSocketServer({ server })
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const { join } = JSON.parse(String(data)) as { join?: string }
      if (!join) return
      let set = members.get(join)
      if (!set) {
        set = new Set()
        members.set(join, set)
      }
      set.add(socket)
      socket.send(JSON.stringify({ joined: join }))
    })
    socket.on('close', () => {
      for (const set of members.values()) set.delete(socket)
    })
  })
  // socket.io serializes the event once per publish and writes it to each socket; do the same.
  send = (room, payload) => {
    const frame = JSON.stringify(['message:new', JSON.parse(payload)])
    for (const socket of members.get(room) ?? []) socket.send(frame)
  }
}

const mb = () => process.memoryUsage()

process.on(
  'message',
  async (message: { cmd: string; rate?: number; seconds?: number; rooms?: string[]; bytes?: number }) => {
    if (message.cmd === 'memory') {
      global.gc?.()
      await new Promise((r) => setTimeout(r, 200))
      global.gc?.()
      const m = mb()
      process.send?.({ memory: { rss: m.rss, heapUsed: m.heapUsed } })
      return
    }
    if (message.cmd === 'run') {
      const { rate = 20, seconds = 10, rooms: names = [], bytes = 200 } = message
      const body = 'x'.repeat(bytes)
      const started = process.cpuUsage()
      const wall = performance.now()
      let seq = 0
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const room = names[seq % names.length]
          send(room, JSON.stringify({ channelId: room, id: seq++, body, sentAt: Date.now() }))
          if (seq >= rate * seconds) {
            clearInterval(timer)
            resolve()
          }
        }, 1000 / rate)
      })
      // Let the last frames leave before reading the clock.
      await new Promise((r) => setTimeout(r, 500))
      const cpu = process.cpuUsage(started)
      process.send?.({
        done: { published: seq, cpuMicros: cpu.user + cpu.system, wallMs: performance.now() - wall },
      })
    }
  },
)

process.send?.({ port: (server.address() as AddressInfo).port })
