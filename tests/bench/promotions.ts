/**
 * npm run bench:promotions — co-op / MDF funds and promotions at scale: 200 partnerships, 4 funds × 200
 * allocations, 5,000 promotions with products, weekly volumes and claims, 2,000,000 ledger entries. In one run:
 *   1. as shipped: the fund overview, fund list and program ROI view through their services (a manager, RLS),
 *      each call followed or preceded by the same statements as raw SQL (owner, no RLS), so both meet the same
 *      load; commitFunds under 8 concurrent approvers beside the same commitments as raw SQL (lock, sum, insert)
 *      and as bare inserts with and without the ledger_totals trigger, and the trigger's cost per insert;
 *   2. before ledger_totals: the same answers summed from ledger_entries with covering indexes, and the raw lock,
 *      sum and insert over the entries with the trigger off.
 * Env: DATABASE_URL (PostgreSQL, its own database, dropped afterwards; else PGlite at a smaller default scale),
 * BENCH_SCALE (default 1, PGlite 0.1), BENCH_ITERATIONS (30), BENCH_COMMIT_SECONDS (10), BENCH_EXPLAIN=1 (the
 * services' query plans to stderr), BENCH_KEEP=1 (keep the database to look into it).
 */
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { Db } from '#db/client.ts'
import { runServiceBench } from './database.ts'

runServiceBench('promotions', async (db, log) => {
  const pglite = !process.env.DATABASE_URL
  const scale = Number(process.env.BENCH_SCALE ?? (pglite ? 0.1 : 1))
  let rawClient: postgres.Sql | undefined
  try {
    // App modules load only now, after the database environment is set.
    const { migrateDatabase } = await import('#db/migrate.ts')
    const { getDatabase } = await import('#db/client.ts')
    const { promotionsScale, seedPromotions } = await import('./promotions-seed.ts')
    const views = await import('./promotions-views.ts')
    const commits = await import('./promotions-commits.ts')
    const { explainViews } = await import('./promotions-explain.ts')
    const { printPromotionsReport } = await import('./promotions-report.ts')
    const explain = process.env.BENCH_EXPLAIN === '1'
    await migrateDatabase()
    const size = promotionsScale(scale)
    log(`seeding on ${db.label}, scale ${scale}: ${JSON.stringify(size)}`)
    const seedStart = Date.now()
    const world = await seedPromotions(size, log)
    const seedSeconds = (Date.now() - seedStart) / 1000
    log(`seeded in ${seedSeconds.toFixed(1)} s`)

    // Raw SQL runs as the owner on its own pool, wide enough for 8 concurrent workers (PGlite: its one connection).
    if (!pglite) rawClient = postgres(db.env.DATABASE_URL, { max: commits.WORKERS, onnotice: () => {} })
    const raw: Db = rawClient ? (drizzle(rawClient) as unknown as Db) : getDatabase().owner
    const cases = views.viewCases(world, raw)

    log('1. as shipped: the services (reading ledger_totals), each beside its raw SQL as the owner')
    if (explain) await explainViews(world, cases, 'as shipped')
    const timed = await views.timeServicesBesideRaw(world, cases, log)
    log('  an empty RLS transaction')
    const emptyTransaction = await views.timeEmptyTransaction(world)
    const plan = await commits.planCommits(raw)
    log(`  commitFunds: ${commits.WORKERS} workers`)
    const commitShipped = await commits.commitThroughService(world, raw, plan, 'commitFunds, as shipped')
    const count = commitShipped.ops
    log(`  raw lock, sum and insert: the same ${count} commitments`)
    const locked = await commits.commitLockedRaw(world, raw, plan, count, 'ledger_totals')
    log(`  raw inserts: the same ${count} rows, with the trigger and without`)
    const bare = await commits.commitInsertRaw(world, raw, plan, count, true)
    const bareNoTrigger = await commits.commitInsertRaw(world, raw, plan, count, false)
    log('  one insert at a time under EXPLAIN ANALYZE: what the trigger costs')
    const oneInsert = await commits.insertCost(world, raw, plan, 1000)

    log('2. before ledger_totals: sums over ledger_entries, covering indexes')
    await views.runStatements(raw, views.RAW_INDEXES)
    const entryTimes = await views.timeEntries(cases, log)
    log(`  raw lock, sum the entries and insert, no trigger: the same ${count} commitments`)
    const lockedBefore = await commits.commitLockedRaw(world, raw, plan, count, 'ledger_entries')
    await views.runStatements(raw, views.DROP_RAW_INDEXES)

    printPromotionsReport({
      database: db.label,
      scale,
      seedSeconds,
      world,
      emptyTransaction,
      views: cases.map((c, k) => ({
        name: c.name,
        rawSql: c.rawSql,
        service: timed.service[k],
        raw: timed.raw[k],
        entries: entryTimes[k],
      })),
      commits: {
        shipped: commitShipped,
        locked,
        bare,
        lockedBefore,
        bareNoTrigger,
        oneInsert,
        hotAvailable: plan.hotAvailable,
      },
    })
  } finally {
    await rawClient?.end()
  }
})
