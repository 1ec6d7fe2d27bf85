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
