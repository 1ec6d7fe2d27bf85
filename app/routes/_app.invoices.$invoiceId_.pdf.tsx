import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { documentLocale, pdfResponse } from '#app/features/billing/pdf-response.server.ts'
import { invoicePdfData } from '#app/features/invoices/invoice-pdf-data.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { orRespond } from '#app/lib/errors.ts'
import { renderDocumentPdf } from '#app/lib/pdf/render-document.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:read')
  const locale = await documentLocale(request, auth)
  const data = await orRespond(() =>
    runService(auth, context, (ctx) =>
      invoicePdfData(ctx, params.invoiceId ?? '', { locale, today: todayIn(auth.org.timeZone) }),
    ),
  )
  return pdfResponse(await renderDocumentPdf(data), `${data.number ?? 'draft-invoice'}.pdf`)
}
