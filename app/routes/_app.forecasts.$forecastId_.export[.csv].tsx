import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { exportForecastCsv, forecastFileName } from '#app/features/forecasts/import-forecast-csv.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/**
 * The plan as CSV (sku, name, line, one column per horizon week; grid-csv.ts): the template to edit and the file
 * the import reads back unchanged. A resource route, for both sides and every role that reads the plan.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const { csv, forecast } = await orRespond(() =>
    runService(auth, context, (ctx) => exportForecastCsv(ctx, params.forecastId ?? '')),
  )
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': forecastFileName(forecast, 'csv'),
      'Cache-Control': 'private, no-store',
    },
  })
}
