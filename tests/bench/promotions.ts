/**
 * npm run bench:promotions — co-op / MDF funds and promotions at scale: 200 partnerships, 4 funds × 200
 * allocations, 5,000 promotions with products, weekly volumes and claims, 2,000,000 ledger entries. In one run:
 *   1. as shipped: the fund overview, fund list and program ROI view through their services (a manager, RLS), and
 *      commitFunds under 8 concurrent approvers beside the same commitments as bare inserts;
 *   2. raw SQL (owner, no RLS) with covering indexes: the same aggregates, and the same lock-and-check;
 *   3. the proposed indexes (bench database only): the services and commitFunds again, and the bench's proposed
 *      rewrite of the fund overview's queries (promotions-proposals.ts).
 * Env: DATABASE_URL (PostgreSQL, its own database, dropped afterwards; else PGlite at a smaller default scale),
 * BENCH_SCALE (default 1, PGlite 0.1), BENCH_ITERATIONS (30), BENCH_COMMIT_SECONDS (10), BENCH_EXPLAIN=1 (the
 * services' query plans to stderr), BENCH_KEEP=1 (keep the database to look into it).
 */
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { Db } from '#db/client.ts'
import { prepareDatabase } from './database.ts'

const log = (message: string) => process.stderr.write(`[bench:promotions] ${message}\n`)

async function main() {
  const started = Date.now()
  const db = await prepareDatabase()
  const pglite = !process.env.DATABASE_URL
  const scale = Number(process.env.BENCH_SCALE ?? (pglite ? 0.1 : 1))
  let rawClient: postgres.Sql | undefined
  try {
    Object.assign(process.env, db.env)
    if (!pglite) {
      // As in production: the app logs in as the restricted role, with its own pool (10), apart from the owner's.
      const app = new URL(db.env.DATABASE_URL)
      app.username = 'tandem_app'
      app.password = ''
      process.env.DATABASE_APP_URL = app.toString()
    } else {
      log('no DATABASE_URL: embedded PGlite, one connection for everything, default scale 0.1 (BENCH_SCALE)')
    }
    const { resetConfig } = await import('#server/config.ts')
    resetConfig()
    // App modules load only now, after the database environment is set.
    const { migrateDatabase } = await import('#db/migrate.ts')
    const { closeDatabase, getDatabase } = await import('#db/client.ts')
    const { promotionsScale, seedPromotions } = await import('./promotions-seed.ts')
    const views = await import('./promotions-views.ts')
    const commits = await import('./promotions-commits.ts')
    const { explainViews } = await import('./promotions-explain.ts')
    const { printPromotionsReport } = await import('./promotions-report.ts')
    const explain = process.env.BENCH_EXPLAIN === '1'
    try {
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

      log('1. as shipped: the services with the migrations’ indexes')
      if (explain) await explainViews(world, cases, 'as shipped')
      const shipped = await views.timeServices(world, cases, log)
      const plan = await commits.planCommits(raw)
      log(`  commitFunds: ${commits.WORKERS} workers`)
      const commitShipped = await commits.commitThroughService(world, raw, plan, 'commitFunds, as shipped')
      log(`  raw inserts: the same ${commitShipped.ops} rows`)
      const bare = await commits.commitInsertRaw(world, raw, plan, commitShipped.ops)

      log('2. raw SQL, owner, covering indexes')
      await views.runStatements(raw, views.RAW_INDEXES)
      const rawTimes = await views.timeRaw(cases, log)
      log(`  raw lock and check: the same ${commitShipped.ops} commitments`)
      const locked = await commits.commitLockedRaw(world, raw, plan, commitShipped.ops)
      await views.runStatements(raw, views.DROP_RAW_INDEXES)

      log('3. the proposed indexes')
      await views.runStatements(raw, views.PROPOSED_INDEXES)
      if (explain) await explainViews(world, cases, 'proposed indexes')
      const proposed = await views.timeServices(world, cases, log)
      const { checkProposedFundOverview } = await import('./promotions-proposals.ts')
      await checkProposedFundOverview(views.managerOf(world), world.fundIds[0])
      const rewritten = await views.timeRewritten(world, cases, log)
      log(`  commitFunds: ${commits.WORKERS} workers`)
      const commitProposed = await commits.commitThroughService(
        world,
        raw,
        plan,
        'commitFunds, proposed indexes',
      )

      printPromotionsReport({
        database: db.label,
        scale,
        seedSeconds,
        world,
        views: cases.map((c, k) => ({
          name: c.name,
          rawSql: c.rawSql,
          service: shipped[k],
          raw: rawTimes[k],
          proposed: proposed[k],
          rewritten: rewritten[k],
        })),
        proposedIndexes: views.PROPOSED_INDEXES,
        commits: {
          shipped: commitShipped,
          proposed: commitProposed,
          locked,
          bare,
          hotAvailable: plan.hotAvailable,
        },
      })
    } finally {
      await rawClient?.end()
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
