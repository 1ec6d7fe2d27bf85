/**
 * npm run bench:body-limit — the production server (server/index.ts on the test build, embedded database) gets
 * BENCH_BODY_POSTS (default 10) parallel unauthenticated POST /login of BENCH_BODY_MB (default 200) each, on
 * loopback only: once declared by Content-Length, once chunked, once as chunked multipart. Reports the server
 * process's resident memory growth over its idle level (sampled from /proc every 20 ms) and the statuses.
 * Goal: growth under 50 MB in every round, every post refused (413, or closed while it was still sending).
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '#tests/integration/app-process.ts'
import { startProcess } from './processes.ts'

const MB = 1024 * 1024
const posts = Math.min(Number(process.env.BENCH_BODY_POSTS ?? 10), 50)
const sizeMb = Math.min(Number(process.env.BENCH_BODY_MB ?? 200), 2048)
const goalMb = 50

function rssMb(pid: number) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : 0
}

type Kind = 'declared' | 'chunked' | 'chunked multipart'

/** One POST of `sizeMb` from one reused 1 MB chunk (the sender holds no memory); resolves with the status. */
function post(origin: string, kind: Kind): Promise<number> {
  const chunk = Buffer.alloc(MB, 0x61)
  const type =
    kind === 'chunked multipart' ? 'multipart/form-data; boundary=b' : 'application/x-www-form-urlencoded'
  const headers: Record<string, string> = { origin, 'content-type': type }
  if (kind === 'declared') headers['content-length'] = String(sizeMb * MB)
  return new Promise((resolve) => {
    const req = http.request(`${origin}/login`, { method: 'POST', headers, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    // An early 413 closes the connection while we still send: the status is what we came for.
    req.on('error', () => setTimeout(() => resolve(0), 1000))
    let left = sizeMb
    const write = () => {
      while (left > 0) {
        left--
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      req.end()
    }
    if (kind === 'chunked multipart')
      req.write('--b\r\nContent-Disposition: form-data; name="filler"\r\n\r\n')
    write()
  })
}

async function round(origin: string, pid: number, kind: Kind) {
  const idle = rssMb(pid)
  let peak = idle
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid))
  }, 20)
  const started = performance.now()
  const statuses = await Promise.all(Array.from({ length: posts }, () => post(origin, kind)))
  const seconds = (performance.now() - started) / 1000
  clearInterval(timer)
  peak = Math.max(peak, rssMb(pid))
  return { kind, idle, growth: peak - idle, seconds, statuses }
}

const port = await freePort()
const origin = `http://127.0.0.1:${port}`
const server = await startProcess(
  'server',
  process.execPath,
  ['--import', 'tsx', 'server/index.ts'],
  {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_ORIGIN: origin,
    TANDEM_BUILD_DIR: process.env.TANDEM_BUILD_DIR ?? 'build-test',
    DATABASE_URL: '',
    PGLITE_DATA_DIR: 'memory://',
    DATA_DIR: path.join(os.tmpdir(), 'tandem-bench-body-limit'),
    SEED_DEMO: 'false',
    JOB_RUNNER: 'off',
    LOG_LEVEL: 'silent',
  },
  `${origin}/healthz`,
)
try {
  // Warm up: the first sign-in page renders load the route modules.
  for (let i = 0; i < 3; i++) await (await fetch(`${origin}/login`)).text()
  const rounds = []
  for (const kind of ['declared', 'chunked', 'chunked multipart'] as const)
    rounds.push(await round(origin, server.pid, kind))
  console.log(
    `\n${posts} parallel POST /login of ${sizeMb} MB each (server RSS; goal: growth < ${goalMb} MB)\n`,
  )
  for (const r of rounds) {
    const counts = Object.entries(
      r.statuses.reduce<Record<number, number>>((all, s) => {
        all[s] = (all[s] ?? 0) + 1
        return all
      }, {}),
    )
      .map(([status, n]) => `${n}× ${status === '0' ? 'closed before the answer was read' : status}`)
      .join(', ')
    // A client still sending when the server answers and closes may see the close before the 413: still refused.
    const verdict = r.growth < goalMb && r.statuses.every((s) => s === 413 || s === 0) ? 'ok' : 'OVER GOAL'
    console.log(
      `${r.kind.padEnd(18)} idle ${r.idle.toFixed(0).padStart(4)} MB  growth ${r.growth.toFixed(1).padStart(6)} MB  ${r.seconds.toFixed(2)} s  ${counts}  ${verdict}`,
    )
  }
  const healthy = await fetch(`${origin}/login`)
  console.log(`\nafterwards GET /login → ${healthy.status}`)
} finally {
  await server.stop()
}
