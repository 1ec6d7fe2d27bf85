import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { getConfig } from '#config/env.ts'
import { openPglite } from './pglite.ts'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
/** A transaction handle; services receive one already scoped to the caller's org. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export type Database = {
  kind: 'postgres' | 'pglite'
  /** Owner connection: migrations, seeding and the sign-in path. Never handed to services of a signed-in user. */
  owner: Db
  /** Connection the request transactions run on; each one switches to the restricted role. */
  app: Db
  close: () => Promise<void>
}

function open(): Database {
  const config = getConfig()
  if (config.DATABASE_URL) {
    const ownerClient = postgres(config.DATABASE_URL, { max: 4, onnotice: () => {} })
    const owner = drizzlePostgres(ownerClient, { schema }) as unknown as Db
    if (!config.DATABASE_APP_URL) {
      return { kind: 'postgres', owner, app: owner, close: () => ownerClient.end() }
    }
    const appClient = postgres(config.DATABASE_APP_URL, { max: 10, onnotice: () => {} })
    const app = drizzlePostgres(appClient, { schema }) as unknown as Db
    return {
      kind: 'postgres',
      owner,
      app,
      close: async () => {
        await Promise.all([ownerClient.end(), appClient.end()])
      },
    }
  }
  const dir = config.PGLITE_DATA_DIR ?? path.join(config.DATA_DIR, 'pglite')
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true })
  const client = openPglite(dir)
  const db = drizzlePglite(client, { schema }) as unknown as Db
  return { kind: 'pglite', owner: db, app: db, close: () => client.close() }
}

// Kept on globalThis so that the server build, dev reloads and tests share one pool (and one PGlite).
const key = Symbol.for('tandem.database')
type Holder = { [key]?: Database }

export function getDatabase(): Database {
  const holder = globalThis as Holder
  holder[key] ??= open()
  return holder[key]
}

export async function closeDatabase() {
  const holder = globalThis as Holder
  const db = holder[key]
  holder[key] = undefined
  await db?.close()
}
