/**
 * How app code pushes to connected browsers (DESIGN.md §4: the socket only pushes). The socket.io gateway in
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
