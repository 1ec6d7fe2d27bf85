import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { QuoteListRow } from '#app/features/quotes/list-quotes.server.ts'
import { quoteDisplayStatus } from '#app/features/quotes/quote-status.ts'
import { formatMoney } from '#app/lib/money.ts'
import { QuoteStatusBadge } from './quote-status-badge.tsx'

export function QuoteTable({ rows, today }: { rows: QuoteListRow[]; today: string }) {
  const { t, i18n } = useTranslation('quotes')
  const date = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(d))
  return (
    <Table caption={t('list.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('list.number')}</Th>
          <Th>{t('list.title')}</Th>
          <Th>{t('list.counterparty')}</Th>
          <Th>{t('list.status')}</Th>
          <Th>{t('list.validUntil')}</Th>
          <Th className="text-end">{t('list.total')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td className="font-medium whitespace-nowrap">
              <Link to={`/quotes/${row.id}`} className="text-brand-700 hover:underline">
                {row.number ?? t('draftNumber')}
              </Link>
              {row.isSeller && row.hasUnsentRevision && row.number ? (
                <span className="ms-2 text-xs text-amber-700">{t('list.unsentRevision')}</span>
              ) : null}
            </Td>
            <Td>{row.title}</Td>
            <Td>{row.counterparty}</Td>
            <Td>
              <QuoteStatusBadge status={quoteDisplayStatus(row.status, row.validUntil, today)} />
            </Td>
            <Td className="whitespace-nowrap">{date(row.validUntil)}</Td>
            <Td className="text-end tabular-nums">{formatMoney(row.total, row.currency, i18n.language)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
