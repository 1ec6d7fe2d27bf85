import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { exportActualsCsv } from '#app/features/promotions/import-actuals.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/**
 * The grid's actual sell-through as CSV (sku, week_start, actual_units), every product and week, blank where no
 * figure is recorded: the template to fill in and the file the import reads back unchanged. A resource route.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const { csv, promotion } = await orRespond(() =>
    runService(auth, context, (ctx) => exportActualsCsv(ctx, params.promotionId ?? '')),
  )
  // Only safe characters in a header value, whatever the promotion is called.
  const name =
    promotion.name
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'promotion'
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="volumes-${name}-${promotion.startsOn}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
