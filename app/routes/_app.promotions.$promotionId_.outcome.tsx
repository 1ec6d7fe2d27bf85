import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SpendChart, WeeklyVolumeChart } from '#app/components/promotions/outcome-charts.tsx'
import {
  OutcomeKpis,
  ProductTable,
  SpendTable,
  WeekTable,
} from '#app/components/promotions/outcome-tables.tsx'
import { PromotionTabs } from '#app/components/promotions/promotion-tabs.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getPromotionOutcome } from '#app/features/promotions/get-promotion-outcome.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'promotionOutcome', data?.promotion.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  return orRespond(() =>
    runService(auth, context, (ctx) => getPromotionOutcome(ctx, params.promotionId ?? '')),
  )
}

/** A promotion's outcome: planned vs actual volume, lift, incremental revenue, spend vs plan and ROI. */
export default function PromotionOutcome() {
  const { promotion: p, outcome } = useLoaderData<typeof loader>()
  const { t } = useTranslation('outcome')
  const { t: tp } = useTranslation('promotions')
  const { spend } = outcome
  return (
    <>
      <PageHeader title={p.name} description={`${p.startsOn} – ${p.endsOn} · ${tp(`status.${p.status}`)}`} />
      <PromotionTabs promotionId={p.id} />
      {outcome.products.length === 0 ? (
        <EmptyState
          title={t('empty.title')}
          body={t('empty.body')}
          action={
            <Link to={`/promotions/${p.id}/volumes`} className="text-brand-700 hover:underline">
              {t('empty.action')}
            </Link>
          }
        />
      ) : (
        <>
          <OutcomeKpis outcome={outcome} expectedLiftBp={p.expectedLiftBp} />
          {outcome.totals.reportedCells === 0 ? (
            <p role="status" className="mb-4 text-sm text-slate-600">
              {t('noActuals')}
            </p>
          ) : null}
          <section aria-labelledby="weekly-title" className="mb-8 space-y-3">
            <h2 id="weekly-title" className="text-lg font-semibold text-slate-900">
              {t('sections.weekly')}
            </h2>
            <WeeklyVolumeChart
              weeks={outcome.weeks.map((w) => ({
                weekStart: w.weekStart,
                baseline: w.baselineUnits,
                planned: w.plannedUnits,
                actual: w.reportedCells > 0 ? w.actualUnits : null,
              }))}
            />
            <WeekTable outcome={outcome} />
          </section>
          <section aria-labelledby="products-title" className="mb-8 space-y-3">
            <h2 id="products-title" className="text-lg font-semibold text-slate-900">
              {t('sections.products')}
            </h2>
            <ProductTable outcome={outcome} />
          </section>
        </>
      )}
      <section aria-labelledby="spend-title" className="mb-8 space-y-3">
        <h2 id="spend-title" className="text-lg font-semibold text-slate-900">
          {t('sections.spend')}
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <SpendChart
            currency={outcome.currency}
            plannedFund={Math.max(0, spend.plannedSpend - spend.partnerContribution)}
            plannedPartner={spend.partnerContribution}
            fundSpend={spend.fundSpend}
            partnerContribution={spend.partnerContribution}
          />
          <SpendTable outcome={outcome} />
        </div>
      </section>
      <section aria-labelledby="definitions-title" className="text-sm text-slate-600">
        <h2 id="definitions-title" className="mb-1 font-semibold text-slate-800">
          {t('definitions.title')}
        </h2>
        <ul className="list-disc space-y-1 ps-5">
          {(['lift', 'incrementalRevenue', 'totalSpend', 'spendVsPlan', 'roi'] as const).map((k) => (
            <li key={k}>{t(`definitions.${k}`)}</li>
          ))}
        </ul>
      </section>
    </>
  )
}
