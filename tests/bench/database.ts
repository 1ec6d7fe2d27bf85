import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'

export type BenchDatabase = {
  label: string
  /** Environment the bench process and every server it starts share. */
  env: Record<string, string>
  cleanup: () => Promise<void>
}

/**
 * A fresh PostgreSQL database when DATABASE_URL is set (dropped at the end), else PGlite in a temp folder.
 * On PostgreSQL no DATABASE_APP_URL is set on purpose: RLS-on and RLS-off runs then share one pool and differ only
 * by the restricted role and its policies (withTenant switches role inside each transaction).
 */
export async function prepareDatabase(): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL
  if (!base) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-'))
    return {
      label: 'PGlite (embedded)',
      env: { PGLITE_DATA_DIR: path.join(dir, 'pglite'), DATA_DIR: dir },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    }
  }
  const name = `tandem_bench_${Date.now().toString(36)}`
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    label: `PostgreSQL (${url.host}/${name})`,
    env: { DATABASE_URL: url.toString(), DATABASE_APP_URL: '' },
    cleanup: async () => {
      // BENCH_KEEP=1 leaves the database behind to look into (psql, EXPLAIN); drop it by hand afterwards.
      if (process.env.BENCH_KEEP !== '1') await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

/**
 * The life of an in-process service bench: a fresh database, the app logging in as the restricted role with its
 * own pool (as in production; PGlite has one connection for everything), config reset, then `run`, then the
 * database dropped (kept with BENCH_KEEP=1). App modules must be imported inside `run`, after the environment is set.
 */
export function runServiceBench(
  name: string,
  run: (db: BenchDatabase, log: (m: string) => void) => Promise<void>,
) {
  const log = (message: string) => process.stderr.write(`[bench:${name}] ${message}\n`)
  const main = async () => {
    const started = Date.now()
    const db = await prepareDatabase()
    try {
      Object.assign(process.env, db.env)
      if (process.env.DATABASE_URL) {
        const app = new URL(db.env.DATABASE_URL)
        app.username = 'tandem_app'
        app.password = ''
        process.env.DATABASE_APP_URL = app.toString()
      } else {
        log('no DATABASE_URL: embedded PGlite, one connection for everything')
      }
      process.env.LOG_LEVEL ??= 'warn'
      const { resetConfig } = await import('#config/env.ts')
      resetConfig()
      const { closeDatabase } = await import('#db/client.ts')
      try {
        await run(db, log)
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
}
