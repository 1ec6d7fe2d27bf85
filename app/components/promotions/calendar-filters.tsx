import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '#app/components/ui/button.tsx'
import { inputClass } from '#app/components/ui/field.tsx'
import type { CalendarRange } from '#app/features/promotions/calendar.ts'
import { type PromotionStatus, promotionStatuses } from '#db/schema/promotions.ts'

const field = `mt-1 ${inputClass} py-1.5`

/** Status, partner and product (SKU, suggested from the promotions shown) filters; the period stays. */
export function CalendarFilters({
  range,
  filters,
  partners,
  skus,
}: {
  range: Pick<CalendarRange, 'view' | 'start'>
  filters: { status?: PromotionStatus; partnershipId?: string; sku?: string }
  partners: { value: string; label: string }[]
  skus: string[]
}) {
  const { t } = useTranslation('calendar')
  const { t: tp } = useTranslation('promotions')
  const filtered = Boolean(filters.status || filters.partnershipId || filters.sku)
  return (
    <Form
      method="get"
      role="search"
      aria-label={t('filters.label')}
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="view" value={range.view} />
      <input type="hidden" name="start" value={range.start} />
      <label className="text-sm">
        <span className="block font-medium text-slate-700">{t('filters.status')}</span>
        <select name="status" defaultValue={filters.status ?? ''} className={field}>
          <option value="">{t('filters.anyStatus')}</option>
          {promotionStatuses.map((s) => (
            <option key={s} value={s}>
              {tp(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">{t('filters.partner')}</span>
        <select name="partner" defaultValue={filters.partnershipId ?? ''} className={field}>
          <option value="">{t('filters.anyPartner')}</option>
          {partners.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">{t('filters.sku')}</span>
        <input name="sku" defaultValue={filters.sku ?? ''} list="calendar-skus" className={field} />
        <datalist id="calendar-skus">
          {skus.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        {t('filters.apply')}
      </button>
      {filtered ? (
        <Link
          to={`?view=${range.view}&start=${range.start}`}
          className="text-sm text-brand-700 hover:underline"
        >
          {t('filters.clear')}
        </Link>
      ) : null}
    </Form>
  )
}
