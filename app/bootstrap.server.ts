import { type JobRunner, startJobRunner } from '#app/lib/jobs/runner.server.ts'
import { closeRateLimiters } from '#app/lib/rate-limit.server.ts'
import { getConfig } from '#config/env.ts'
import { closeDatabase, getDatabase } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { demoBanner, isEmpty, seedDemo } from '#db/seed/demo.ts'
import { asSystem } from '#db/tenant.ts'
import { jobHandlers, scheduleDailyJobs } from './jobs.server.ts'

let runner: JobRunner | null = null

/**
 * Migrates, seeds the demo world on an empty database (when SEED_DEMO is on), starts the background job runner
 * (unless JOB_RUNNER=off) and reports what it did.
 */
export async function bootstrap(options: { logger?: Parameters<typeof startJobRunner>[0]['logger'] } = {}) {
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
  if (config.JOB_RUNNER === 'on' && !runner) {
    runner = startJobRunner({
      handlers: jobHandlers,
      pollMs: config.JOB_POLL_MS,
      logger: options.logger,
      tick: everyMinute(() => scheduleDailyJobs()),
    })
  }
  return {
    log: { database: getDatabase().kind, seeded, jobs: config.JOB_RUNNER },
    banner: config.SEED_DEMO === 'true' ? demoBanner() : null,
  }
}

/** The runner polls every second; the schedule only needs looking at once a minute. */
function everyMinute(fn: () => Promise<void>) {
  let last = 0
  return async () => {
    if (Date.now() - last < 60_000) return
    last = Date.now()
    await fn()
  }
}

export async function shutdown() {
  await runner?.stop()
  runner = null
  await Promise.all([closeDatabase(), closeRateLimiters()])
}
