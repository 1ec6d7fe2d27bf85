import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import {
  deleteMessage,
  editMessage,
  getMessage,
  toggleReaction,
} from '#app/features/chat/change-message.server.ts'
import { invalid, jsonReply } from '#app/features/chat/json-reply.server.ts'
import { publishUpdatedMessage } from '#app/features/chat/publish-chat.server.ts'
import { MessageActionSchema } from '#app/features/chat/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'

/** JSON: one message, as the channel's readers see it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const ids = { channelId: params.channelId ?? '', messageId: params.chatMessageId ?? '' }
  return jsonReply(async () => ({ message: await runService(auth, context, (ctx) => getMessage(ctx, ids)) }))
}

/** Edit or delete one's own message, or toggle a reaction; JSON in, the changed message out (and pushed). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:write')
  const form = await readForm(request)
  const parsed = MessageActionSchema.safeParse({
    intent: form.get('intent') ?? undefined,
    body: form.get('body') ?? undefined,
    emoji: form.get('emoji') ?? undefined,
    mentions: form.getAll('mentions'),
  })
  if (!parsed.success) return invalid(parsed.error.issues)
  const ids = { channelId: params.channelId ?? '', messageId: params.chatMessageId ?? '' }
  const input = parsed.data
  return jsonReply(async () => {
    const message = await runService(auth, context, (ctx) =>
      input.intent === 'edit'
        ? editMessage(ctx, ids, input)
        : input.intent === 'delete'
          ? deleteMessage(ctx, ids)
          : toggleReaction(ctx, ids, input.emoji),
    )
    if (message) publishUpdatedMessage(message)
    return { message }
  })
}
