import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ChatPanel } from '#app/components/chat/chat-panel.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getChannelView } from '#app/features/chat/get-channel-view.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => getChannelView(ctx, params.channelId ?? '')),
  )
  return { view, me: { id: auth.user.id } }
}

export default function ChannelPage() {
  const { view, me } = useLoaderData<typeof loader>()
  // Keyed by channel: switching conversations starts a fresh state and subscription.
  return <ChatPanel key={view.channel.id} view={view} me={me} />
}
