import type { Submission } from '@conform-to/react'
import { data } from '@remix-run/node'
import { AppError } from '#app/lib/errors.ts'
import { LineErrors } from './line-errors.ts'

/** Turns a service's refusal into the form's reply: field errors on their fields, others above the form. */
export function replyWithError(submission: Submission<unknown, string[]>, error: unknown) {
  if (error instanceof LineErrors) {
    return data(submission.reply({ fieldErrors: error.fieldErrors }), { status: 422 })
  }
  if (error instanceof AppError) {
    return data(submission.reply({ formErrors: [error.message] }), { status: error.status })
  }
  throw error
}
