import { fork } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { and, eq } from 'drizzle-orm'
import pino from 'pino'
import { createSession, SESSION_COOKIE } from '#app/features/auth/session.server.ts'
import type { ForecastCellsPush } from '#app/features/forecasts/publish-forecast-cells.server.ts'
import { saveForecastCells } from '#app/features/forecasts/save-forecast-cells.server.ts'
import { realtimeAccess } from '#app/features/realtime/room-access.server.ts'
import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { forecastCells, users } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { attachRealtime } from '#server/realtime/gateway.ts'
import { asCaller } from '#tests/integration/service-context.ts'
import type { ForecastWorld } from './forecasts-seed.ts'
import { percentile } from './timing.ts'

const EDITS = Number(process.env.BENCH_FANOUT_EDITS ?? 100)
const WARMUP_EDITS = 5
const now = () => performance.timeOrigin + performance.now()

export type FanoutResults = {
  viewers: number
  edits: number
  /** Until the last of the viewers had the push: from the start of the save, and from its commit. */
  saveToLast: Spread
  commitToLast: Spread
  save: Spread
  /** The same gateway emitting the same push to the same room, no database. */
  emitToLast: Spread
  bytes: { save: number; emit: number }
}

export type Spread = { p50: number; p99: number }

type Arrival = { key: string; times: number[]; bytes: number }

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}

/**
 * The app's real socket.io gateway in this process (real session cookies, `forecast:join` checked like opening the
 * plan, through RLS), the viewers in a child process. Each round saves one cell through saveForecastCells, which
 * pushes `forecast:cells` after commit, then emits the very same push through the same gateway without the
 * database; both are timed until the last viewer has it.
 */
export async function timeFanout(world: ForecastWorld, log: (m: string) => void): Promise<FanoutResults> {
  const server = http.createServer()
  // Listen first: the gateway accepts only its configured origin, which includes the port.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const gateway = attachRealtime(server, {
    config: { APP_ORIGIN: `http://127.0.0.1:${port}`, REDIS_URL: undefined, TRUST_PROXY: 'false' },
    logger: pino({ level: 'silent' }),
    access: realtimeAccess,
    // Every viewer comes from this machine.
    limits: { socketsPerAddress: Number.POSITIVE_INFINITY },
  })
  const cookies: string[] = []
  for (const v of world.viewers) {
    const { token } = await createSession(v.userId, v.orgId, { ip: null, userAgent: 'tandem-bench' })
    cookies.push(`${SESSION_COOKIE}=${token}`)
  }
  const child = fork(new URL('./forecasts-viewers.ts', import.meta.url).pathname, {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      VIEWERS_PORT: String(port),
      VIEWERS_FORECAST_ID: world.forecastId,
      VIEWERS_COOKIES: JSON.stringify(cookies),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const arrivals: Arrival[] = []
  let wake: (() => void) | undefined
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (m: { ready?: number; failed?: string; arrived?: Arrival }) => {
      if (m.ready !== undefined) resolve(m.ready)
      if (m.failed) reject(new Error(`viewers: ${m.failed}`))
      if (m.arrived) {
        arrivals.push(m.arrived)
        wake?.()
      }
    })
    child.once('exit', (code) => reject(new Error(`viewers exited with ${code}`)))
  })
  /** The next arrival of `key` at every viewer (arrivals come in order; keys repeat: save, then emit). */
  const arrival = async (key: string) => {
    const deadline = Date.now() + 10_000
    for (;;) {
      const i = arrivals.findIndex((a) => a.key === key)
      if (i >= 0) return arrivals.splice(i, 1)[0]
      if (Date.now() > deadline) throw new Error(`not every viewer received push ${key} within 10 s`)
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, 100)
      })
    }
  }
  try {
    const connected = await ready
    log(`  ${connected} viewers joined the plan's room; ${WARMUP_EDITS} + ${EDITS} edits, each pushed twice`)
    const saveToLast: number[] = []
    const commitToLast: number[] = []
    const saves: number[] = []
    const emitToLast: number[] = []
    const bytes = { save: 0, emit: 0 }
    // The no-database push carries what the service's does, the saver's name included.
    const [saver] = await asSystem((tx) =>
      tx.select({ name: users.name }).from(users).where(eq(users.id, world.host.userId)),
    )
    for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
      const productId = world.productIds[i % world.productIds.length]
      const weekStart = world.weeks[world.weeks.length - 1]
      const [cell] = await asSystem((tx) =>
        tx
          .select({ value: forecastCells.value, version: forecastCells.version })
          .from(forecastCells)
          .where(
            and(
              eq(forecastCells.forecastProductId, productId),
              eq(forecastCells.weekStart, weekStart),
              eq(forecastCells.line, 'host'),
            ),
          ),
      )
      let committedAt = 0
      const started = now()
      const result = await asCaller(world.host, (ctx) => {
        // Queued before the service's own push, so it runs first, right after COMMIT.
        afterCommit(ctx.tx, () => {
          committedAt = now()
        })
        return saveForecastCells(ctx, world.forecastId, {
          line: 'host',
          cells: [{ productId, weekStart, value: (cell.value ?? 0) + 1, baseVersion: cell.version }],
        })
      })
      const saved = now()
      const update = result.saved[0]
      if (!update) throw new Error('the fan-out edit saved nothing')
      const key = `${update.value}:${update.version}`
      const pushed = await arrival(key)
      const push: ForecastCellsPush = {
        forecastId: world.forecastId,
        byUserId: world.host.userId,
        byName: saver?.name ?? null,
        updates: [update],
      }
      const emitted = now()
      publish(rooms.forecast(world.forecastId), 'forecast:cells', push)
      const echoed = await arrival(key)
      if (i < WARMUP_EDITS) continue
      const last = Math.max(...pushed.times)
      saveToLast.push(last - started)
      commitToLast.push(last - committedAt)
      saves.push(saved - started)
      emitToLast.push(Math.max(...echoed.times) - emitted)
      bytes.save = pushed.bytes
      bytes.emit = echoed.bytes
    }
    return {
      viewers: connected,
      edits: EDITS,
      saveToLast: spread(saveToLast),
      commitToLast: spread(commitToLast),
      save: spread(saves),
      emitToLast: spread(emitToLast),
      bytes,
    }
  } finally {
    child.send({ cmd: 'close' })
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))
    await gateway.close()
    server.close()
  }
}
