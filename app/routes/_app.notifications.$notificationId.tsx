import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requireUser } from '#app/features/auth/require.server.ts'
import {
  findNotificationLink,
  markNotificationRead,
} from '#app/features/notifications/mark-notifications-read.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

// A notification is its reader's alone: someone else's id is not found (404) before any redirect.

/** Opened by address, a notification leads where it points, without being marked. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const { link } = await orRespond(() =>
    runService(auth, context, (ctx) => findNotificationLink(ctx, params.notificationId ?? '')),
  )
  return redirect(link)
}

/** Clicked in the list: marked read, then on to what it is about. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const { link } = await orRespond(() =>
    runService(auth, context, (ctx) => markNotificationRead(ctx, params.notificationId ?? '')),
  )
  return redirect(link)
}
