import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requireUser } from '#app/features/auth/require.server.ts'
import { listNotifications } from '#app/features/notifications/list-notifications.server.ts'
import { markAllNotificationsRead } from '#app/features/notifications/mark-notifications-read.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'notifications') }]

const PAGE_SIZE = 25
const NotificationsActionSchema = z.object({ intent: z.literal('markAllRead') })

// Everyone signed in has notifications of their own; the services select only the caller's (and RLS agrees).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const page = readPage(new URL(request.url), PAGE_SIZE)
  const { items, total } = await runService(auth, context, (ctx) => listNotifications(ctx, page))
  return { items, total, page: page.page, pageSize: page.pageSize, timeZone: auth.org.timeZone }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const parsed = NotificationsActionSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ marked: null }, { status: 400 })
  const marked = await runService(auth, context, markAllNotificationsRead)
  return { marked }
}

export default function NotificationsPage() {
  const { items, total, page, pageSize, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation('notifications')
  const anyUnread = items.some((n) => !n.readAt)
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('page.description')}
        actions={
          anyUnread ? (
            <Form method="post">
              <Button name="intent" value="markAllRead" variant="secondary">
                {t('page.markAllRead')}
              </Button>
            </Form>
          ) : null
        }
      />
      {result && result.marked !== null ? <Notice tone="success">{t('page.marked')}</Notice> : null}
      {items.length === 0 ? (
        <EmptyState title={t('page.empty')} body={t('page.emptyHint')} />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? '' : 'bg-brand-50/60'}>
              {/* Opening one marks it read, then goes where it points (a POST, then a redirect). */}
              <Form method="post" action={`/notifications/${n.id}`}>
                <button
                  type="submit"
                  className="flex w-full items-start gap-3 px-4 py-3 text-start hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  <span
                    aria-hidden="true"
                    className={`mt-1.5 size-2 shrink-0 rounded-full ${n.readAt ? 'bg-transparent' : 'bg-brand-600'}`}
                  />
                  <span className="min-w-0 flex-1">
                    {n.readAt ? null : <span className="sr-only">{t('page.unread')}: </span>}
                    <span
                      className={`block text-sm ${n.readAt ? 'text-slate-700' : 'font-semibold text-slate-900'}`}
                    >
                      {t(n.messageKey, n.values)}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      <LocalTime value={n.createdAt} timeZone={timeZone} />
                      {n.actorName ? ` · ${t('page.by', { name: n.actorName })}` : null}
                    </span>
                  </span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}
