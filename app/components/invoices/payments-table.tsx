import { useTranslation } from 'react-i18next'
import { Table, Td, Th } from '#app/components/ui/table.tsx'
import type { InvoiceDetail } from '#app/features/invoices/get-invoice.server.ts'
import { formatMoney } from '#app/lib/money.ts'
import { useCalendarDate } from './use-calendar-date.ts'

type Props = {
  payments: InvoiceDetail['payments']
  currency: string
  /** The seller sees who keyed each payment in. */
  showRecorder: boolean
}

export function PaymentsTable({ payments, currency, showRecorder }: Props) {
  const { t, i18n } = useTranslation('invoices')
  const date = useCalendarDate()
  return (
    <section className="mt-8" aria-labelledby="payments-heading">
      <h2 id="payments-heading" className="mb-2 text-lg font-semibold text-slate-900">
        {t('payments.heading')}
      </h2>
      {payments.length === 0 ? (
        <p className="text-sm text-slate-600">{t('payments.none')}</p>
      ) : (
        <Table caption={t('payments.heading')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('payments.paidOn')}</Th>
              <Th>{t('payments.method')}</Th>
              <Th>{t('payments.reference')}</Th>
              {showRecorder ? <Th>{t('payments.recordedBy')}</Th> : null}
              <Th className="text-end">{t('payments.amount')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {payments.map((p) => (
              <tr key={p.id}>
                <Td className="whitespace-nowrap">{date(p.paidOn)}</Td>
                <Td>{t(`methods.${p.method}`, { defaultValue: p.method })}</Td>
                <Td>{p.reference || '—'}</Td>
                {showRecorder ? <Td>{p.recordedBy ?? '—'}</Td> : null}
                <Td className="text-end tabular-nums">{formatMoney(p.amount, currency, i18n.language)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  )
}
