import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'
import type { Job } from '#db/schema/index.ts'
import type { JobHandler } from './runner.server.ts'

const none = z.object({}).strict()

/**
 * Every kind of background job and the payload it carries. A job's payload is parsed with its kind's schema
 * before the handler runs, so a handler receives typed data and a malformed row fails the job with the reason.
 */
export const jobPayloads = {
  'invoices.overdue_sweep': none,
  'chat.digests': none,
  'notifications.emails': none,
  'downloads.invoice_pdfs': z.object({ downloadId: IdSchema }),
  'documents.preview': z.object({ versionId: IdSchema }),
  'claims.proof_preview': z.object({ proofId: IdSchema }),
} as const

export type JobKind = keyof typeof jobPayloads
export type JobPayload<K extends string> = K extends JobKind
  ? z.input<(typeof jobPayloads)[K]>
  : Record<string, unknown>

type TypedHandlers = {
  [K in JobKind]: (payload: z.output<(typeof jobPayloads)[K]>, job: Job) => Promise<void>
}

/** One handler per registered kind (the compiler checks none is missing), each given its parsed payload. */
export function defineJobHandlers(handlers: TypedHandlers): Record<string, JobHandler> {
  return Object.fromEntries(
    (Object.keys(jobPayloads) as JobKind[]).map((kind) => {
      const run = handlers[kind] as (payload: unknown, job: Job) => Promise<void>
      const handler: JobHandler = async (job) => {
        const parsed = jobPayloads[kind].safeParse(job.payload)
        if (!parsed.success) {
          const reasons = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
          throw new Error(`Malformed ${kind} payload (${reasons.join('; ')})`)
        }
        await run(parsed.data, job)
      }
      return [kind, handler]
    }),
  )
}
