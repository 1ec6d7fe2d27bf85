import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { documentLocale, pdfResponse } from '#app/features/billing/pdf-response.server.ts'
import { statementData } from '#app/features/billing/statement-data.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { orRespond } from '#app/lib/errors.ts'
import { renderStatementPdf } from '#app/lib/pdf/render-statement.server.ts'

/** Statement of account for a partnership as PDF: open invoices with aging, as of today. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:read')
  const locale = await documentLocale(request, auth)
  const asOf = todayIn(auth.org.timeZone)
  const data = await orRespond(() =>
    runService(auth, context, (ctx) => statementData(ctx, params.partnershipId ?? '', { asOf, locale })),
  )
  return pdfResponse(await renderStatementPdf(data), `statement-${asOf}.pdf`)
}
