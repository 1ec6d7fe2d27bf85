import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DocumentFilters } from '#app/components/billing/document-filters.tsx'
import { QuoteTable } from '#app/components/quotes/quote-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listQuotes } from '#app/features/quotes/list-quotes.server.ts'
import { quoteDisplayStatuses } from '#app/features/quotes/quote-status.ts'
import { readQuoteFilters } from '#app/features/quotes/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'quotes') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:read')
  const url = new URL(request.url)
  const filters = readQuoteFilters(url)
  const today = todayIn(auth.org.timeZone)
  const { page } = readPage(url)
  const result = await runService(auth, context, (ctx) => listQuotes(ctx, { ...filters, page, today }))
  return {
    ...result,
    filters,
    today,
    canCreate: can(auth.role, 'quotes:write') && auth.org.kind === 'manufacturer',
  }
}

export default function QuotesPage() {
  const { rows, total, page, pageSize, filters, today, canCreate } = useLoaderData<typeof loader>()
  const { t } = useTranslation('quotes')
  const filtered = Boolean(filters.q || filters.status)
  return (
    <>
      <PageHeader
        title={t('list.heading')}
        description={t('list.description')}
        actions={
          canCreate ? (
            <Link to="/quotes/new" className={buttonClass('primary')}>
              {t('list.new')}
            </Link>
          ) : null
        }
      />
      {total > 0 || filtered ? (
        <DocumentFilters basePath="/quotes" filters={filters} statuses={quoteDisplayStatuses} ns="quotes" />
      ) : null}
      {rows.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {t('list.count', { count: total })}
          </p>
          <QuoteTable rows={rows} today={today} />
          <Pagination page={page} pageSize={pageSize} total={total} />
        </>
      ) : (
        <EmptyState
          title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
          body={
            filtered
              ? t('list.noMatchBody')
              : canCreate
                ? t('list.emptyBodySeller')
                : t('list.emptyBodyBuyer')
          }
        />
      )}
    </>
  )
}
