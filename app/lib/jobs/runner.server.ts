import { sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import type { Job } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'

export type JobHandler = (job: Job) => Promise<void>
export type JobLogger = { info: (o: object, m: string) => void; error: (o: object, m: string) => void }

/** How long a claimed job may run before another worker may take it over (a crashed process's job is retried). */
const LEASE_SECONDS = 300

/**
 * Claims the next due job of the kinds this worker handles: queued and due, or running with an expired lease.
 * SKIP LOCKED lets several workers (processes or loops) poll the same table without blocking each other or taking
 * the same job; a kind no worker handles waits for one that does.
 */
async function claimNext(kinds: string[]): Promise<Job | null> {
  if (kinds.length === 0) return null
  const [row] = await asSystem((tx) =>
    rowsOf<Record<string, unknown>>(
      tx,
      sql`update jobs set status = 'running', attempts = attempts + 1,
            locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
          where id = (
            select id from jobs
            where ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
              and kind in (${sql.join(
                kinds.map((k) => sql`${k}`),
                sql`, `,
              )})
            order by run_at
            for update skip locked
            limit 1)
          returning id, org_id as "orgId", kind, payload, attempts, max_attempts as "maxAttempts"`,
    ),
  )
  return (row as unknown as Job) ?? null
}

async function finish(job: Job, error: unknown) {
  if (!error) {
    await asSystem((tx) =>
      tx.execute(sql`update jobs set status = 'done', locked_until = null, last_error = null, updated_at = now()
                     where id = ${job.id}`),
    )
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  // Retries back off: 10 s, 40 s, 90 s… then the job is marked failed and kept for inspection.
  await asSystem((tx) =>
    tx.execute(sql`update jobs set
        status = case when attempts >= max_attempts then 'failed' else 'queued' end,
        run_at = now() + make_interval(secs => 10 * attempts * attempts),
        locked_until = null, last_error = ${message.slice(0, 2000)}, updated_at = now()
      where id = ${job.id}`),
  )
}

/** Runs one job if one is due; returns whether it found one. */
export async function runNextJob(handlers: Record<string, JobHandler>, logger?: JobLogger): Promise<boolean> {
  const job = await claimNext(Object.keys(handlers))
  if (!job) return false
  let failure: unknown = null
  const started = performance.now()
  try {
    await handlers[job.kind](job)
    logger?.info({ job: job.id, kind: job.kind, ms: Math.round(performance.now() - started) }, 'job done')
  } catch (error) {
    failure = error ?? new Error('job failed')
    logger?.error({ job: job.id, kind: job.kind, err: error }, 'job failed')
  }
  await finish(job, failure)
  return true
}

/** Runs due jobs until none is left (tests and the CLI use this; the server polls). */
export async function drainJobs(handlers: Record<string, JobHandler>, limit = 1000): Promise<number> {
  let ran = 0
  while (ran < limit && (await runNextJob(handlers))) ran++
  return ran
}

export type JobRunner = { stop: () => Promise<void> }

/** Polls for due jobs; `tick` runs before each poll (used to enqueue scheduled work such as the daily sweep). */
export function startJobRunner(options: {
  handlers: Record<string, JobHandler>
  pollMs: number
  logger?: JobLogger
  tick?: () => Promise<void>
}): JobRunner {
  let stopped = false
  let wake: (() => void) | null = null
  const loop = (async () => {
    while (!stopped) {
      try {
        await options.tick?.()
        while (!stopped && (await runNextJob(options.handlers, options.logger))) {}
      } catch (error) {
        options.logger?.error({ err: error }, 'job runner poll failed')
      }
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, options.pollMs).unref?.()
      })
    }
  })()
  return {
    stop: async () => {
      stopped = true
      wake?.()
      await loop
    },
  }
}
