import { useTranslation } from 'react-i18next'
import { Table, Td, Th } from '#app/components/ui/table.tsx'
import { formatMoney, formatRate } from '#app/lib/money.ts'

export type LineRow = {
  id: string
  position: number
  sku: string
  description: string
  quantity: string
  unit: string
  unitPrice: number
  discountBp: number
  taxRateBp: number
  net: number
  optional?: boolean
  selected?: boolean
}

type Props = {
  lines: LineRow[]
  currency: string
  caption: string
  /** Renders the tick box of an optional line (the customer's choice), or null for read-only. */
  optionalControl?: (line: LineRow) => React.ReactNode
}

/** A document's lines, read-only; optional lines are marked and, for the customer, tickable. */
export function LinesTable({ lines, currency, caption, optionalControl }: Props) {
  const { t, i18n } = useTranslation('billing')
  const money = (n: number) => formatMoney(n, currency, i18n.language)
  return (
    <Table caption={caption}>
      <thead className="bg-slate-50">
        <tr>
          <Th>#</Th>
          <Th>{t('lines.description')}</Th>
          <Th className="text-end">{t('lines.quantity')}</Th>
          <Th className="text-end">{t('lines.unitPriceShort')}</Th>
          <Th className="text-end">{t('lines.discount')}</Th>
          <Th className="text-end">{t('lines.taxRate')}</Th>
          <Th className="text-end">{t('lines.amount')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {lines.map((line) => (
          <tr
            key={line.id}
            className={line.optional && !line.selected && !optionalControl ? 'text-slate-400' : ''}
          >
            <Td className="tabular-nums">{line.position}</Td>
            <Td>
              <div className="font-medium text-slate-900">{line.description}</div>
              {line.sku ? <div className="text-xs text-slate-500">{line.sku}</div> : null}
              {line.optional ? (
                <div className="mt-1 text-xs">
                  {optionalControl ? (
                    optionalControl(line)
                  ) : (
                    <span>
                      {line.selected ? t('lines.optionalIncluded') : t('lines.optionalNotIncluded')}
                    </span>
                  )}
                </div>
              ) : null}
            </Td>
            <Td className="text-end tabular-nums">
              {line.quantity.replace(/\.?0+$/, '')} {line.unit}
            </Td>
            <Td className="text-end tabular-nums">{money(line.unitPrice)}</Td>
            <Td className="text-end tabular-nums">
              {line.discountBp ? formatRate(line.discountBp, i18n.language) : '—'}
            </Td>
            <Td className="text-end tabular-nums">{formatRate(line.taxRateBp, i18n.language)}</Td>
            <Td className="text-end tabular-nums">{money(line.net)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}

export type TotalsView = {
  subtotal: number
  taxTotal: number
  total: number
  amountPaid?: number
  balanceDue?: number
}

export function TotalsBox({
  totals,
  currency,
  label,
}: {
  totals: TotalsView
  currency: string
  label?: string
}) {
  const { t, i18n } = useTranslation('billing')
  const money = (n: number) => formatMoney(n, currency, i18n.language)
  const row = (name: string, value: number, strong = false) => (
    <div
      className={`flex justify-between gap-8 py-1 ${strong ? 'text-base font-semibold text-slate-900' : ''}`}
    >
      <dt>{name}</dt>
      <dd className="tabular-nums">{money(value)}</dd>
    </div>
  )
  return (
    <dl
      aria-label={label ?? t('totals.label')}
      className="ms-auto mt-4 w-full max-w-sm text-sm text-slate-700"
    >
      {row(t('totals.subtotal'), totals.subtotal)}
      {row(t('totals.tax'), totals.taxTotal)}
      {row(t('totals.total'), totals.total, true)}
      {totals.amountPaid !== undefined ? row(t('totals.amountPaid'), totals.amountPaid) : null}
      {totals.balanceDue !== undefined ? row(t('totals.balanceDue'), totals.balanceDue, true) : null}
    </dl>
  )
}
