import type { Tx } from '#db/client.ts'
import { jobs } from '#db/schema/index.ts'
import type { JobPayload } from './kinds.ts'

export type EnqueueInput<K extends string = string> = {
  /** The org the job works for; a request may only enqueue for its own org (row-level security). */
  orgId: string | null
  /** A registered kind (`jobPayloads`) types its payload; tests may use kinds of their own. */
  kind: K
  payload?: JobPayload<K>
  runAt?: Date
  maxAttempts?: number
  /** At most one job per key: a second enqueue with the same key is ignored. */
  dedupeKey?: string
}

/**
 * Adds a job in the caller's transaction, so it exists exactly when the change that asked for it commits.
 * Returns the job id, or null when a job with the same dedupe key already exists.
 */
export async function enqueueJob<K extends string>(tx: Tx, input: EnqueueInput<K>): Promise<string | null> {
  const [row] = await tx
    .insert(jobs)
    .values({
      orgId: input.orgId,
      kind: input.kind,
      payload: input.payload ?? {},
      runAt: input.runAt ?? new Date(),
      maxAttempts: input.maxAttempts ?? 3,
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id })
  return row?.id ?? null
}
