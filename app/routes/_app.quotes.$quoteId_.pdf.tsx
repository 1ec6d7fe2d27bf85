import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { documentLocale, pdfResponse } from '#app/features/billing/pdf-response.server.ts'
import { quotePdfData } from '#app/features/quotes/quote-pdf-data.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { orRespond } from '#app/lib/errors.ts'
import { renderDocumentPdf } from '#app/lib/pdf/render-document.server.ts'

/** The quote as PDF (a given revision with ?revision=N), with the signature block once accepted. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:read')
  const locale = await documentLocale(request, auth)
  const revision = Number(new URL(request.url).searchParams.get('revision')) || undefined
  const data = await orRespond(() =>
    runService(auth, context, (ctx) =>
      quotePdfData(ctx, params.quoteId ?? '', { revision, locale, today: todayIn(auth.org.timeZone) }),
    ),
  )
  const name = `${data.number ?? 'draft-quote'}${data.revision && data.revision > 1 ? `-rev${data.revision}` : ''}.pdf`
  return pdfResponse(await renderDocumentPdf(data), name)
}
