import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { invoiceFromQuote } from '#app/features/invoices/create-invoice-from-quote.server.ts'
import { findQuote } from '#app/features/quotes/find-quote.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/**
 * POST from an accepted quote's page: makes its invoice (or finds the one a previous submit made) and opens it.
 * Another org's or an invisible quote is 404; a quote not yet accepted is 409.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:write')
  const quoteId = params.quoteId ?? ''
  const { invoice } = await orRespond(() =>
    runService(auth, context, (ctx) => invoiceFromQuote(ctx, quoteId)),
  )
  return redirect(`/invoices/${invoice.id}`, 303)
}

/** Nothing to show here: back to the quote, once it is known to be visible. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:read')
  const quoteId = params.quoteId ?? ''
  await orRespond(() => runService(auth, context, (ctx) => findQuote(ctx, quoteId)))
  return redirect(`/quotes/${quoteId}`)
}
