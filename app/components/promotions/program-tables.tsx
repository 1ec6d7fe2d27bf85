import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { getProgramView } from '#app/features/promotions/get-program-view.server.ts'
import { RateValue, useOutcomeFormat } from './outcome-format.tsx'

type View = Awaited<ReturnType<typeof getProgramView>>
type Paged<K extends 'promotions' | 'partners' | 'funds'> = {
  list: View[K]
  page: number
  pageSize: number
}

const num = 'text-end tabular-nums'

/** Promotions ranked by ROI (unmeasurable ones last), with lift, incremental revenue and spend against plan. */
export function PromotionRanking({ list, page, pageSize }: Paged<'promotions'>) {
  const { t } = useTranslation('outcome')
  const { t: tp } = useTranslation('promotions')
  const f = useOutcomeFormat()
  if (list.total === 0)
    return <EmptyState title={t('program.noPromotions')} body={t('program.noPromotionsBody')} />
  return (
    <>
      <Table caption={t('program.promotionsCaption')}>
        <thead className="bg-slate-50">
          <tr>
            <Th className={num}>{t('program.rank')}</Th>
            <Th>{t('program.promotion')}</Th>
            <Th>{t('program.partner')}</Th>
            <Th>{t('program.status')}</Th>
            <Th className={num}>{t('program.lift')}</Th>
            <Th className={num}>{t('program.incrementalRevenue')}</Th>
            <Th className={num}>{t('program.totalSpend')}</Th>
            <Th className={num}>{t('program.spendVsPlan')}</Th>
            <Th className={num}>{t('program.roi')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.rows.map((p, i) => (
            <Tr key={p.id}>
              <Td className={num}>{(page - 1) * pageSize + i + 1}</Td>
              <Td>
                <Link
                  to={`/promotions/${p.id}/outcome`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {p.name}
                </Link>
                <span className="block text-xs text-slate-500">
                  {p.startsOn} – {p.endsOn}
                  {p.fundName ? ` · ${p.fundName}` : ''}
                </span>
              </Td>
              <Td>{p.partnerName}</Td>
              <Td>{tp(`status.${p.status}`)}</Td>
              <Td className={num}>
                <RateValue rate={p.lift} />
              </Td>
              <Td className={num}>{p.hasActuals ? f.money(p.incrementalRevenue, p.currency) : '—'}</Td>
              <Td className={num}>{f.money(p.totalSpend, p.currency)}</Td>
              <Td className={num}>
                <RateValue rate={p.spendVsPlan} />
              </Td>
              <Td className={`${num} font-semibold`}>
                <RateValue rate={p.roi} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={pageSize} total={list.total} label={t('program.promotions')} />
    </>
  )
}

/** Each partner's allocation of each fund: balances, utilisation and the ROI of its measured promotions. */
export function PartnerRanking({ list, page, pageSize }: Paged<'partners'>) {
  const { t } = useTranslation('outcome')
  const f = useOutcomeFormat()
  if (list.total === 0) return <EmptyState title={t('program.noPartners')} />
  return (
    <>
      <Table caption={t('program.partnersCaption')}>
        <thead className="bg-slate-50">
          <tr>
            <Th className={num}>{t('program.rank')}</Th>
            <Th>{t('program.partner')}</Th>
            <Th>{t('program.fund')}</Th>
            <Th className={num}>{t('program.allocated')}</Th>
            <Th className={num}>{t('program.committed')}</Th>
            <Th className={num}>{t('program.spent')}</Th>
            <Th className={num}>{t('program.utilisation')}</Th>
            <Th className={num}>{t('program.incrementalRevenue')}</Th>
            <Th className={num}>{t('program.roi')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.rows.map((a, i) => (
            <Tr key={a.id}>
              <Td className={num}>{(page - 1) * pageSize + i + 1}</Td>
              <Td className="font-medium">{a.partnerName}</Td>
              <Td>
                <Link to={`/funds/${a.fundId}`} className="text-brand-700 hover:underline">
                  {a.fundName}
                </Link>
              </Td>
              <Td className={num}>{f.money(a.allocated, a.currency)}</Td>
              <Td className={num}>{f.money(a.committed, a.currency)}</Td>
              <Td className={num}>{f.money(a.spent, a.currency)}</Td>
              <Td className={num}>
                <RateValue rate={a.utilisation} />
              </Td>
              <Td className={num}>
                {a.measuredPromotions > 0 ? f.money(a.incrementalRevenue, a.currency) : '—'}
              </Td>
              <Td className={`${num} font-semibold`}>
                <RateValue rate={a.roi} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination
        page={page}
        pageSize={pageSize}
        total={list.total}
        param="partnerPage"
        label={t('program.partners')}
      />
    </>
  )
}

/** Utilisation per fund over the allocations in view. */
export function FundUtilisation({ list, page, pageSize }: Paged<'funds'>) {
  const { t } = useTranslation('outcome')
  const f = useOutcomeFormat()
  if (list.total === 0) return <EmptyState title={t('program.noFunds')} />
  return (
    <>
      <Table caption={t('program.fundsCaption')}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t('program.fund')}</Th>
            <Th className={num}>{t('program.allocations')}</Th>
            <Th className={num}>{t('program.allocated')}</Th>
            <Th className={num}>{t('program.committed')}</Th>
            <Th className={num}>{t('program.spent')}</Th>
            <Th className={num}>{t('program.utilisation')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.rows.map((fund) => (
            <Tr key={fund.id}>
              <Td>
                <Link to={`/funds/${fund.id}`} className="font-medium text-brand-700 hover:underline">
                  {fund.name}
                </Link>
              </Td>
              <Td className={num}>{fund.allocations}</Td>
              <Td className={num}>{f.money(fund.allocated, fund.currency)}</Td>
              <Td className={num}>{f.money(fund.committed, fund.currency)}</Td>
              <Td className={num}>{f.money(fund.spent, fund.currency)}</Td>
              <Td className={`${num} font-semibold`}>
                <RateValue rate={fund.utilisation} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination
        page={page}
        pageSize={pageSize}
        total={list.total}
        param="fundPage"
        label={t('program.funds')}
      />
    </>
  )
}
