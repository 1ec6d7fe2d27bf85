import { migrateDatabase } from '#db/migrate.ts'

let migrated: Promise<void> | undefined

/**
 * Each worker's PGlite starts empty; on PostgreSQL global-setup already migrated and this is a no-op check.
 * tests/integration/setup.ts runs it before every test file.
 */
export function ensureMigrated() {
  migrated ??= migrateDatabase()
  return migrated
}
