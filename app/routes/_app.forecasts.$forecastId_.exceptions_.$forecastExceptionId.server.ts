import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import {
  explainException,
  reopenException,
  resolveException,
  setExceptionOwner,
} from '#app/features/forecasts/exception-actions.server.ts'
import {
  type ExceptionFormName,
  type ExceptionNow,
  type ExceptionReply,
  exceptionForms,
} from '#app/features/forecasts/exception-schemas.ts'
import { findForecastException } from '#app/features/forecasts/find-forecast-exception.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, badRequest, errorResponse, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'

const isForm = (intent: string): intent is ExceptionFormName => Object.hasOwn(exceptionForms, intent)

function values(details: Record<string, unknown> | undefined) {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = value
  }
  return out
}

/**
 * Owner, explain, resolve, reopen. A stranger's request is a 404 before the form is read; a refusal comes back on
 * the form that was sent, with what was typed and (a stale version) the exception as it is now.
 */
export async function exceptionAction({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const forecastId = params.forecastId ?? ''
  const exceptionId = params.forecastExceptionId ?? ''
  await orRespond(() =>
    runService(auth, context, (ctx) => findForecastException(ctx, exceptionId, { forecastId })),
  )
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  if (!isForm(intent)) badRequest('Unknown action')
  const submission = parseWithZod(form, { schema: exceptionForms[intent] })
  if (submission.status !== 'success') {
    const reply: ExceptionReply = { form: intent, result: submission.reply(), values: {}, current: null }
    return data(reply, { status: 400 })
  }
  const input = submission.value
  const ref = { forecastId, exceptionId, version: input.version }
  try {
    await runService(auth, context, (ctx) => {
      if (input.intent === 'owner') return setExceptionOwner(ctx, { ...ref, ownerId: input.ownerId ?? null })
      if (input.intent === 'explain') return explainException(ctx, { ...ref, note: input.note })
      if (input.intent === 'resolve') return resolveException(ctx, { ...ref, note: input.note })
      return reopenException(ctx, { ...ref, note: input.note })
    })
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === 'not_found') throw errorResponse(error)
    const reply: ExceptionReply = {
      form: intent,
      result: submission.reply({ formErrors: [error.message] }),
      values: values(error.details),
      current: (error.details?.current as ExceptionNow | undefined) ?? null,
    }
    return data(reply, { status: error.status })
  }
  return redirect(`/forecasts/${forecastId}/exceptions/${exceptionId}?done=${intent}`)
}
