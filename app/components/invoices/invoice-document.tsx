import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LinesTable, TotalsBox } from '#app/components/billing/lines-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import type { InvoiceDetail } from '#app/features/invoices/get-invoice.server.ts'
import type { InvoiceDisplayStatus } from '#app/features/invoices/invoice-status.ts'
import { InvoiceStatusBadge } from './invoice-status-badge.tsx'
import { PaymentsTable } from './payments-table.tsx'
import { useCalendarDate } from './use-calendar-date.ts'

type Props = {
  detail: Pick<
    InvoiceDetail,
    'invoice' | 'side' | 'lines' | 'payments' | 'parties' | 'ownerName' | 'quote' | 'balanceDue'
  >
  status: InvoiceDisplayStatus
  actions: ReactNode
}

/** An invoice as both sides read it: header, parties and dates, lines, totals with payments, and the payments. */
export function InvoiceDocument({ detail, status, actions }: Props) {
  const { t } = useTranslation('invoices')
  const date = useCalendarDate()
  const { invoice, lines, parties, quote } = detail
  const voided = invoice.status === 'void'
  return (
    <article aria-labelledby="invoice-title">
      <PageHeader
        title={
          <span id="invoice-title" className="flex flex-wrap items-center gap-3">
            {invoice.number ?? t('draftTitle')}
            <InvoiceStatusBadge status={status} />
          </span>
        }
        description={
          quote ? (
            <Link to={`/quotes/${quote.id}`} className="text-brand-700 underline">
              {t('detail.fromQuote', { number: quote.number ?? t('draftNumber') })}
            </Link>
          ) : undefined
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {actions}
            <a href={`/invoices/${invoice.id}/pdf`} className={buttonClass('secondary')} download>
              {t('actions.pdf')}
            </a>
          </div>
        }
      />
      {voided ? (
        <section className="mb-6 rounded-lg bg-slate-100 p-4 text-sm ring-1 ring-slate-300">
          <h2 className="font-semibold text-slate-900">{t('detail.voided')}</h2>
          {invoice.voidReason ? <p className="mt-1 text-slate-800">{invoice.voidReason}</p> : null}
        </section>
      ) : null}
      <dl className="mb-6 grid gap-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 sm:grid-cols-5">
        <div>
          <dt className="text-slate-500">{t('detail.from')}</dt>
          <dd className="font-medium">{parties.seller.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.to')}</dt>
          <dd className="font-medium">{parties.buyer.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.issueDate')}</dt>
          <dd>{date(invoice.issueDate)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.dueDate')}</dt>
          <dd>{date(invoice.dueDate)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.paymentTerms')}</dt>
          <dd>{t('detail.termsDays', { count: invoice.paymentTermsDays })}</dd>
        </div>
      </dl>
      <LinesTable caption={t('detail.lines')} lines={lines} currency={invoice.currency} />
      <TotalsBox
        currency={invoice.currency}
        totals={{
          subtotal: invoice.subtotal,
          taxTotal: invoice.taxTotal,
          total: invoice.total,
          ...(invoice.status === 'draft' || voided
            ? {}
            : { amountPaid: invoice.amountPaid, balanceDue: detail.balanceDue }),
        }}
      />
      {invoice.terms ? (
        <section className="mt-6">
          <h2 className="text-sm font-semibold text-slate-800">{t('detail.terms')}</h2>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{invoice.terms}</p>
        </section>
      ) : null}
      {detail.side === 'seller' && invoice.notes ? (
        <section className="mt-6">
          <h2 className="text-sm font-semibold text-slate-800">{t('detail.notes')}</h2>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{invoice.notes}</p>
        </section>
      ) : null}
      {invoice.status !== 'draft' ? (
        <PaymentsTable
          payments={detail.payments}
          currency={invoice.currency}
          showRecorder={detail.side === 'seller'}
        />
      ) : null}
    </article>
  )
}
