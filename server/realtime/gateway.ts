import type http from 'node:http'
import type { Logger } from 'pino'
import { type DefaultEventsMap, type ExtendedError, Server, type Socket } from 'socket.io'
import { z } from 'zod'
import type { RealtimeAccess, SocketIdentity } from '#app/features/realtime/room-access.server.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { rooms, setRealtimeSink } from '#app/lib/realtime/publish.server.ts'
import type { Config } from '#config/env.ts'
import { attachRedisAdapter } from './adapter.ts'
import { floodMeter, tokenBucket } from './rate.ts'

/** What a socket may cost this process. Counts are per process (a cluster allows them on each node). */
export type RealtimeLimits = {
  /** Sustained events per second a socket may send, and how far it may burst. */
  eventRate: number
  eventBurst: number
  /** Room joins per second of one session (all its sockets on this process), and how far they may burst. */
  joinRate: number
  joinBurst: number
  /** A socket refused more than this many events within the window is disconnected. */
  floodRefusals: number
  floodWindowMs: number
  /** Open sockets per session and per client address. */
  socketsPerSession: number
  socketsPerAddress: number
}

export const defaultLimits: RealtimeLimits = {
  eventRate: 20,
  eventBurst: 40,
  joinRate: 5,
  joinBurst: 20,
  floodRefusals: 200,
  floodWindowMs: 10_000,
  socketsPerSession: 10,
  socketsPerAddress: 50,
}

type Options = {
  config: Pick<Config, 'APP_ORIGIN' | 'REDIS_URL' | 'TRUST_PROXY'>
  logger: Logger
  access: RealtimeAccess
  redisKeyPrefix?: string
  /** Benchmarks open thousands of sockets from one address. */
  limits?: Partial<RealtimeLimits>
}

type ReadersTarget = { channelId: string; orgIds: string[] }
/** Between app processes (Redis adapter): what each must do with its own sockets. */
type ServerSideEvents = {
  'tandem:reauthorize': (room: string) => void
  'tandem:channel-readers': (target: ReadersTarget, event: string, payload: unknown) => void
}

type Presence = 'online' | 'away'
type SocketData = {
  identity: SocketIdentity
  presence: Presence
  typingAt: Map<string, number>
  /** Room checks of this socket run one after another, so a join cannot overtake a re-authorization. */
  checks: Promise<unknown>
  /** Re-authorizations under way: until they end the socket holds only its user and session rooms. */
  rechecking: number
}
type AppSocket = Socket<DefaultEventsMap, DefaultEventsMap, ServerSideEvents, SocketData>

const ChannelRef = z.object({ channelId: IdSchema })
const PresenceSet = z.object({ state: z.enum(['online', 'away']) })

const TYPING_EVERY_MS = 1500
/** Gateway-only room counting a client address's sockets (publishers never address it). */
const addressRoom = (address: string) => `address:${address}`

/**
 * The socket.io gateway (docs/architecture.md, “Pushes (realtime)”): sockets only receive. A connection is accepted from our own Origin with a
 * valid session cookie, within the per-session and per-address caps; every room join re-reads the session and is
 * checked like opening the page; an identity change re-authorizes the sockets concerned (publish.server.ts →
 * reauthorize) and ending the session closes them (→ disconnectSession).
 */
export function attachRealtime(server: http.Server, options: Options) {
  const { logger, access } = options
  const limits = { ...defaultLimits, ...options.limits }
  const io = new Server<DefaultEventsMap, DefaultEventsMap, ServerSideEvents, SocketData>(server, {
    path: '/socket.io',
    serveClient: false,
    transports: ['websocket', 'polling'],
    maxHttpBufferSize: 64 * 1024,
    // Same-origin only: the Origin check below is the real gate; CORS headers are never sent.
    cors: undefined,
  })
  const adapter = attachRedisAdapter(io, options.config.REDIS_URL, options.redisKeyPrefix)
  const nsp = io.of('/')
  const localCount = (room: string) => nsp.adapter.rooms.get(room)?.size ?? 0
  /** Join buckets per session, shared by its sockets on this process; dropped with its last socket. */
  const joinBuckets = new Map<string, () => boolean>()

  io.use(async (socket, next) => {
    const headers = socket.handshake.headers
    const trustProxy = options.config.TRUST_PROXY === 'true'
    const expected = options.config.APP_ORIGIN
    if (!headers.origin || headers.origin !== expected) return next(new Error('origin refused'))
    try {
      const identity = await access.authenticateSocket(headers.cookie)
      if (!identity) return next(new Error('unauthorized'))
      const session = rooms.session(identity.sessionId)
      const address = addressRoom(clientAddress(socket, trustProxy))
      // Counted and joined in one synchronous step, so concurrent handshakes cannot all slip under the cap; a
      // handshake that fails after this leaves both rooms again (socket.io cleans up), so nothing is leaked.
      if (localCount(session) >= limits.socketsPerSession) {
        return next(refusal('too many connections for this session', limits.socketsPerSession))
      }
      if (localCount(address) >= limits.socketsPerAddress) {
        return next(refusal('too many connections from this address', limits.socketsPerAddress))
      }
      void socket.join([session, address])
      const data = socket.data
      data.identity = identity
      data.presence = 'online'
      data.typingAt = new Map()
      data.checks = Promise.resolve()
      data.rechecking = 0
      next()
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed')
      next(new Error('unavailable'))
    }
  })

  /** Runs `fn` after the socket's earlier room checks. */
  function serially<T>(socket: AppSocket, fn: () => Promise<T>): Promise<T> {
    const run = socket.data.checks.then(fn)
    socket.data.checks = run.catch(() => {})
    return run
  }

  /** Adopts the session as it stands now; closes the socket when it no longer stands. */
  async function refreshIdentity(socket: AppSocket): Promise<SocketIdentity | null> {
    const fresh = await access.currentIdentity(socket.data.identity.sessionId)
    if (!fresh) {
      socket.disconnect(true)
      return null
    }
    const before = socket.data.identity
    socket.data.identity = fresh
    if (before.orgId !== fresh.orgId) await socket.leave(rooms.org(before.orgId))
    await socket.join(rooms.org(fresh.orgId))
    return fresh
  }

  function mayHold(identity: SocketIdentity, room: string): Promise<boolean> {
    const [kind, id] = room.split(':')
    if (kind === 'channel') return access.canJoinChannel(identity, id)
    if (kind === 'forecast') return access.canJoinForecast(identity, id)
    return Promise.resolve(false)
  }

  /**
   * Rights may have changed: leave the org, channel and record rooms at once (no push goes out on the old rights
   * while the new ones are read), re-read the session, then join back what it may still open. The client is told,
   * so it catches up on what was pushed meanwhile.
   */
  function reauthorizeSocket(socket: AppSocket) {
    const held = [...socket.rooms].filter(
      (r) => r.startsWith('channel:') || r.startsWith('forecast:') || r.startsWith('org:'),
    )
    socket.data.rechecking += 1
    for (const room of held) void socket.leave(room)
    void serially(socket, async () => {
      try {
        const fresh = await refreshIdentity(socket)
        if (!fresh) return
        for (const room of held) {
          if (!room.startsWith('org:') && (await mayHold(fresh, room))) await socket.join(room)
        }
        socket.emit('access:changed')
      } finally {
        socket.data.rechecking -= 1
      }
    }).catch((error) => {
      logger.warn({ err: error }, 'socket re-authorization failed')
      socket.disconnect(true)
    })
  }

  function reauthorizeLocal(room: string) {
    for (const id of [...(nsp.adapter.rooms.get(room) ?? [])]) {
      const socket = nsp.sockets.get(id)
      if (socket) reauthorizeSocket(socket)
    }
  }

  /** Channel activity for the sockets of these orgs on this process whose person may open the channel. */
  async function emitToReadersLocal(target: ReadersTarget, event: string, payload: unknown) {
    const inChannel = rooms.channel(target.channelId)
    const ids = new Set(
      target.orgIds.flatMap((orgId) => [...(nsp.adapter.rooms.get(rooms.org(orgId)) ?? [])]),
    )
    // One check per person and role, not per socket; sockets in the channel's room were checked when joining.
    const verdicts = new Map<string, Promise<boolean>>()
    await Promise.all(
      [...ids].map(async (id) => {
        const socket = nsp.sockets.get(id)
        if (!socket || socket.data.rechecking > 0) return
        const who = socket.data.identity
        const key = `${who.userId}:${who.orgId}:${who.role}`
        let verdict = socket.rooms.has(inChannel) ? Promise.resolve(true) : verdicts.get(key)
        if (!verdict) {
          verdict = access.canJoinChannel(who, target.channelId).catch(() => false)
          verdicts.set(key, verdict)
        }
        if ((await verdict) && socket.connected && socket.data.rechecking === 0) socket.emit(event, payload)
      }),
    )
  }

  io.on('tandem:reauthorize', (room) => reauthorizeLocal(room))
  io.on('tandem:channel-readers', (target, event, payload) => {
    void emitToReadersLocal(target, event, payload).catch((error) =>
      logger.warn({ err: error }, 'channel activity push failed'),
    )
  })

  io.on('connection', (socket) => {
    const { identity } = socket.data
    void socket.join([rooms.user(identity.userId), rooms.org(identity.orgId)])
    const allowed = tokenBucket(limits.eventRate, limits.eventBurst)
    const flooding = floodMeter(limits.floodRefusals, limits.floodWindowMs)
    let joins = joinBuckets.get(identity.sessionId)
    if (!joins) {
      joins = tokenBucket(limits.joinRate, limits.joinBurst)
      joinBuckets.set(identity.sessionId, joins)
    }
    const joinAllowed = joins
    let warned = false

    /** A refused event: warned once, and a socket that keeps being refused is cut off. */
    const refuse = () => {
      if (!warned) {
        warned = true
        socket.emit('rate_limited', { retryInMs: 1000 })
      }
      if (flooding()) socket.disconnect(true)
    }

    /** Every handler passes through the bucket. */
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void | Promise<void>) =>
      (...args: A) => {
        if (!allowed()) return refuse()
        warned = false
        void Promise.resolve(fn(...args)).catch((error) =>
          logger.warn({ err: error }, 'socket handler failed'),
        )
      }

    /** Joins a room if the session, read now, may open it (joins have their own, smaller bucket). */
    const joinChecked = async (
      room: string,
      id: unknown,
      check: (who: SocketIdentity, id: string) => Promise<boolean>,
      ack: unknown,
    ) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
      if (!joinAllowed()) {
        refuse()
        return reply({ ok: false, error: 'rate_limited' })
      }
      const parsed = IdSchema.safeParse(id)
      if (!parsed.success) return reply({ ok: false, error: 'not_found' })
      const joined = await serially(socket, async () => {
        const before = socket.data.identity
        const fresh = await refreshIdentity(socket)
        if (!fresh) return false
        // A change whose re-authorization has not reached this process yet: apply it now.
        if (fresh.orgId !== before.orgId || fresh.role !== before.role) reauthorizeSocket(socket)
        if (!(await check(fresh, parsed.data))) return false
        await socket.join(`${room}:${parsed.data}`)
        return true
      })
      reply(joined ? { ok: true } : { ok: false, error: 'not_found' })
      return joined ? `${room}:${parsed.data}` : null
    }

    socket.on(
      'channel:join',
      guard(async (channelId: unknown, ack?: unknown) => {
        const room = await joinChecked('channel', channelId, access.canJoinChannel, ack)
        if (room) await announce(io, socket.data.identity, [room])
      }),
    )

    socket.on(
      'channel:leave',
      guard(async (channelId: unknown) => {
        const parsed = IdSchema.safeParse(channelId)
        if (parsed.success) await socket.leave(rooms.channel(parsed.data))
      }),
    )

    // A co-forecast grid's viewers: figures saved by others are pushed to the plan's room.
    socket.on(
      'forecast:join',
      guard(async (forecastId: unknown, ack?: unknown) => {
        await joinChecked('forecast', forecastId, access.canJoinForecast, ack)
      }),
    )

    socket.on(
      'forecast:leave',
      guard(async (forecastId: unknown) => {
        const parsed = IdSchema.safeParse(forecastId)
        if (parsed.success) await socket.leave(rooms.forecast(parsed.data))
      }),
    )

    socket.on(
      'typing',
      guard((payload: unknown) => {
        const parsed = ChannelRef.safeParse(payload)
        if (!parsed.success) return
        const room = rooms.channel(parsed.data.channelId)
        if (!socket.rooms.has(room)) return
        const now = Date.now()
        if (now - (socket.data.typingAt.get(room) ?? 0) < TYPING_EVERY_MS) return
        socket.data.typingAt.set(room, now)
        const who = socket.data.identity
        socket
          .to(room)
          .emit('typing', { channelId: parsed.data.channelId, userId: who.userId, name: who.name })
      }),
    )

    socket.on(
      'presence:set',
      guard(async (payload: unknown) => {
        const parsed = PresenceSet.safeParse(payload)
        if (!parsed.success || parsed.data.state === socket.data.presence) return
        socket.data.presence = parsed.data.state
        await announce(io, socket.data.identity, channelRooms(socket.rooms))
      }),
    )

    socket.on(
      'presence:get',
      guard(async (payload: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
        const parsed = ChannelRef.safeParse(payload)
        const room = parsed.success ? rooms.channel(parsed.data.channelId) : ''
        if (!parsed.success || !socket.rooms.has(room)) return reply([])
        reply(await presenceIn(io, room))
      }),
    )

    socket.on('disconnecting', () => {
      const left = channelRooms(socket.rooms)
      // After the socket is gone, so the aggregate no longer counts it.
      setImmediate(() => void announce(io, socket.data.identity, left).catch(() => {}))
    })

    socket.on('disconnect', () => {
      if (localCount(rooms.session(identity.sessionId)) === 0) joinBuckets.delete(identity.sessionId)
    })
  })

  setRealtimeSink({
    emit: (room, event, payload) => {
      io.to(room).emit(event, payload)
    },
    disconnectSession: (sessionId) => {
      io.in(rooms.session(sessionId)).disconnectSockets(true)
    },
    reauthorize: (room) => {
      reauthorizeLocal(room)
      if (adapter.shared) io.serverSideEmit('tandem:reauthorize', room)
    },
    emitToChannelReaders: (target, event, payload) => {
      void emitToReadersLocal(target, event, payload).catch((error) =>
        logger.warn({ err: error }, 'channel activity push failed'),
      )
      if (adapter.shared) io.serverSideEmit('tandem:channel-readers', target, event, payload)
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

/** The client's address as Express sees it (`req.ip`): the first X-Forwarded-For hop behind a trusted proxy. */
function clientAddress(socket: { handshake: Socket['handshake'] }, trustProxy: boolean) {
  const forwarded = trustProxy ? socket.handshake.headers['x-forwarded-for'] : undefined
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : ''
  return first || socket.handshake.address
}

/** A refused handshake the client sees as `connect_error` with this message. */
function refusal(message: string, limit: number): ExtendedError {
  const error: ExtendedError = new Error(message)
  error.data = { limit }
  return error
}

function channelRooms(all: Set<string>) {
  return [...all].filter((r) => r.startsWith('channel:'))
}

type AppServer = Server<DefaultEventsMap, DefaultEventsMap, ServerSideEvents, SocketData>

/** A person's state over all their sockets, on every process: online if any is, away if all are, else offline. */
async function presenceOf(io: AppServer, userId: string): Promise<Presence | 'offline'> {
  const sockets = await io.in(rooms.user(userId)).fetchSockets()
  if (sockets.length === 0) return 'offline'
  return sockets.some((s) => s.data.presence === 'online') ? 'online' : 'away'
}

async function announce(io: AppServer, identity: SocketIdentity, channelRoomNames: string[]) {
  if (channelRoomNames.length === 0) return
  const state = await presenceOf(io, identity.userId)
  io.to(channelRoomNames).emit('presence', { userId: identity.userId, state })
}

async function presenceIn(io: AppServer, room: string) {
  const byUser = new Map<string, { userId: string; name: string; state: Presence }>()
  for (const s of await io.in(room).fetchSockets()) {
    const data = s.data
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
