import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Outlet, useLoaderData, useRevalidator } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChannelList } from '#app/components/chat/channel-list.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listChannels } from '#app/features/chat/list-channels.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'
import { readSearch } from '#app/lib/query.ts'
import { useUserEvent } from '#app/lib/realtime/use-channel.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'messages') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const url = new URL(request.url)
  const q = readSearch(url)
  const page = readPage(url)
  const result = await runService(auth, context, (ctx) => listChannels(ctx, { q, page }))
  return { ...result, q, page: page.page, pageSize: page.pageSize, me: { id: auth.user.id } }
}

/** Conversations beside the open one; new activity anywhere refreshes the unread counts. */
export default function ChatLayout() {
  const { channels, total, unreadCap, q, page, pageSize } = useLoaderData<typeof loader>()
  const { t } = useTranslation('chat')
  const revalidator = useRevalidator()
  useUserEvent('channel:activity', () => {
    if (revalidator.state === 'idle') revalidator.revalidate()
  })
  return (
    <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
      <div>
        <h1 className="mb-3 text-xl font-bold text-slate-900">{t('title')}</h1>
        <ChannelList channels={channels} unreadCap={unreadCap} q={q} />
        <Pagination page={page} pageSize={pageSize} total={total} />
      </div>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  )
}
