/**
 * npm run bench: the partner directory through the whole portal (Express + Remix + auth + RLS) against a bare
 * node:http server running the same query and table, and the bare server with RLS on vs off.
 * Env: DATABASE_URL (PostgreSQL, else PGlite), BENCH_SKIP_BUILD=1, TANDEM_BUILD_DIR (default build-bench),
 * BENCH_PORT (default 3201), BENCH_PARTNERS (default 10000), BENCH_DURATION / BENCH_WARMUP (seconds).
 */
import { prepareDatabase } from './database.ts'
import { checkPage, measure } from './measure.ts'
import { type Running, runCommand, startProcess } from './processes.ts'
import { printReport, type Row } from './report.ts'

const buildDir = process.env.TANDEM_BUILD_DIR ?? 'build-bench'
const port = process.env.BENCH_PORT ?? '3201'
const partnerCount = Number(process.env.BENCH_PARTNERS ?? 10_000)
const base = `http://127.0.0.1:${port}`
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)

async function main() {
  const started = Date.now()
  const db = await prepareDatabase()
  let running: Running | undefined
  try {
    Object.assign(process.env, db.env)
    const { resetConfig } = await import('#config/env.ts')
    resetConfig()

    if (process.env.BENCH_SKIP_BUILD !== '1') {
      log(`building into ${buildDir}`)
      await runCommand('npx', ['remix', 'vite:build', '--logLevel', 'warn'], { TANDEM_BUILD_DIR: buildDir })
    }

    log(`seeding ${partnerCount} partnerships on ${db.label}`)
    // App modules load only now, after the database environment is set.
    const { migrateDatabase } = await import('#db/migrate.ts')
    const { closeDatabase } = await import('#db/client.ts')
    const { createSession, SESSION_COOKIE } = await import('#app/features/auth/session.server.ts')
    const { seedBench } = await import('./seed.ts')
    const { measureQueryLatency } = await import('./query-latency.ts')
    await migrateDatabase()
    const seedStart = Date.now()
    const { orgId, userId } = await seedBench(partnerCount)
    log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`)
    log('timing the directory query alone (RLS on, then off)')
    const query = await measureQueryLatency(orgId, userId)
    const { token } = await createSession(userId, orgId, { ip: null, userAgent: 'tandem-bench' })
    // PGlite is single-process: release the data directory before a server opens it.
    await closeDatabase()

    const serverEnv = { ...db.env, NODE_ENV: 'production', PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn' }
    const results: Row[] = []
    const bench = async (
      name: string,
      args: string[],
      env: Record<string, string>,
      readyPath: string,
      headers = {},
    ) => {
      log(`${name}: starting`)
      running = await startProcess(name, 'npx', args, env, `${base}${readyPath}`)
      const { bytes } = await checkPage(`${base}/partners`, headers)
      log(`${name}: measuring`)
      const m = await measure(`${base}/partners`, headers)
      await running.stop()
      running = undefined
      results.push({ name, m, bytes })
    }

    await bench(
      'portal (Express + Remix, RLS)',
      ['tsx', 'server/index.ts'],
      { ...serverEnv, TANDEM_BUILD_DIR: buildDir, SEED_DEMO: 'false' },
      '/healthz',
      { cookie: `${SESSION_COOKIE}=${token}` },
    )
    const bareEnv = { ...serverEnv, BENCH_ORG_ID: orgId, BENCH_USER_ID: userId }
    await bench(
      'bare node:http, RLS on',
      ['tsx', 'tests/bench/bare-server.ts'],
      { ...bareEnv, BENCH_MODE: 'rls' },
      '/',
    )
    await bench(
      'bare node:http, RLS off (owner)',
      ['tsx', 'tests/bench/bare-server.ts'],
      { ...bareEnv, BENCH_MODE: 'system' },
      '/',
    )

    printReport(db.label, partnerCount, results, query)
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await running?.stop()
    await db.cleanup()
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`)
  process.exitCode = 1
})
