import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { openRecordThread } from '#app/features/chat/open-channel.server.ts'
import { findQuote } from '#app/features/quotes/find-quote.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/** The thread lives on the quote's page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() => runService(auth, context, (ctx) => findQuote(ctx, params.quoteId ?? '')))
  return redirect(`/quotes/${params.quoteId}#discussion`)
}

/** Starts the quote's discussion thread (or finds it) and shows it beside the quote. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() =>
    runService(auth, context, (ctx) => openRecordThread(ctx, 'quote', params.quoteId ?? '')),
  )
  return redirect(`/quotes/${params.quoteId}#discussion`)
}
