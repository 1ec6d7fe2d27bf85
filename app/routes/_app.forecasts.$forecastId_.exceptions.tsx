import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  ExceptionFigures,
  ExceptionStatus,
  ExceptionVariance,
  RulesSummary,
} from '#app/components/forecasts/exception-figures.tsx'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { listExceptions } from '#app/features/forecasts/list-exceptions.server.ts'
import { useForecastReloads } from '#app/features/forecasts/use-forecast-live.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readListQuery } from '#app/lib/pagination.ts'
import { type ForecastRule, forecastExceptionStatuses, forecastRules } from '#db/schema/forecasts.ts'

const PAGE_SIZE = 50

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'forecastExceptions', data?.forecast.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const url = new URL(request.url)
  const { status, page } = readListQuery(url, forecastExceptionStatuses, PAGE_SIZE)
  const ruleParam = url.searchParams.get('rule') as ForecastRule
  const rule = forecastRules.includes(ruleParam) ? ruleParam : undefined
  const productId = url.searchParams.get('product') ?? ''
  const view = await orRespond(() =>
    runService(auth, context, (ctx) =>
      listExceptions(ctx, params.forecastId ?? '', { status, rule, productId, page }),
    ),
  )
  return {
    ...view,
    filter: { status: status ?? '', rule: rule ?? '', productId },
    page: page.page,
    pageSize: page.pageSize,
  }
}

/** A plan's exceptions, the largest gaps first: each cell breaking a rule, its figures, owner and status. */
export default function ForecastExceptions() {
  const { forecast, rows, total, counts, products, filter, page, pageSize } = useLoaderData<typeof loader>()
  useForecastReloads(forecast.id)
  const { t } = useTranslation('forecastExceptions')
  const filtered = !!(filter.status || filter.rule || filter.productId)
  const select = 'mt-1 rounded border border-slate-300 px-2 py-1.5'
  return (
    <>
      <PageHeader
        title={forecast.name}
        description={`${forecast.hostOrgName} ⇄ ${forecast.partnerOrgName} · ${t('title')}`}
      />
      <ForecastTabs forecastId={forecast.id} />
      <RulesSummary rules={forecast.rules} />
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t('list.status')}</span>
          <select name="status" defaultValue={filter.status} className={select}>
            <option value="">{t('list.anyStatus')}</option>
            {forecastExceptionStatuses.map((s) => (
              <option key={s} value={s}>
                {t('list.statusCount', { status: t(`status.${s}`), count: counts[s] })}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t('list.rule')}</span>
          <select name="rule" defaultValue={filter.rule} className={select}>
            <option value="">{t('list.anyRule')}</option>
            {forecastRules.map((r) => (
              <option key={r} value={r}>
                {t(`rule.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t('list.product')}</span>
          <select name="product" defaultValue={filter.productId} className={select}>
            <option value="">{t('list.anyProduct')}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.sku} · {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          {t('list.filter')}
        </button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? t('list.noMatch') : t('list.none')}
          body={filtered ? undefined : t('list.noneBody')}
        />
      ) : (
        <Table caption={t('list.caption')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('list.productColumn')}</Th>
              <Th>{t('list.week')}</Th>
              <Th>{t('list.rule')}</Th>
              <Th>{t('list.figures')}</Th>
              <Th className="text-end">{t('list.variance')}</Th>
              <Th>{t('list.owner')}</Th>
              <Th>{t('list.status')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((e) => (
              <Tr key={e.id}>
                <Td>
                  <Link
                    to={`/forecasts/${forecast.id}/exceptions/${e.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {e.sku}
                  </Link>{' '}
                  <span className="text-slate-600">{e.productName}</span>
                </Td>
                <Td className="whitespace-nowrap">{e.weekStart}</Td>
                <Td>{t(`rule.${e.rule}`)}</Td>
                <Td>
                  <ExceptionFigures rule={e.rule} left={e.left} right={e.right} names={forecast} />
                </Td>
                <Td className="text-end">
                  <ExceptionVariance units={e.varianceUnits} bp={e.varianceBp} />
                </Td>
                <Td>{e.ownerName ?? '—'}</Td>
                <Td>
                  <ExceptionStatus status={e.status} breaking={e.breaking} />
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
