import type { Socket } from 'socket.io-client'

// The browser's one socket. It only receives (docs/architecture.md, “Pushes (realtime)”): messages are sent over HTTP. socket.io-client is
// imported on first use, so server rendering never loads it.

export type ChannelHandlers = {
  onMessage?: (message: never) => void
  onUpdate?: (message: never) => void
  onRead?: (mark: never) => void
  onTyping?: (event: never) => void
  onPresence?: (event: never) => void
  onPresenceSnapshot?: (entries: never[]) => void
  /** After a reconnect: fetch what was missed (everything after the last id seen). */
  onResync?: () => void
  onConnectionChange?: (connected: boolean) => void
}

type Handlers = { [K in keyof ChannelHandlers]?: (...args: unknown[]) => void }

const channels = new Map<string, Set<Handlers>>()
const userEvents = new Map<string, Set<(payload: unknown) => void>>()
/** Pushes to the person rather than a channel: chat activity (unread counts) and new notifications (the bell). */
const userEventNames = ['channel:activity', 'notification:new'] as const
export type UserEventName = (typeof userEventNames)[number]
/** Record pages listening for `record:changed` pushes; `onResync` after a reconnect (pushes may have been missed). */
export type RecordListener = { onChange: (payload: unknown) => void; onResync: () => void }
const recordListeners = new Set<RecordListener>()
/** Open co-forecast grids: `onCells` gets `forecast:cells` pushes; `onResync` after a reconnect. */
export type ForecastListener = { onCells: (payload: unknown) => void; onResync: () => void }
const forecastListeners = new Map<string, Set<ForecastListener>>()
let socket: Promise<Socket> | null = null
let connectedOnce = false

function each(channelId: string | undefined, fn: (h: Handlers) => void) {
  const sets = channelId ? [channels.get(channelId)] : [...channels.values()]
  for (const set of sets) for (const h of set ?? []) fn(h)
}

function join(s: Socket, channelId: string) {
  s.emit('channel:join', channelId, (reply: { ok: boolean } | undefined) => {
    if (!reply?.ok) return
    s.emit('presence:get', { channelId }, (entries: unknown) => {
      if (Array.isArray(entries)) each(channelId, (h) => h.onPresenceSnapshot?.(entries))
    })
  })
}

/** Everything that listens fetches what it may have missed (after a reconnect or a re-check of rights). */
function resync() {
  each(undefined, (h) => h.onResync?.())
  for (const l of recordListeners) l.onResync()
  for (const set of forecastListeners.values()) for (const l of set) l.onResync()
}

function connect(): Promise<Socket> {
  socket ??= import('socket.io-client').then(({ io }) => {
    const s = io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true })
    s.on('connect', () => {
      for (const id of channels.keys()) join(s, id)
      for (const id of forecastListeners.keys()) s.emit('forecast:join', id)
      each(undefined, (h) => h.onConnectionChange?.(true))
      // The first connect has nothing to catch up on: the page was rendered with the newest messages.
      if (connectedOnce) resync()
      connectedOnce = true
      setPresence(document.visibilityState === 'visible' ? 'online' : 'away')
    })
    s.on('disconnect', () => each(undefined, (h) => h.onConnectionChange?.(false)))
    // The server re-checked this socket's rooms after an identity change: catch up on what it held back meanwhile.
    s.on('access:changed', resync)
    const route = (event: string, key: keyof Handlers) =>
      s.on(event, (payload: { channelId?: string }) => each(payload?.channelId, (h) => h[key]?.(payload)))
    route('message:new', 'onMessage')
    route('message:updated', 'onUpdate')
    route('read', 'onRead')
    route('typing', 'onTyping')
    // Presence names a person, not a channel: every open panel checks whether they are one of its members.
    s.on('presence', (payload: unknown) => each(undefined, (h) => h.onPresence?.(payload)))
    s.on('forecast:cells', (payload: { forecastId?: string }) => {
      for (const l of forecastListeners.get(payload?.forecastId ?? '') ?? []) l.onCells(payload)
    })
    s.on('record:changed', (payload: unknown) => {
      for (const l of recordListeners) l.onChange(payload)
    })
    for (const event of userEventNames) {
      s.on(event, (payload: unknown) => {
        for (const fn of userEvents.get(event) ?? []) fn(payload)
      })
    }
    watchVisibility()
    return s
  })
  return socket
}

/** Joins a channel's room now and after every reconnect; returns the way out. */
export function subscribeChannel(channelId: string, handlers: Handlers) {
  let set = channels.get(channelId)
  const first = !set
  if (!set) {
    set = new Set()
    channels.set(channelId, set)
  }
  set.add(handlers)
  void connect().then((s) => {
    if (first && s.connected) join(s, channelId)
    handlers.onConnectionChange?.(s.connected || !connectedOnce)
  })
  return () => {
    set.delete(handlers)
    if (set.size === 0) {
      channels.delete(channelId)
      void socket?.then((s) => s.emit('channel:leave', channelId))
    }
  }
}

export function onUserEvent(event: UserEventName, handler: (payload: unknown) => void) {
  let set = userEvents.get(event)
  if (!set) {
    set = new Set()
    userEvents.set(event, set)
  }
  set.add(handler)
  void connect()
  return () => {
    set.delete(handler)
  }
}

/** Listens for record changes pushed to the user's org room; returns the way out. */
export function onRecordChange(listener: RecordListener) {
  recordListeners.add(listener)
  void connect()
  return () => {
    recordListeners.delete(listener)
  }
}

/** Joins a co-forecast's room now and after every reconnect; returns the way out. */
export function subscribeForecast(forecastId: string, listener: ForecastListener) {
  let set = forecastListeners.get(forecastId)
  const first = !set
  if (!set) {
    set = new Set()
    forecastListeners.set(forecastId, set)
  }
  set.add(listener)
  void connect().then((s) => {
    if (first && s.connected) s.emit('forecast:join', forecastId)
  })
  return () => {
    set.delete(listener)
    if (set.size === 0) {
      forecastListeners.delete(forecastId)
      void socket?.then((s) => s.emit('forecast:leave', forecastId))
    }
  }
}

const lastTyping = new Map<string, number>()

/** At most one typing notice per channel every 1.5 s; the others' panels show it for a few seconds. */
export function sendTyping(channelId: string) {
  const now = Date.now()
  if (now - (lastTyping.get(channelId) ?? 0) < 1500) return
  lastTyping.set(channelId, now)
  void socket?.then((s) => s.emit('typing', { channelId }))
}

let presence: 'online' | 'away' | null = null

export function setPresence(state: 'online' | 'away') {
  if (state === presence) return
  presence = state
  void socket?.then((s) => s.connected && s.emit('presence:set', { state }))
}

let awayTimer: ReturnType<typeof setTimeout> | undefined
const AWAY_AFTER_MS = 60_000

/** Away after a minute in the background, online again as soon as the page is looked at. */
function watchVisibility() {
  document.addEventListener('visibilitychange', () => {
    clearTimeout(awayTimer)
    if (document.visibilityState === 'visible') setPresence('online')
    else awayTimer = setTimeout(() => setPresence('away'), AWAY_AFTER_MS)
  })
  window.addEventListener('focus', () => setPresence('online'))
}
