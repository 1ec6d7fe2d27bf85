import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findForecast } from '#app/features/forecasts/find-forecast.server.ts'
import {
  addCatalogueProducts,
  addForecastProduct,
  moveForecastProduct,
  removeForecastProduct,
} from '#app/features/forecasts/forecast-products.server.ts'
import {
  AddForecastProductSchema,
  ForecastSetupSchema,
  type SetupValues,
} from '#app/features/forecasts/schemas.ts'
import {
  setForecastArchived,
  updateForecastSetup,
} from '#app/features/forecasts/update-forecast-setup.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'

export type Refusal = { key: string; values: Record<string, unknown> }

const refusalOf = (error: AppError): Refusal => ({ key: error.message, values: error.details ?? {} })

/** Settings: refused values come back on the form as typed; a stale save also brings the saved settings. */
async function saveSettings({ request, params, context }: ActionFunctionArgs, form: FormData) {
  const auth = await requirePermission(request, 'forecasts:read')
  const id = params.forecastId ?? ''
  const submission = parseWithZod(form, { schema: ForecastSetupSchema })
  if (submission.status !== 'success') return data({ ...submission.reply(), current: null }, { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => updateForecastSetup(ctx, id, submission.value)),
  )
  if (result.ok) return redirect(`/forecasts/${id}/setup?done=save`)
  const reply = submission.reply()
  const current = (result.error.details?.current as SetupValues | undefined) ?? null
  return data(
    {
      ...reply,
      // Saving again after reading theirs is a decision to replace them: the form now holds their version.
      initialValue: current ? { ...reply.initialValue, version: current.version } : reply.initialValue,
      current,
      refusal: refusalOf(result.error),
    },
    { status: result.error.status },
  )
}

/** The setup page's forms: settings, archive, and the rows (add, add the catalogue, remove, move). */
export async function forecastSetupAction(args: ActionFunctionArgs) {
  const { request, params, context } = args
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  if (intent === 'save') return saveSettings(args, form)
  const auth = await requirePermission(request, 'forecasts:read')
  const id = params.forecastId ?? ''
  const rowId = String(form.get('rowId') ?? '')
  const result = await attempt(() =>
    runService(auth, context, async (ctx) => {
      // The record first: another org's plan is a 404 whatever the form says.
      await findForecast(ctx, id)
      if (intent === 'archive' || intent === 'unarchive')
        return setForecastArchived(ctx, id, intent === 'archive')
      if (intent === 'add') {
        const parsed = AddForecastProductSchema.safeParse(Object.fromEntries(form))
        if (!parsed.success)
          throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'forecastSetup:errors.invalid')
        return addForecastProduct(ctx, id, parsed.data)
      }
      if (intent === 'addAll') return addCatalogueProducts(ctx, id)
      if (intent === 'remove') return removeForecastProduct(ctx, id, rowId)
      if (intent === 'move') {
        const to = Number(form.get('to'))
        if (!Number.isInteger(to)) throw new AppError('invalid', 'forecastSetup:errors.invalid')
        return moveForecastProduct(ctx, id, rowId, to)
      }
      throw new AppError('invalid', 'forecastSetup:errors.unknownAction')
    }),
  )
  if (result.ok) {
    // Back to the same page of rows and the same search, so moving a row on page 3 stays on page 3.
    const from = new URL(request.url).searchParams
    const back = new URLSearchParams({ done: intent })
    if (intent === 'addAll') back.set('count', String((result.value as { added: number }).added))
    for (const key of ['page', 'q']) {
      const value = from.get(key)
      if (value) back.set(key, value)
    }
    return redirect(`/forecasts/${id}/setup?${back}`)
  }
  // A typed SKU comes back on its form as typed, the refusal beside it; other refusals show above the page.
  const reply =
    intent === 'add' && !form.get('productId')
      ? parseWithZod(form, { schema: AddForecastProductSchema }).reply()
      : null
  return data({ refusal: refusalOf(result.error), reply }, { status: result.error.status })
}
