/**
 * npm run bench:forecasts — co-forecasts at the scale: one plan of 500 products × 52 weeks with the host,
 * partner and consensus lines filled (78,000 cells). In one run:
 *   1. grid load: getForecastGrid as the host's manager (RLS) beside the same cell read as raw SQL, as the same
 *      user and as the owner; the payload's JSON and gzip bytes;
 *   2. block paste: saveForecastCells with 1,000 changed cells (rules on and off, and the re-check alone) beside a
 *      bulk INSERT … ON CONFLICT DO UPDATE of 1,000 cells, as the same user and as the owner;
 *   3. live fan-out: one saved cell pushed by the real gateway to 50 viewers, beside the same push emitted without
 *      the database.
 * Env: DATABASE_URL (PostgreSQL, its own database, dropped afterwards; else PGlite), BENCH_ITERATIONS (30),
 * BENCH_WARMUP_ITERATIONS (3), BENCH_FANOUT_EDITS (100), BENCH_EXPLAIN=1 (the cell read's plans to stderr),
 * BENCH_KEEP=1 (keep the database to look into it).
 */
import { prepareDatabase } from './database.ts'

const VIEWERS = 50
const log = (message: string) => process.stderr.write(`[bench:forecasts] ${message}\n`)

async function main() {
  const started = Date.now()
  const db = await prepareDatabase()
  const pglite = !process.env.DATABASE_URL
  try {
    Object.assign(process.env, db.env)
    if (!pglite) {
      // As in production: the app logs in as the restricted role, with its own pool, apart from the owner's.
      const app = new URL(db.env.DATABASE_URL)
      app.username = 'tandem_app'
      app.password = ''
      process.env.DATABASE_APP_URL = app.toString()
    } else {
      log('no DATABASE_URL: embedded PGlite, one connection for everything')
    }
    process.env.LOG_LEVEL ??= 'warn'
    const { resetConfig } = await import('#server/config.ts')
    resetConfig()
    // App modules load only now, after the database environment is set.
    const { migrateDatabase } = await import('#db/migrate.ts')
    const { closeDatabase } = await import('#db/client.ts')
    const { seedForecasts } = await import('./forecasts-seed.ts')
    const { explainGridRead, timeGridLoad } = await import('./forecasts-grid.ts')
    const { timePaste } = await import('./forecasts-paste.ts')
    const { timeFanout } = await import('./forecasts-fanout.ts')
    const { printForecastsReport } = await import('./forecasts-report.ts')
    try {
      await migrateDatabase()
      log(`seeding on ${db.label}`)
      const seedStart = Date.now()
      const world = await seedForecasts(VIEWERS, log)
      const seedSeconds = (Date.now() - seedStart) / 1000
      log(`seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(world.counts)}`)

      log('1. grid load')
      if (process.env.BENCH_EXPLAIN === '1') await explainGridRead(world, log)
      const grid = await timeGridLoad(world)
      log('2. block paste')
      const paste = await timePaste(world, log)
      log('3. live fan-out')
      const fanout = await timeFanout(world, log)

      printForecastsReport({ database: db.label, seedSeconds, world, grid, paste, fanout })
    } finally {
      await closeDatabase()
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`keeping the database: ${db.label}`)
    await db.cleanup()
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`)
  process.exitCode = 1
})
