import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import type { Server } from 'socket.io'

/**
 * With REDIS_URL, every app process shares socket.io fan-out through Redis pub/sub (a publish on one process
 * reaches sockets on all); without it the default in-memory adapter serves one process. `shared` says whether
 * other processes are there to tell (server-side events; the in-memory adapter would only warn).
 */
export function attachRedisAdapter(
  io: Pick<Server, 'adapter'>,
  url: string | undefined,
  keyPrefix = 'tandem:socket.io',
) {
  if (!url) return { shared: false, close: async () => {} }
  const pub = new Redis(url, { maxRetriesPerRequest: null })
  const sub = pub.duplicate()
  // ioredis reconnects by itself; without listeners an outage would crash the process.
  pub.on('error', () => {})
  sub.on('error', () => {})
  io.adapter(createAdapter(pub, sub, { key: keyPrefix }))
  return {
    shared: true,
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()])
    },
  }
}
