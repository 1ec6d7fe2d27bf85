import { useTranslation } from 'react-i18next'
import { Notice } from '#app/components/ui/notice.tsx'

export type BaselineSuggestionView = {
  window: { from: string; to: string; weeks: number }
  products: {
    promotionProductId: string
    sku: string
    weekly: number | null
    source: 'actuals' | 'invoices' | 'none'
    weeks: number
    units: string
  }[]
}

// numeric sums come back as "48.000"; a person reads 48.
const units = (text: string) => text.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1')

/** What a suggested baseline is based on, product by product, and that it is not saved yet. */
export function SuggestionPreview({ suggestion }: { suggestion: BaselineSuggestionView }) {
  const { t } = useTranslation('volumes')
  const { from, to, weeks } = suggestion.window
  return (
    <div
      role="status"
      className="mb-4 rounded-md bg-brand-50 p-3 text-sm text-brand-800 ring-1 ring-inset ring-brand-600/20"
    >
      <p className="font-medium">{t('suggest.title', { from, to, weeks })}</p>
      <ul className="mt-1 list-disc space-y-0.5 ps-5">
        {suggestion.products.map((p) => (
          <li key={p.promotionProductId}>
            {t(`suggest.${p.source}`, {
              sku: p.sku,
              weekly: p.weekly,
              weeks: p.weeks,
              units: units(p.units),
            })}
          </li>
        ))}
      </ul>
      <p className="mt-1">{t('suggest.review')}</p>
    </div>
  )
}

export type SaveResult = {
  saved?: number
  invalid?: Record<string, string>
  conflicts?: unknown[]
}

/** The answer to a grid save: saved, refused cells someone else changed meanwhile, or cells that are not numbers. */
export function SaveNotice({ result }: { result: SaveResult }) {
  const { t } = useTranslation('volumes')
  const conflicts = result.conflicts?.length ?? 0
  const invalid = Object.keys(result.invalid ?? {}).length
  if (invalid > 0) return <Notice tone="error">{t('grid.invalid', { count: invalid })}</Notice>
  if (conflicts > 0)
    return <Notice tone="error">{t('grid.conflicts', { count: conflicts, saved: result.saved ?? 0 })}</Notice>
  return <Notice tone="success">{t('grid.saved', { count: result.saved ?? 0 })}</Notice>
}
