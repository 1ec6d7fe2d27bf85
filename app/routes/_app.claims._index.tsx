import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ClaimsTable } from '#app/components/claims/claims-table.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { StatusSearchFilter } from '#app/components/ui/status-search-filter.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listClaims } from '#app/features/claims/list-claims.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readListQuery } from '#app/lib/pagination.ts'
import { claimStatuses } from '#db/schema/claims.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'claims') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const { q, status, page } = readListQuery(new URL(request.url), claimStatuses)
  const result = await runService(auth, context, (ctx) => listClaims(ctx, { q, status, page }))
  return {
    ...result,
    q,
    status: status ?? '',
    page: page.page,
    pageSize: page.pageSize,
    // The manufacturer sees a queue across its partners; a partner its own claims.
    host: auth.org.kind === 'manufacturer',
  }
}

/** Claims across partnerships, waiting ones first: filter by status, search by promotion or partner. */
export default function ClaimsQueue() {
  const { rows, total, q, status, page, pageSize, host } = useLoaderData<typeof loader>()
  const { t } = useTranslation('claims')
  const filtered = Boolean(q || status)
  return (
    <>
      <PageHeader
        title={t('title')}
        description={host ? t('queue.description') : t('queue.partnerDescription')}
      />
      <StatusSearchFilter
        q={q}
        status={status}
        statuses={claimStatuses}
        statusLabel={(s) => t(`status.${s}`)}
        labels={{
          search: t('queue.search'),
          status: t('queue.status'),
          anyStatus: t('queue.anyStatus'),
          filter: t('queue.filter'),
        }}
      />
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? t('queue.noMatch') : t('queue.none')}
          body={filtered ? undefined : host ? t('queue.noneBody') : t('queue.partnerNoneBody')}
        />
      ) : (
        <ClaimsTable rows={rows} />
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}
