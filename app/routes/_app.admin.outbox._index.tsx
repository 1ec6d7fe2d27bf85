import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { listOutbox } from '#app/features/admin/list-outbox.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'outbox') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'outbox:read')
  const page = readPage(new URL(request.url))
  const { emails, total } = await runService(auth, context, (ctx) => listOutbox(ctx, page))
  return { emails, total, page: page.page, pageSize: page.pageSize, timeZone: auth.org.timeZone }
}

export default function OutboxPage() {
  const { emails, total, page, pageSize, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation('admin')
  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <p className="mb-4 rounded-md bg-brand-50 p-3 text-sm text-brand-700 ring-1 ring-brand-600/20">
        {t('outbox.info')}
      </p>
      {emails.length === 0 ? (
        <EmptyState title={t('outbox.empty')} body={t('outbox.emptyBody')} />
      ) : (
        <Table caption={t('outbox.caption')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('outbox.columns.subject')}</Th>
              <Th>{t('outbox.columns.to')}</Th>
              <Th>{t('outbox.columns.template')}</Th>
              <Th>{t('outbox.columns.time')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {emails.map((e) => (
              <Tr key={e.id}>
                <Td>
                  <Link to={`/admin/outbox/${e.id}`} className="font-medium text-brand-700 hover:underline">
                    {e.subject}
                  </Link>
                </Td>
                <Td>{e.toAddress}</Td>
                <Td>
                  <code className="text-xs">{e.template}</code>
                </Td>
                <Td className="whitespace-nowrap">
                  <LocalTime value={e.createdAt} timeZone={timeZone} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}
