import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { Outcome, VolumeFigures } from '#app/features/promotions/outcome.ts'
import { RateValue, useOutcomeFormat } from './outcome-format.tsx'

/** The headline figures: volume against plan, lift, incremental revenue, spend against plan, ROI. */
export function OutcomeKpis({ outcome, expectedLiftBp }: { outcome: Outcome; expectedLiftBp: number }) {
  const { t } = useTranslation('outcome')
  const f = useOutcomeFormat()
  const { totals, spend, currency } = outcome
  const cards = [
    {
      key: 'volume',
      value: t('kpi.volumeValue', {
        actual: f.units(totals.actualUnits),
        planned: f.units(totals.reportedPlannedUnits),
      }),
      note: t('kpi.volumeNote', {
        planned: f.units(totals.plannedUnits),
        baseline: f.units(totals.baselineUnits),
      }),
    },
    {
      key: 'lift',
      value: <RateValue rate={totals.lift} />,
      note: t('kpi.liftNote', { expected: f.percent(expectedLiftBp) }),
    },
    {
      key: 'incrementalRevenue',
      value: f.money(totals.incrementalRevenue, currency),
      note: t('kpi.incrementalUnits', { units: f.units(totals.incrementalUnits) }),
    },
    {
      key: 'spendVsPlan',
      value: <RateValue rate={spend.spendVsPlan} />,
      note: t('kpi.spendNote', {
        spent: f.money(spend.totalSpend, currency),
        planned: f.money(spend.plannedSpend, currency),
      }),
    },
    { key: 'roi', value: <RateValue rate={outcome.roi} />, note: t('kpi.roiNote') },
  ] as const
  return (
    <dl className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      {cards.map((card) => (
        <div key={card.key} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs uppercase text-slate-500">{t(`kpi.${card.key}`)}</dt>
          <dd className="text-lg font-semibold text-slate-900">{card.value}</dd>
          <dd className="text-xs text-slate-500">{card.note}</dd>
        </div>
      ))}
    </dl>
  )
}

function FigureCells({ row, currency }: { row: VolumeFigures; currency: string }) {
  const f = useOutcomeFormat()
  const reported = row.reportedCells > 0
  return (
    <>
      <Td className="text-end tabular-nums">{f.units(row.baselineUnits)}</Td>
      <Td className="text-end tabular-nums">{f.units(row.plannedUnits)}</Td>
      <Td className="text-end tabular-nums">{reported ? f.units(row.actualUnits) : '—'}</Td>
      <Td className="text-end tabular-nums">{reported ? f.units(row.incrementalUnits) : '—'}</Td>
      <Td className="text-end tabular-nums">
        <RateValue rate={row.lift} />
      </Td>
      <Td className="text-end tabular-nums">{reported ? f.money(row.incrementalRevenue, currency) : '—'}</Td>
    </>
  )
}

function FigureHeads() {
  const { t } = useTranslation('outcome')
  return (
    <>
      {(['baseline', 'planned', 'actual', 'incrementalUnits', 'lift', 'incrementalRevenue'] as const).map(
        (k) => (
          <Th key={k} className="text-end">
            {t(`table.${k}`)}
          </Th>
        ),
      )}
    </>
  )
}

/** Per product: price, units, lift and incremental revenue, with the promotion's total. */
export function ProductTable({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('outcome')
  const f = useOutcomeFormat()
  return (
    <Table caption={t('table.productsCaption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('table.product')}</Th>
          <Th className="text-end">{t('table.unitPrice')}</Th>
          <FigureHeads />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {outcome.products.map((p) => (
          <Tr key={p.id}>
            <Td>
              <span className="font-medium">{p.name}</span> <span className="text-slate-500">{p.sku}</span>
            </Td>
            <Td className="text-end tabular-nums">{f.money(p.unitPrice, outcome.currency)}</Td>
            <FigureCells row={p} currency={outcome.currency} />
          </Tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-slate-200 font-semibold">
        <tr>
          <Th scope="row">{t('table.total')}</Th>
          <Td />
          <FigureCells row={outcome.totals} currency={outcome.currency} />
        </tr>
      </tfoot>
    </Table>
  )
}

/** Per week, across products: the chart's figures as a table. */
export function WeekTable({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('outcome')
  return (
    <Table caption={t('table.weeksCaption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('table.week')}</Th>
          <FigureHeads />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {outcome.weeks.map((w) => (
          <Tr key={w.weekStart}>
            <Th scope="row" className="font-normal">
              {w.weekStart}
            </Th>
            <FigureCells row={w} currency={outcome.currency} />
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}

/** Fund spend, the partner's contribution and their total, beside the plan (the spend chart's figures). */
export function SpendTable({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('outcome')
  const f = useOutcomeFormat()
  const { spend, currency } = outcome
  const rows = [
    ['plannedSpend', spend.plannedSpend],
    ['approvedAmount', spend.approvedAmount],
    ['fundSpend', spend.fundSpend],
    ['partnerContribution', spend.partnerContribution],
    ['totalSpend', spend.totalSpend],
  ] as const
  return (
    <Table caption={t('table.spendCaption')}>
      <tbody className="divide-y divide-slate-100">
        {rows.map(([key, amount]) => (
          <Tr key={key}>
            <Th scope="row" className={key === 'totalSpend' ? '' : 'font-normal'}>
              {t(`spend.${key}`)}
            </Th>
            <Td className="text-end tabular-nums">{f.money(amount, currency)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
