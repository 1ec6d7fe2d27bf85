import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findChannel } from '#app/features/chat/find-channel.server.ts'
import { invalid, jsonReply } from '#app/features/chat/json-reply.server.ts'
import { markChannelRead } from '#app/features/chat/mark-read.server.ts'
import { publishRead } from '#app/features/chat/publish-chat.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'

const ReadSchema = z.object({ lastReadId: z.coerce.number().int().positive() })

/** Opened in the browser, the address of a read mark shows its channel (if the caller may see it). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const found = await orRespond(() =>
    runService(auth, context, (ctx) => findChannel(ctx, params.channelId ?? '')),
  )
  return redirect(`/chat/${found.channel.id}`)
}

/** Moves the caller's read mark; others see "seen by" move live. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const parsed = ReadSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return invalid(parsed.error.issues)
  return jsonReply(async () => {
    const { found, lastReadId } = await runService(auth, context, (ctx) =>
      markChannelRead(ctx, params.channelId ?? '', parsed.data.lastReadId),
    )
    if (lastReadId !== null) {
      publishRead(found.channel.id, { userId: auth.user.id, name: auth.user.name, lastReadId })
    }
    return { lastReadId }
  })
}
