import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { CellRequest } from '#app/features/forecasts/cell-requests.ts'
import { decideProposals } from '#app/features/forecasts/decide-proposals.server.ts'
import { findForecast } from '#app/features/forecasts/find-forecast.server.ts'
import { applyPromotionLift, undoAdjustment } from '#app/features/forecasts/promotion-lift.server.ts'
import { saveForecastCells } from '#app/features/forecasts/save-forecast-cells.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt, notFound, orRespond } from '#app/lib/errors.ts'
import { readJson } from '#app/lib/form.server.ts'

/** The grid's JSON endpoint: figures, consensus decisions, lifts. No page: GET has nothing to show. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'forecasts:read')
  notFound()
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const id = params.forecastId ?? ''
  // The plan first: another org's plan is a 404 whatever the body says.
  await orRespond(() => runService(auth, context, (ctx) => findForecast(ctx, id)))
  const body = request.headers.get('content-type')?.startsWith('application/json')
    ? await readJson(request)
    : null
  const parsed = CellRequest.safeParse(body)
  if (!parsed.success) return answer({ ok: false, error: 'forecasts:errors.request' }, 400)
  const input = parsed.data
  const result = await attempt(() =>
    runService(auth, context, async (ctx) => {
      switch (input.intent) {
        case 'save':
          return saveForecastCells(ctx, id, { line: input.line, cells: input.cells })
        case 'accept':
        case 'reject':
          return decideProposals(
            ctx,
            id,
            input.all
              ? { decision: input.intent, all: true }
              : { decision: input.intent, cells: input.cells ?? [] },
          )
        case 'lift':
          return applyPromotionLift(ctx, id, input.promotionId)
        case 'undo':
          return undoAdjustment(ctx, id, input.adjustmentId)
      }
    }),
  )
  if (!result.ok) {
    const { message, details, status } = result.error
    return answer({ ok: false, error: message, details: details ?? {} }, status)
  }
  const value = result.value
  // Cells someone saved since were not written: a 409 that still carries what was saved and the saved figures.
  if (value && 'conflicts' in value && value.conflicts.length > 0) {
    return answer({ ok: false, error: 'forecasts:errors.conflict', result: value }, 409)
  }
  return answer({ ok: true, result: value }, 200)
}

/** A JSON answer whose HTTP status says what happened (a resource route's `data()` would answer 200). */
function answer(body: Record<string, unknown>, status: number) {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } })
}
