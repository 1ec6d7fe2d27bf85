import { io, type Socket } from 'socket.io-client'

// The viewers of the fan-out bench, in their own process (forked with IPC) so that receiving does not compete with
// the gateway for the event loop: N socket.io clients with real session cookies, each joining the plan's room as
// the grid page does (`forecast:join`, ack { ok: true }). For every push they record when it arrived; once all N
// have it, the parent gets the arrival times, keyed by the first update's value and version.

type Push = { updates?: { value?: number | null; version?: number }[] }

const port = Number(process.env.VIEWERS_PORT)
const forecastId = process.env.VIEWERS_FORECAST_ID ?? ''
const cookies = JSON.parse(process.env.VIEWERS_COOKIES ?? '[]') as string[]
const origin = `http://127.0.0.1:${port}`
const now = () => performance.timeOrigin + performance.now()
const arrivals = new Map<string, number[]>()
const sockets: Socket[] = []

function connect(cookie: string) {
  return new Promise<void>((resolve, reject) => {
    const socket = io(origin, {
      transports: ['websocket'],
      extraHeaders: { origin, cookie },
      reconnection: false,
      forceNew: true,
    })
    sockets.push(socket)
    socket.on('forecast:cells', (push: Push) => {
      const at = now()
      const first = push.updates?.[0]
      const key = `${first?.value}:${first?.version}`
      const list = arrivals.get(key) ?? []
      list.push(at)
      arrivals.set(key, list)
      if (list.length === cookies.length) {
        arrivals.delete(key)
        process.send?.({ arrived: { key, times: list, bytes: Buffer.byteLength(JSON.stringify(push)) } })
      }
    })
    socket.once('connect_error', reject)
    socket.once('connect', () => {
      socket.emit('forecast:join', forecastId, (reply: { ok?: boolean }) =>
        reply?.ok ? resolve() : reject(new Error(`forecast:join refused: ${JSON.stringify(reply)}`)),
      )
    })
  })
}

process.on('message', (message: { cmd: string }) => {
  if (message.cmd === 'close') {
    for (const s of sockets) s.disconnect()
    process.exit(0)
  }
})

try {
  // In batches of 10: each connection is a session lookup and each join a plan check in the parent's database.
  for (let i = 0; i < cookies.length; i += 10) await Promise.all(cookies.slice(i, i + 10).map(connect))
  process.send?.({ ready: sockets.length })
} catch (error) {
  process.send?.({ failed: String((error as Error)?.message ?? error) })
}
