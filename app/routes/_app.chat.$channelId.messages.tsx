import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { invalid, jsonReply } from '#app/features/chat/json-reply.server.ts'
import { listMessages } from '#app/features/chat/list-messages.server.ts'
import { postMessage } from '#app/features/chat/post-message.server.ts'
import { publishNewMessage } from '#app/features/chat/publish-chat.server.ts'
import { MessageQuerySchema, PostMessageSchema } from '#app/features/chat/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { readQuery } from '#app/lib/query.ts'
import { consumeRateLimit } from '#app/lib/rate-limit.server.ts'

/** JSON: messages after an id (catch-up), before an id (scroll back), matching `q`, or the newest page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const query = readQuery(new URL(request.url), MessageQuerySchema)
  return jsonReply(async () => ({
    messages: await runService(auth, context, (ctx) => listMessages(ctx, params.channelId ?? '', query)),
  }))
}

/** Sending goes over HTTP (validated, authorized, rate limited here); the socket only pushes it afterwards. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:write')
  const form = await readForm(request)
  const parsed = PostMessageSchema.safeParse({
    body: form.get('body') ?? undefined,
    clientId: form.get('clientId') ?? undefined,
    replyToId: form.get('replyToId') ?? undefined,
    mentions: form.getAll('mentions'),
    attachmentIds: form.getAll('attachmentIds'),
  })
  if (!parsed.success) return invalid(parsed.error.issues)
  const wait = await consumeRateLimit('chatMessage', auth.user.id)
  if (wait !== null) {
    return Response.json(
      { error: 'chat:errors.slowDown', retryAfter: wait },
      { status: 429, headers: { 'retry-after': String(wait) } },
    )
  }
  return jsonReply(async () => {
    const { message, created, found } = await runService(auth, context, (ctx) =>
      postMessage(ctx, params.channelId ?? '', parsed.data),
    )
    if (created) publishNewMessage(found, message)
    return Response.json({ message }, { status: created ? 201 : 200 })
  })
}
