import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import { getDatabase } from './client.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Applies pending migrations as the owner. Safe to call on every start. */
export async function migrateDatabase(migrationsFolder = resolveMigrationsFolder()) {
  const db = getDatabase()
  if (db.kind === 'pglite') {
    await migratePglite(db.owner as unknown as PgliteDatabase, { migrationsFolder })
  } else {
    await migratePostgres(db.owner as unknown as PostgresJsDatabase, { migrationsFolder })
  }
}

function resolveMigrationsFolder() {
  // In the server build this module is bundled away from db/, so fall back to the project folder.
  const local = path.join(here, 'migrations')
  return here.endsWith(`${path.sep}db`) ? local : path.resolve(process.cwd(), 'db/migrations')
}
