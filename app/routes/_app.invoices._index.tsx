import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DocumentFilters } from '#app/components/billing/document-filters.tsx'
import { InvoiceTable } from '#app/components/invoices/invoice-table.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { invoiceDisplayStatuses } from '#app/features/invoices/invoice-status.ts'
import { listInvoices } from '#app/features/invoices/list-invoices.server.ts'
import { readInvoiceFilters } from '#app/features/invoices/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'invoices') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:read')
  const url = new URL(request.url)
  const filters = readInvoiceFilters(url)
  const today = todayIn(auth.org.timeZone)
  const { page } = readPage(url)
  const result = await runService(auth, context, (ctx) => listInvoices(ctx, { ...filters, page, today }))
  // The bulk download sends its refusal back here as a message key of its own namespace.
  const bulkError = url.searchParams.get('bulkError')
  return {
    ...result,
    filters,
    today,
    bulkError: bulkError
      ? /^downloads:errors\.\w+$/.test(bulkError)
        ? bulkError
        : 'downloads:errors.noneSelected'
      : null,
    canCreate: can(auth.role, 'invoices:write') && auth.org.kind === 'manufacturer',
  }
}

export default function InvoicesPage() {
  const { rows, total, page, pageSize, filters, today, canCreate, bulkError } = useLoaderData<typeof loader>()
  const { t } = useTranslation('invoices')
  const filtered = Boolean(filters.q || filters.status)
  return (
    <>
      <PageHeader
        title={t('list.heading')}
        description={t(canCreate ? 'list.description' : 'list.descriptionBuyer')}
        actions={
          canCreate ? (
            <Link to="/invoices/new" className={buttonClass('primary')}>
              {t('list.new')}
            </Link>
          ) : null
        }
      />
      {bulkError ? <Notice tone="error">{t(bulkError)}</Notice> : null}
      {total > 0 || filtered ? (
        <DocumentFilters
          basePath="/invoices"
          filters={filters}
          statuses={invoiceDisplayStatuses}
          ns="invoices"
        />
      ) : null}
      {rows.length > 0 ? (
        <form method="post" action="/invoices/bulk" id="bulk-download">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-600" aria-live="polite">
              {t('list.count', { count: total })}
            </p>
            <Button variant="secondary">{t('list.download')}</Button>
          </div>
          <InvoiceTable rows={rows} today={today} />
          <Pagination page={page} pageSize={pageSize} total={total} />
        </form>
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
