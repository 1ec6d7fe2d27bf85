import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { StatusSearchFilter } from '#app/components/ui/status-search-filter.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listForecasts } from '#app/features/forecasts/list-forecasts.server.ts'
import { forecastListStatuses } from '#app/features/forecasts/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readListQuery } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'forecasts') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const { q, status, page } = readListQuery(new URL(request.url), forecastListStatuses)
  const result = await runService(auth, context, (ctx) => listForecasts(ctx, { q, status, page }))
  return {
    ...result,
    q,
    status: status ?? '',
    page: page.page,
    pageSize: page.pageSize,
    canCreate: can(auth.role, 'forecasts:write'),
  }
}

/** Co-forecast plans on every partnership, searched by plan or partner, active or archived. */
export default function ForecastsIndex() {
  const { rows, total, q, status, page, pageSize, canCreate } = useLoaderData<typeof loader>()
  const { t } = useTranslation('forecastSetup')
  const filtered = !!(q || status)
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('list.description')}
        actions={
          canCreate ? (
            <Link to="/forecasts/new" className={buttonClass('primary')}>
              {t('list.new')}
            </Link>
          ) : null
        }
      />
      <StatusSearchFilter
        q={q}
        status={status}
        statuses={forecastListStatuses}
        statusLabel={(s) => t(`status.${s}`)}
        labels={{
          search: t('list.search'),
          status: t('list.status'),
          anyStatus: t('list.anyStatus'),
          filter: t('list.filter'),
        }}
      />
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? t('list.noMatch') : t('list.none')}
          body={filtered ? undefined : t('list.noneBody')}
          action={
            !filtered && canCreate ? (
              <Link to="/forecasts/new" className={buttonClass('primary')}>
                {t('list.new')}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <Table caption={t('list.caption')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('list.name')}</Th>
              <Th>{t('list.partner')}</Th>
              <Th>{t('list.weeks')}</Th>
              <Th className="text-end">{t('list.rows')}</Th>
              <Th>{t('list.status')}</Th>
              <Th className="sr-only">{t('list.setup')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((f) => (
              <Tr key={f.id}>
                <Td>
                  <Link to={`/forecasts/${f.id}`} className="font-medium text-brand-700 hover:underline">
                    {f.name}
                  </Link>
                </Td>
                <Td>{f.partnerName}</Td>
                <Td className="tabular-nums">
                  {t('list.horizon', { start: f.startWeek, count: f.horizonWeeks })}
                </Td>
                <Td className="text-end tabular-nums">{f.rows}</Td>
                <Td>
                  <Badge tone={f.archivedAt ? 'slate' : 'green'}>
                    {t(`status.${f.archivedAt ? 'archived' : 'active'}`)}
                  </Badge>
                </Td>
                <Td className="text-end">
                  <Link
                    to={`/forecasts/${f.id}/setup`}
                    className="text-brand-700 hover:underline"
                    aria-label={t('list.setupLabel', { name: f.name })}
                  >
                    {t('list.setup')}
                  </Link>
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
