import { closeRateLimiters } from '#app/lib/rate-limit.server.ts'
import { closeDatabase, getDatabase } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { demoBanner, isEmpty, seedDemo } from '#db/seed/demo.ts'
import { asSystem } from '#db/tenant.ts'
import { getConfig } from '#server/config.ts'

/** Migrates, seeds the demo world on an empty database (when SEED_DEMO is on) and reports what it did. */
export async function bootstrap() {
  const config = getConfig()
  await migrateDatabase()
  let seeded = false
  if (config.SEED_DEMO === 'true') {
    seeded = await asSystem(async (tx) => {
      if (!(await isEmpty(tx))) return false
      await seedDemo(tx)
      return true
    })
  }
  return {
    log: { database: getDatabase().kind, seeded },
    banner: config.SEED_DEMO === 'true' ? demoBanner() : null,
  }
}

export async function shutdown() {
  await Promise.all([closeDatabase(), closeRateLimiters()])
}
