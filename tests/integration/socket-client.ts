import { io, type Socket } from 'socket.io-client'

/** A socket.io client as a browser of that origin with that cookie would open it (websocket only, no retries). */
export function connectSocket(
  origin: string,
  options: { cookie?: string; origin?: string; reconnection?: boolean; headers?: Record<string, string> },
) {
  const headers: Record<string, string> = { ...options.headers, origin: options.origin ?? origin }
  if (options.cookie) headers.cookie = options.cookie
  return io(origin, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: options.reconnection ?? false,
    forceNew: true,
  })
}

/** Resolves once connected; rejects with the server's refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve()
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
}

export function joinChannel(socket: Socket, channelId: string): Promise<{ ok: boolean; error?: string }> {
  return socket.timeout(5000).emitWithAck('channel:join', channelId)
}

/** The next `event` on the socket, or a rejection after `ms`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  ms = 3000,
  accept: (p: T) => boolean = () => true,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on)
      reject(new Error(`no ${event} within ${ms} ms`))
    }, ms)
    const on = (payload: T) => {
      if (!accept(payload)) return
      clearTimeout(timer)
      socket.off(event, on)
      resolve(payload)
    }
    socket.on(event, on)
  })
}

/** Collects every `event` payload, to check later that something did NOT arrive. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = []
  socket.on(event, (payload: T) => seen.push(payload))
  return seen
}
