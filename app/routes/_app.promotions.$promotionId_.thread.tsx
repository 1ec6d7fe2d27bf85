import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { openRecordThread } from '#app/features/chat/open-channel.server.ts'
import { findPromotion } from '#app/features/promotions/find-promotion.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

/** The thread lives on the promotion's plan page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() => runService(auth, context, (ctx) => findPromotion(ctx, params.promotionId ?? '')))
  return redirect(`/promotions/${params.promotionId}#discussion`)
}

/** Starts the promotion's discussion thread (or finds it) and shows it beside the plan. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() =>
    runService(auth, context, (ctx) => openRecordThread(ctx, 'promotion', params.promotionId ?? '')),
  )
  return redirect(`/promotions/${params.promotionId}#discussion`)
}
