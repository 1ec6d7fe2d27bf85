import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { openSharedFolder } from '#app/features/documents/create-folder.server.ts'
import { getPartnership } from '#app/features/partners/get-partnership.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'

/** Opened in the browser: back to the partnership (opening its folder is a POST, since it may create it). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const partnership = await runService(auth, context, (ctx) =>
    getPartnership(ctx, params.partnershipId ?? ''),
  )
  if (!partnership) notFound()
  return redirect(`/partners/${partnership.id}`)
}

/** Opens the partnership's shared folder, creating it on first use. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const id = await orRespond(() =>
    runService(auth, context, (ctx) => openSharedFolder(ctx, params.partnershipId ?? '')),
  )
  return redirect(`/files/folders/${id}`)
}
