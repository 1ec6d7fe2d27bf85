import type { Submission, SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { AppError, errorResponse } from '#app/lib/errors.ts'

/** Which claim form answered, so the page puts the reply on that form only (a page has one per claim). */
export type ClaimFormName = 'file' | 'decide' | 'settle' | 'proofs'

/** What a claim form gets back: conform's result (errors, what was typed) and the message's values. */
export type ClaimReply = {
  form: ClaimFormName
  claimId: string | null
  result: SubmissionResult<string[]>
  values: Record<string, string | number>
}

function interpolation(details: Record<string, unknown> | undefined) {
  const values: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[key] = value
  }
  return values
}

/** A form that did not parse: its field errors, with what was typed. */
export function invalidReply(form: ClaimFormName, claimId: string | null, submission: Submission<unknown>) {
  const reply: ClaimReply = { form, claimId, result: submission.reply(), values: {} }
  return data(reply, { status: 400 })
}

/**
 * A service's refusal on the form that asked (typed values kept); `not_found` becomes a plain 404 so nothing
 * about another org's record is said.
 */
export function refusalReply(
  form: ClaimFormName,
  claimId: string | null,
  error: AppError,
  submission?: Submission<unknown>,
) {
  if (error.code === 'not_found') throw errorResponse(error)
  const result = submission
    ? submission.reply({ formErrors: [error.message] })
    : ({ status: 'error', error: { '': [error.message] } } satisfies SubmissionResult<string[]>)
  const status = typeof error.details?.status === 'number' ? error.details.status : error.status
  const reply: ClaimReply = { form, claimId, result, values: interpolation(error.details) }
  return data(reply, { status })
}

/** Runs a service for a form; an AppError becomes the refusal reply, anything else propagates. */
export async function replyTo<T>(
  run: () => Promise<T>,
  refuse: (error: AppError) => ReturnType<typeof refusalReply>,
): Promise<{ ok: true; value: T } | { ok: false; reply: ReturnType<typeof refusalReply> }> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reply: refuse(error) }
    throw error
  }
}
