import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { exportProductsCsv } from '#app/features/products/export-products-csv.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'

/** The whole catalogue as a CSV download (a resource route: no page). Another org's products never appear. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'products:read')
  const { csv } = await runService(auth, context, exportProductsCsv)
  // Only safe characters in a header value, whatever a slug may hold.
  const slug = auth.org.slug.replace(/[^A-Za-z0-9-]/g, '') || 'org'
  const filename = `products-${slug}-${todayIn(auth.org.timeZone)}.csv`
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
