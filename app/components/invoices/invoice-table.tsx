import { Link } from '@remix-run/react'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { invoiceDisplayStatus } from '#app/features/invoices/invoice-status.ts'
import type { InvoiceListRow } from '#app/features/invoices/list-invoices.server.ts'
import { formatMoney } from '#app/lib/money.ts'
import { InvoiceStatusBadge } from './invoice-status-badge.tsx'

type Props = {
  rows: InvoiceListRow[]
  today: string
}

/**
 * The invoice list. Each row's tick box belongs to the surrounding bulk-download form (`invoiceIds`); the header
 * box ticks every row of this page.
 */
export function InvoiceTable({ rows, today }: Props) {
  const { t, i18n } = useTranslation('invoices')
  const frame = useRef<HTMLDivElement>(null)
  const boxes = () => [
    ...(frame.current?.querySelectorAll<HTMLInputElement>('input[name="invoiceIds"]') ?? []),
  ]
  const selectAll = useRef<HTMLInputElement>(null)
  const syncSelectAll = () => {
    const all = boxes()
    const ticked = all.filter((b) => b.checked).length
    if (!selectAll.current) return
    selectAll.current.checked = ticked > 0 && ticked === all.length
    selectAll.current.indeterminate = ticked > 0 && ticked < all.length
  }
  const date = (d: string | null) =>
    d
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(d))
      : '—'
  const money = (amount: number, currency: string) => formatMoney(amount, currency, i18n.language)
  return (
    <div ref={frame}>
      <Table caption={t('list.caption')}>
        <thead className="bg-slate-50">
          <tr>
            <Th className="w-10">
              <input
                ref={selectAll}
                type="checkbox"
                aria-label={t('list.selectAll')}
                onChange={(e) => {
                  const checked = e.currentTarget.checked
                  for (const box of boxes()) box.checked = checked
                  syncSelectAll()
                }}
              />
            </Th>
            <Th>{t('list.number')}</Th>
            <Th>{t('list.counterparty')}</Th>
            <Th>{t('list.status')}</Th>
            <Th>{t('list.issueDate')}</Th>
            <Th>{t('list.dueDate')}</Th>
            <Th className="text-end">{t('list.total')}</Th>
            <Th className="text-end">{t('list.balance')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const label = row.number ?? t('draftNumber')
            return (
              <Tr key={row.id}>
                <Td>
                  <input
                    type="checkbox"
                    name="invoiceIds"
                    value={row.id}
                    aria-label={t('list.select', { number: label, partner: row.counterparty })}
                    onChange={syncSelectAll}
                  />
                </Td>
                <Td className="font-medium whitespace-nowrap">
                  <Link to={`/invoices/${row.id}`} className="text-brand-700 hover:underline">
                    {label}
                  </Link>
                </Td>
                <Td>{row.counterparty}</Td>
                <Td>
                  <InvoiceStatusBadge status={invoiceDisplayStatus(row.status, row.dueDate, today)} />
                </Td>
                <Td className="whitespace-nowrap">{date(row.issueDate)}</Td>
                <Td className="whitespace-nowrap">{date(row.dueDate)}</Td>
                <Td className="text-end tabular-nums">{money(row.total, row.currency)}</Td>
                <Td className="text-end tabular-nums">
                  {row.status === 'void' ? '—' : money(row.total - row.amountPaid, row.currency)}
                </Td>
              </Tr>
            )
          })}
        </tbody>
      </Table>
    </div>
  )
}
