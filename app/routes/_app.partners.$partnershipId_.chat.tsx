import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { orRespond } from '#app/features/admin/attempt.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { openPartnershipChannel } from '#app/features/chat/open-channel.server.ts'
import { runService } from '#app/features/service-context.server.ts'

/** Opens (creating on first use) the partnership's channel and goes there. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const id = await orRespond(() =>
    runService(auth, context, (ctx) => openPartnershipChannel(ctx, params.partnershipId ?? '')),
  )
  return redirect(`/chat/${id}`)
}
