import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { StatusSearchFilter } from '#app/components/ui/status-search-filter.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listPromotions } from '#app/features/promotions/list-promotions.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { formatMoney } from '#app/lib/money.ts'
import { readListQuery } from '#app/lib/pagination.ts'
import { promotionStatuses } from '#db/schema/promotions.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'promotions') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const { q, status, page } = readListQuery(new URL(request.url), promotionStatuses)
  const result = await runService(auth, context, (ctx) => listPromotions(ctx, { q, status, page }))
  return {
    ...result,
    q,
    status: status ?? '',
    page: page.page,
    pageSize: page.pageSize,
    canCreate: can(auth.role, 'promotions:write'),
  }
}

/** Joint promotions on every partnership, filterable by status and name. */
export default function PromotionsIndex() {
  const { rows, total, q, status, page, pageSize, canCreate } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('promotions')
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('list.description')}
        actions={
          <>
            <Link to="/promotions/calendar" className={buttonClass('secondary')}>
              {t('calendar:link')}
            </Link>
            <Link to="/promotions/program" className={buttonClass('secondary')}>
              {t('outcome:program.link')}
            </Link>
            {canCreate ? (
              <Link to="/promotions/new" className={buttonClass('primary')}>
                {t('list.new')}
              </Link>
            ) : null}
          </>
        }
      />
      <StatusSearchFilter
        q={q}
        status={status}
        statuses={promotionStatuses}
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
          title={q || status ? t('list.noMatch') : t('list.none')}
          body={q || status ? undefined : t('list.noneBody')}
        />
      ) : (
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 text-start">
                {t('list.name')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('list.partner')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('list.dates')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('list.status')}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t('list.plannedSpend')}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t('list.approved')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((p) => (
              <tr key={p.id}>
                <td className="px-3 py-2">
                  <Link to={`/promotions/${p.id}`} className="font-medium text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                </td>
                <td className="px-3 py-2 text-slate-600">{p.partnerName}</td>
                <td className="px-3 py-2 text-slate-600">
                  {p.startsOn} – {p.endsOn}
                </td>
                <td className="px-3 py-2">{t(`status.${p.status}`)}</td>
                <td className="px-3 py-2 text-end">
                  {formatMoney(p.plannedSpend, p.currency, i18n.language)}
                </td>
                <td className="px-3 py-2 text-end">
                  {p.approvedAmount === null ? '—' : formatMoney(p.approvedAmount, p.currency, i18n.language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}
