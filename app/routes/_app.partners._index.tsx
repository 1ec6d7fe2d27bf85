import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PartnerFilters } from '#app/components/partners/partner-filters.tsx'
import { PartnershipTable } from '#app/components/partners/partnership-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { readPartnerFilters } from '#app/features/partners/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'partners') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'partners:read')
  const url = new URL(request.url)
  const filters = readPartnerFilters(url)
  const { page, pageSize } = readPage(url)
  const result = await runService(auth, context, (ctx) =>
    listPartnerships(ctx, { ...filters, page, pageSize }),
  )
  return {
    ...result,
    filters,
    timeZone: auth.org.timeZone,
    canInvite: can(auth.role, 'partners:invite') && auth.org.kind === 'manufacturer',
  }
}

export default function PartnerDirectory() {
  const { rows, total, page, pageSize, filters, timeZone, canInvite } = useLoaderData<typeof loader>()
  const { t } = useTranslation('partners')
  const filtered = Object.values(filters).some(Boolean)
  return (
    <>
      <PageHeader
        title={t('directory.title')}
        description={t('directory.description')}
        actions={
          canInvite ? (
            <Link to="/partners/invite" className={buttonClass('primary')}>
              {t('directory.invite')}
            </Link>
          ) : null
        }
      />
      {total > 0 || filtered ? <PartnerFilters filters={filters} /> : null}
      {rows.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {t('directory.count', { count: total })}
          </p>
          <PartnershipTable rows={rows} timeZone={timeZone} />
          <Pagination page={page} pageSize={pageSize} total={total} />
        </>
      ) : filtered || total > 0 ? (
        <>
          <EmptyState title={t('directory.empty.filtered.title')} body={t('directory.empty.filtered.body')} />
          {/* A page past the end still offers the way back. */}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </>
      ) : (
        <EmptyState title={t('directory.empty.none.title')} body={t('directory.empty.none.body')} />
      )}
    </>
  )
}
