import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { formatMoney, formatRate } from '#app/lib/money.ts'
import { ProductStatusBadge } from './product-status-badge.tsx'

export type ProductTableRow = {
  id: string
  sku: string
  name: string
  unit: string
  unitPrice: number
  currency: string
  taxRateBp: number
  active: boolean
}

export function ProductTable({ rows }: { rows: ProductTableRow[] }) {
  const { t, i18n } = useTranslation('products')
  return (
    <Table caption={t('list.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('list.columns.sku')}</Th>
          <Th>{t('list.columns.name')}</Th>
          <Th>{t('list.columns.unit')}</Th>
          <Th className="text-end">{t('list.columns.price')}</Th>
          <Th className="text-end">{t('list.columns.tax')}</Th>
          <Th>{t('list.columns.status')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td className="font-mono text-xs">
              <Link to={`/products/${row.id}`} className="text-brand-700 hover:underline">
                {row.sku}
              </Link>
            </Td>
            <Td className="font-medium text-slate-900">{row.name}</Td>
            <Td>{row.unit}</Td>
            <Td className="whitespace-nowrap text-end tabular-nums">
              {formatMoney(row.unitPrice, row.currency, i18n.language)}
            </Td>
            <Td className="text-end tabular-nums">{formatRate(row.taxRateBp, i18n.language)}</Td>
            <Td>
              <ProductStatusBadge active={row.active} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
