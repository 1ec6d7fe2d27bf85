import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { openRecordThread } from '#app/features/chat/open-channel.server.ts'
import { findInvoice } from '#app/features/invoices/find-invoice.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/** The thread lives on the invoice's page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() => runService(auth, context, (ctx) => findInvoice(ctx, params.invoiceId ?? '')))
  return redirect(`/invoices/${params.invoiceId}#discussion`)
}

/** Starts the invoice's discussion thread (or finds it) and shows it beside the invoice. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() =>
    runService(auth, context, (ctx) => openRecordThread(ctx, 'invoice', params.invoiceId ?? '')),
  )
  return redirect(`/invoices/${params.invoiceId}#discussion`)
}
