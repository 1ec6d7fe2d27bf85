/**
 * npm run bench:fanout — real-time fan-out: 2,000 connected clients in 20 rooms of 100, messages published at a
 * fixed rate (BENCH_FANOUT_RATE per second, default 20, round-robin over the rooms) for BENCH_FANOUT_SECONDS
 * (default 10). The app's socket.io gateway and a bare `ws` server doing the same room fan-out with the same payload
 * each run in their own process (tests/bench/fanout-server.ts), in the same run. Reports deliveries per second,
 * latency (p50, p99), server CPU per delivery and server memory per idle connection.
 * Goals: CPU per delivery within 1.3× of ws; p99 under 50 ms.
 */
import { type ChildProcess, fork } from 'node:child_process'
import crypto from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import WebSocket from 'ws'

const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 2000)
const ROOM_SIZE = 100
const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 20)
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 10)
const BYTES = 200
const now = () => performance.timeOrigin + performance.now()
const log = (m: string) => process.stderr.write(`[bench:fanout] ${m}\n`)

type Mode = 'socketio' | 'ws'
type Result = {
  mode: Mode
  deliveries: number
  expected: number
  perSecond: number
  p50: number
  p99: number
  cpuMicrosPerDelivery: number
  bytesPerIdleConnection: number
}

function startServer(mode: Mode) {
  const child = fork(new URL('./fanout-server.ts', import.meta.url).pathname, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, FANOUT_MODE: mode, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const next = <T>(key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (!(key in m)) return
        child.off('message', on)
        resolve(m[key] as T)
      }
      child.on('message', on)
    })
  return { child, next }
}

type Client = { close: () => void }

function connectClient(
  mode: Mode,
  port: number,
  index: number,
  room: string,
  onMessage: (sentAt: number) => void,
) {
  const origin = `http://127.0.0.1:${port}`
  return new Promise<Client>((resolve, reject) => {
    if (mode === 'socketio') {
      const socket: Socket = io(origin, {
        transports: ['websocket'],
        extraHeaders: { origin, cookie: `bench=${index}` },
        reconnection: false,
        forceNew: true,
      })
      socket.on('message:new', (m: { sentAt: number }) => onMessage(m.sentAt))
      socket.once('connect_error', reject)
      socket.once('connect', () => {
        socket.emit('channel:join', room, (reply: { ok: boolean }) =>
          reply?.ok ? resolve({ close: () => socket.disconnect() }) : reject(new Error('join refused')),
        )
      })
    } else {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`)
      socket.once('error', reject)
      socket.once('open', () => socket.send(JSON.stringify({ join: room })))
      socket.on('message', (data) => {
        const parsed = JSON.parse(String(data))
        if (parsed.joined) return resolve({ close: () => socket.close() })
        onMessage(parsed[1].sentAt)
      })
    }
  })
}

async function measure(mode: Mode): Promise<Result> {
  const { child, next } = startServer(mode)
  const port = await next<number>('port')
  const memory = async () => {
    child.send({ cmd: 'memory' })
    return next<{ rss: number; heapUsed: number }>('memory')
  }
  const before = await memory()
  const rooms = Array.from({ length: CLIENTS / ROOM_SIZE }, () => crypto.randomUUID())
  const latencies: number[] = []
  const clients: Client[] = []
  // Connect in batches, so the handshakes do not all land at once.
  for (let i = 0; i < CLIENTS; i += 100) {
    const batch = Array.from({ length: Math.min(100, CLIENTS - i) }, (_, j) =>
      connectClient(mode, port, i + j, rooms[Math.floor((i + j) / ROOM_SIZE)], (sentAt) =>
        latencies.push(now() - sentAt),
      ),
    )
    clients.push(...(await Promise.all(batch)))
  }
  await new Promise((r) => setTimeout(r, 1000))
  const idle = await memory()
  log(`${mode}: ${clients.length} clients connected; publishing ${RATE}/s for ${SECONDS} s`)
  child.send({ cmd: 'run', rate: RATE, seconds: SECONDS, rooms, bytes: BYTES })
  const done = await next<{ published: number; cpuMicros: number; wallMs: number }>('done')
  await new Promise((r) => setTimeout(r, 300))
  for (const c of clients) c.close()
  child.kill('SIGTERM')
  await new Promise((r) => (child as ChildProcess).once('exit', r))
  latencies.sort((a, b) => a - b)
  const pick = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN
  return {
    mode,
    deliveries: latencies.length,
    expected: done.published * ROOM_SIZE,
    perSecond: latencies.length / (done.wallMs / 1000),
    p50: pick(0.5),
    p99: pick(0.99),
    cpuMicrosPerDelivery: done.cpuMicros / Math.max(1, latencies.length),
    bytesPerIdleConnection: (idle.rss - before.rss) / CLIENTS,
  }
}

const sio = await measure('socketio')
const ws = await measure('ws')
const row = (r: Result) =>
  `${(r.mode === 'socketio' ? 'socket.io gateway' : 'bare ws').padEnd(20)}${`${r.deliveries}/${r.expected}`.padStart(14)}${r.perSecond.toFixed(0).padStart(12)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${r.cpuMicrosPerDelivery.toFixed(1).padStart(14)}${(r.bytesPerIdleConnection / 1024).toFixed(1).padStart(16)}`
console.log(
  `\nFan-out: ${CLIENTS} clients in rooms of ${ROOM_SIZE}, ${RATE} messages/s for ${SECONDS} s, ${BYTES}-byte body, same run:\n`,
)
console.log(
  `${'server'.padEnd(20)}${'delivered'.padStart(14)}${'per second'.padStart(12)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'CPU µs/deliv'.padStart(14)}${'KB/idle conn'.padStart(16)}`,
)
console.log(row(sio))
console.log(row(ws))
const cpuRatio = sio.cpuMicrosPerDelivery / ws.cpuMicrosPerDelivery
console.log(
  `\nsocket.io / ws: CPU per delivery ${cpuRatio.toFixed(2)}×, memory per idle connection ${(sio.bytesPerIdleConnection / ws.bytesPerIdleConnection).toFixed(2)}×`,
)
console.log(`goal CPU per delivery ≤ 1.3× ws: ${cpuRatio <= 1.3 ? 'MET' : 'NOT MET'}`)
console.log(`goal p99 < 50 ms (socket.io): ${sio.p99 < 50 ? 'MET' : 'NOT MET'} (${sio.p99.toFixed(1)} ms)`)
console.log('(socket.io authentication is a stand-in here: this measures fan-out, not session lookups)')
process.exit(0)
