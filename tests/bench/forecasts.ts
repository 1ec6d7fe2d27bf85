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
import { runServiceBench } from './database.ts'

const VIEWERS = 50

runServiceBench('forecasts', async (db, log) => {
  // App modules load only now, after the database environment is set.
  const { migrateDatabase } = await import('#db/migrate.ts')
  const { seedForecasts } = await import('./forecasts-seed.ts')
  const { explainGridRead, timeGridLoad } = await import('./forecasts-grid.ts')
  const { timePaste } = await import('./forecasts-paste.ts')
  const { timeFanout } = await import('./forecasts-fanout.ts')
  const { printForecastsReport } = await import('./forecasts-report.ts')
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
})
