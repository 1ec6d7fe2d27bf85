import postgres from 'postgres'

/**
 * With DATABASE_URL set, every run gets a fresh PostgreSQL database (dropped afterwards) and the app logs in as
 * the restricted role; with TANDEM_TEST_SET_ROLE=1 too, it logs in as the owner and switches to the restricted
 * role in each transaction instead (production without DATABASE_APP_URL). Without DATABASE_URL, each test worker
 * uses an in-memory PGlite.
 */
export default async function setup() {
  const base = process.env.DATABASE_URL
  if (!base) {
    process.env.PGLITE_DATA_DIR = 'memory://'
    return
  }
  const name = `tandem_test_${Date.now().toString(36)}_${process.pid}`
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  process.env.DATABASE_URL = url.toString()
  // Migrate once here, so workers never race to apply the same migration.
  const { migrateDatabase } = await import('#db/migrate.ts')
  const { closeDatabase } = await import('#db/client.ts')
  await migrateDatabase()
  await closeDatabase()
  if (process.env.TANDEM_TEST_SET_ROLE === '1') {
    delete process.env.DATABASE_APP_URL
    return drop
  }
  const appUrl = new URL(url)
  appUrl.username = 'tandem_app'
  appUrl.password = ''
  process.env.DATABASE_APP_URL = appUrl.toString()
  return drop

  async function drop() {
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}
