import type { SubmissionResult } from '@conform-to/react'
import { z } from 'zod'

// The forms of an exception's page. Each carries the version it was shown at: a change made meanwhile is refused
// with the exception as it is now (exception-actions.server.ts).

const version = z.coerce.number({ invalid_type_error: 'forecastExceptions:errors.reload' }).int()
const note = z
  .string({ required_error: 'forecastExceptions:errors.noteRequired' })
  .trim()
  .min(1, 'forecastExceptions:errors.noteRequired')
  .max(2000, 'forecastExceptions:errors.noteTooLong')

export const OwnerSchema = z.object({
  intent: z.literal('owner'),
  version,
  // The empty choice ("nobody") arrives as a missing field.
  ownerId: z.string().uuid('forecastExceptions:errors.owner').optional(),
})

export const ExplainSchema = z.object({ intent: z.literal('explain'), version, note })

export const ResolveSchema = z.object({ intent: z.literal('resolve'), version, note })

export const ReopenSchema = z.object({
  intent: z.literal('reopen'),
  version,
  note: z.string().trim().max(2000, 'forecastExceptions:errors.noteTooLong').optional(),
})

export const exceptionForms = {
  owner: OwnerSchema,
  explain: ExplainSchema,
  resolve: ResolveSchema,
  reopen: ReopenSchema,
} as const
export type ExceptionFormName = keyof typeof exceptionForms

/** The exception as it is now, sent back with a refused change (a stale version). */
export type ExceptionNow = {
  status: 'open' | 'explained' | 'resolved'
  ownerId: string | null
  ownerName: string | null
  note: string
  breaking: boolean
  version: number
}

/** What an exception form gets back: which form, conform's result (errors, what was typed), and the current state. */
export type ExceptionReply = {
  form: ExceptionFormName
  result: SubmissionResult<string[]>
  values: Record<string, string | number>
  current: ExceptionNow | null
}
