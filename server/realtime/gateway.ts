import type http from 'node:http'
import type { Logger } from 'pino'
import { Server, type Socket } from 'socket.io'
import { z } from 'zod'
import type { RealtimeAccess, SocketIdentity } from '#app/features/chat/realtime-access.server.ts'
import { rooms, setRealtimeSink } from '#app/lib/realtime/publish.server.ts'
import type { Config } from '../config.ts'
import { attachRedisAdapter } from './adapter.ts'
import { tokenBucket } from './rate.ts'

type Options = {
  config: Pick<Config, 'APP_ORIGIN' | 'REDIS_URL' | 'TRUST_PROXY'>
  logger: Logger
  access: RealtimeAccess
  redisKeyPrefix?: string
}

type Presence = 'online' | 'away'
type SocketData = { identity: SocketIdentity; presence: Presence; typingAt: Map<string, number> }
type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>

const Uuid = z.string().uuid()
const ChannelRef = z.object({ channelId: Uuid })
const PresenceSet = z.object({ state: z.enum(['online', 'away']) })

const TYPING_EVERY_MS = 1500
/** Sustained events per second a socket may send, and how far it may burst. */
const EVENT_RATE = 20
const EVENT_BURST = 40
/** A socket still flooding after this long is disconnected. */
const FLOOD_LIMIT_MS = 10_000

/**
 * The socket.io gateway (DESIGN.md §4): sockets only receive. A connection is accepted from our own Origin with a
 * valid session cookie; joining a channel's room is checked like opening the channel's page; ending the session
 * closes its sockets at once (publish.server.ts → disconnectSession).
 */
export function attachRealtime(server: http.Server, options: Options) {
  const { logger, access } = options
  const io = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    transports: ['websocket', 'polling'],
    maxHttpBufferSize: 64 * 1024,
    // Same-origin only: the Origin check below is the real gate; CORS headers are never sent.
    cors: undefined,
  })
  const adapter = attachRedisAdapter(io, options.config.REDIS_URL, options.redisKeyPrefix)

  io.use(async (socket, next) => {
    const headers = socket.handshake.headers
    const expected = options.config.APP_ORIGIN
    if (!headers.origin || headers.origin !== expected) return next(new Error('origin refused'))
    try {
      const identity = await access.authenticateSocket(headers.cookie)
      if (!identity) return next(new Error('unauthorized'))
      const data = socket.data as SocketData
      data.identity = identity
      data.presence = 'online'
      data.typingAt = new Map()
      next()
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed')
      next(new Error('unavailable'))
    }
  })

  io.on('connection', (raw) => {
    const socket = raw as unknown as AppSocket
    const { identity } = socket.data
    void socket.join([
      rooms.user(identity.userId),
      rooms.session(identity.sessionId),
      rooms.org(identity.orgId),
    ])
    const allowed = tokenBucket(EVENT_RATE, EVENT_BURST)
    let floodingSince: number | null = null
    let warned = false

    /** Every handler passes through the bucket; a flood is dropped, warned once, then cut off. */
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void | Promise<void>) =>
      (...args: A) => {
        if (!allowed()) {
          floodingSince ??= Date.now()
          if (!warned) {
            warned = true
            raw.emit('rate_limited', { retryInMs: 1000 })
          }
          if (Date.now() - floodingSince > FLOOD_LIMIT_MS) raw.disconnect(true)
          return
        }
        floodingSince = null
        warned = false
        void Promise.resolve(fn(...args)).catch((error) =>
          logger.warn({ err: error }, 'socket handler failed'),
        )
      }

    raw.on(
      'channel:join',
      guard(async (channelId: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
        const parsed = Uuid.safeParse(channelId)
        if (!parsed.success || !(await access.canJoinChannel(identity, parsed.data))) {
          return reply({ ok: false, error: 'not_found' })
        }
        await raw.join(rooms.channel(parsed.data))
        reply({ ok: true })
        await announce(io, identity, [rooms.channel(parsed.data)])
      }),
    )

    raw.on(
      'channel:leave',
      guard(async (channelId: unknown) => {
        const parsed = Uuid.safeParse(channelId)
        if (parsed.success) await raw.leave(rooms.channel(parsed.data))
      }),
    )

    // A co-forecast grid's viewers: figures saved by others are pushed to the plan's room.
    raw.on(
      'forecast:join',
      guard(async (forecastId: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
        const parsed = Uuid.safeParse(forecastId)
        if (!parsed.success || !(await access.canJoinForecast(identity, parsed.data))) {
          return reply({ ok: false, error: 'not_found' })
        }
        await raw.join(rooms.forecast(parsed.data))
        reply({ ok: true })
      }),
    )

    raw.on(
      'forecast:leave',
      guard(async (forecastId: unknown) => {
        const parsed = Uuid.safeParse(forecastId)
        if (parsed.success) await raw.leave(rooms.forecast(parsed.data))
      }),
    )

    raw.on(
      'typing',
      guard((payload: unknown) => {
        const parsed = ChannelRef.safeParse(payload)
        if (!parsed.success) return
        const room = rooms.channel(parsed.data.channelId)
        if (!raw.rooms.has(room)) return
        const now = Date.now()
        if (now - (socket.data.typingAt.get(room) ?? 0) < TYPING_EVERY_MS) return
        socket.data.typingAt.set(room, now)
        raw
          .to(room)
          .emit('typing', { channelId: parsed.data.channelId, userId: identity.userId, name: identity.name })
      }),
    )

    raw.on(
      'presence:set',
      guard(async (payload: unknown) => {
        const parsed = PresenceSet.safeParse(payload)
        if (!parsed.success || parsed.data.state === socket.data.presence) return
        socket.data.presence = parsed.data.state
        await announce(io, identity, channelRooms(raw.rooms))
      }),
    )

    raw.on(
      'presence:get',
      guard(async (payload: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
        const parsed = ChannelRef.safeParse(payload)
        const room = parsed.success ? rooms.channel(parsed.data.channelId) : ''
        if (!parsed.success || !raw.rooms.has(room)) return reply([])
        reply(await presenceIn(io, room))
      }),
    )

    raw.on('disconnecting', () => {
      const left = channelRooms(raw.rooms)
      // After the socket is gone, so the aggregate no longer counts it.
      setImmediate(() => void announce(io, identity, left).catch(() => {}))
    })
  })

  setRealtimeSink({
    emit: (room, event, payload) => {
      io.to(room).emit(event, payload)
    },
    disconnectSession: (sessionId) => {
      io.in(rooms.session(sessionId)).disconnectSockets(true)
    },
  })

  return {
    io,
    close: async () => {
      setRealtimeSink(undefined)
      io.disconnectSockets(true)
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await adapter.close()
    },
  }
}

function channelRooms(all: Set<string>) {
  return [...all].filter((r) => r.startsWith('channel:'))
}

/** A person's state over all their sockets, on every process: online if any is, away if all are, else offline. */
async function presenceOf(io: Server, userId: string): Promise<Presence | 'offline'> {
  const sockets = await io.in(rooms.user(userId)).fetchSockets()
  if (sockets.length === 0) return 'offline'
  return sockets.some((s) => (s.data as SocketData).presence === 'online') ? 'online' : 'away'
}

async function announce(io: Server, identity: SocketIdentity, channelRoomNames: string[]) {
  if (channelRoomNames.length === 0) return
  const state = await presenceOf(io, identity.userId)
  io.to(channelRoomNames).emit('presence', { userId: identity.userId, state })
}

async function presenceIn(io: Server, room: string) {
  const byUser = new Map<string, { userId: string; name: string; state: Presence }>()
  for (const s of await io.in(room).fetchSockets()) {
    const data = s.data as SocketData
    const seen = byUser.get(data.identity.userId)
    if (!seen || (seen.state === 'away' && data.presence === 'online')) {
      byUser.set(data.identity.userId, {
        userId: data.identity.userId,
        name: data.identity.name,
        state: data.presence,
      })
    }
  }
  return [...byUser.values()]
}
