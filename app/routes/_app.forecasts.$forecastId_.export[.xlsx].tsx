import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { documentLocale } from '#app/features/billing/pdf-response.server.ts'
import { exportForecastXlsx, forecastFileName } from '#app/features/forecasts/import-forecast-csv.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/**
 * The plan as an .xlsx workbook (grid-xlsx.server.ts): the CSV's sheet with figures as numbers, and a totals sheet
 * with promotion lifts, labelled in the reader's language. A resource route, readable by whoever reads the plan.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const locale = await documentLocale(request, auth)
  const { bytes, forecast } = await orRespond(() =>
    runService(auth, context, (ctx) => exportForecastXlsx(ctx, params.forecastId ?? '', locale)),
  )
  // A view of the Buffer's bytes (no copy): Response takes a typed array, not Node's Buffer type.
  return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': forecastFileName(forecast, 'xlsx'),
      'Cache-Control': 'private, no-store',
    },
  })
}
