import { useTranslation } from 'react-i18next'
import type { Rate } from '#app/features/promotions/outcome.ts'
import { formatMoney, formatRate } from '#app/lib/money.ts'

/** Money, unit and rate formatting in the reader's language, shared by the Outcome tab and the program view. */
export function useOutcomeFormat() {
  const { i18n } = useTranslation('outcome')
  const locale = i18n.language
  const units = new Intl.NumberFormat(locale)
  return {
    money: (amount: number | null, currency: string) =>
      amount === null ? '—' : formatMoney(amount, currency, locale),
    units: (n: number) => units.format(n),
    rate: (r: Rate) => (r.bp === null ? '—' : formatRate(r.bp, locale)),
    percent: (bp: number) => formatRate(bp, locale),
  }
}

/** A rate, or "—" with the reason it is undefined (no actuals yet, zero baseline, zero spend…). */
export function RateValue({
  rate,
  reasonClass = 'block text-xs font-normal text-slate-500',
}: {
  rate: Rate
  reasonClass?: string
}) {
  const { t } = useTranslation('outcome')
  const f = useOutcomeFormat()
  if (rate.bp !== null) return <>{f.rate(rate)}</>
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className={reasonClass}>{t(`reasons.${rate.reason}`)}</span>
    </>
  )
}
