/**
 * How app code pushes to connected browsers (docs/architecture.md, “Pushes (realtime)”: the socket only pushes). The socket.io gateway in
 * server/realtime registers itself here at start; without it (scripts, a job-only process) pushes are dropped,
 * which loses nothing because every pushed thing is stored first and clients catch up by id.
 *
 * Kept on globalThis so the server build and code outside it (server/, tests) see one registration.
 */
export type RealtimeSink = {
  /** Sends `event` with `payload` to every socket in `room` (on every app process, with the Redis adapter). */
  emit(room: string, event: string, payload: unknown): void
  /** Disconnects every socket opened with this session (session ids are the stored SHA-256 hashes). */
  disconnectSession(sessionId: string): void
  // The two below are optional so that a sink recording pushes in a test need not implement them.
  /**
   * Every socket in `room` (on every process) drops its channel and record rooms at once, re-reads its session
   * and joins back only what it may still open; a socket whose session no longer stands is closed.
   */
  reauthorize?(room: string): void
  /** Sends `event` to the sockets of these orgs whose person may open the channel (checked per person). */
  emitToChannelReaders?(
    target: { channelId: string; orgIds: string[] },
    event: string,
    payload: unknown,
  ): void
}

const key = Symbol.for('tandem.realtime')
type Holder = { [key]?: RealtimeSink }

export function setRealtimeSink(sink: RealtimeSink | undefined) {
  ;(globalThis as Holder)[key] = sink
}

export function publish(room: string, event: string, payload: unknown) {
  ;(globalThis as Holder)[key]?.emit(room, event, payload)
}

export function disconnectSessions(sessionIds: string[]) {
  const sink = (globalThis as Holder)[key]
  for (const id of sessionIds) sink?.disconnectSession(id)
}

/**
 * After an identity change (org switch, role change, deactivation, removal, partnership status): the sockets in
 * these rooms re-check their rights now rather than keep those they connected with. Call it once the change has
 * committed (afterCommit inside a transaction).
 */
export function reauthorize(roomNames: string[]) {
  const sink = (globalThis as Holder)[key]
  for (const room of new Set(roomNames)) sink?.reauthorize?.(room)
}

/** Pushes to those of `orgIds` who may open the channel, wherever they are in the app (unread counts). */
export function publishToChannelReaders(
  target: { channelId: string; orgIds: string[] },
  event: string,
  payload: unknown,
) {
  ;(globalThis as Holder)[key]?.emitToChannelReaders?.(target, event, payload)
}

/** Room names, in one place so publishers and the gateway agree. */
export const rooms = {
  channel: (channelId: string) => `channel:${channelId}`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  /** Every socket of an org's users (channel list updates, presence). */
  org: (orgId: string) => `org:${orgId}`,
  /** Viewers of a co-forecast grid (joined like opening the plan: cell figures are pushed here). */
  forecast: (forecastId: string) => `forecast:${forecastId}`,
}
