import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '#app/components/partners/format.ts'
import { formatMoney, formatRate } from '#app/lib/money.ts'
import { ProductStatusBadge } from './product-status-badge.tsx'

type Product = {
  sku: string
  name: string
  description: string
  unit: string
  unitPrice: number
  currency: string
  taxRateBp: number
  active: boolean
  version: number
  updatedAt: Date | string
}

/** The saved values, as everyone who may read the catalogue sees them. */
export function ProductSummary({ product, timeZone }: { product: Product; timeZone: string }) {
  const { t, i18n } = useTranslation('products')
  const rows: [string, ReactNode][] = [
    [
      t('fields.sku'),
      <span key="sku" className="font-mono">
        {product.sku}
      </span>,
    ],
    [t('fields.name'), product.name],
    [t('fields.unit'), product.unit],
    [t('fields.unitPrice'), formatMoney(product.unitPrice, product.currency, i18n.language)],
    [t('list.columns.tax'), formatRate(product.taxRateBp, i18n.language)],
    [t('list.columns.status'), <ProductStatusBadge key="status" active={product.active} />],
    [t('detail.updated'), formatDate(product.updatedAt, i18n.language, timeZone, true)],
    [t('detail.version'), product.version],
  ]
  return (
    <section
      aria-labelledby="saved-title"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="saved-title" className="text-lg font-semibold">
        {t('detail.savedValues')}
      </h2>
      <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="min-w-28 text-slate-500">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {product.description ? (
        <p className="mt-3 whitespace-pre-line text-sm text-slate-700">{product.description}</p>
      ) : null}
    </section>
  )
}
