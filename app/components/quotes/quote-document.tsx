import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LinesTable, TotalsBox } from '#app/components/billing/lines-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { totalsOf } from '#app/features/billing/price-lines.ts'
import type { QuoteDetail } from '#app/features/quotes/get-quote.server.ts'
import type { QuoteDisplayStatus } from '#app/features/quotes/quote-status.ts'
import { formatMoney } from '#app/lib/money.ts'
import { ACCEPT_FORM_ID } from './quote-answer-forms.tsx'
import { QuoteStatusBadge } from './quote-status-badge.tsx'
import { SignatureView } from './signature-pad.tsx'

type Props = {
  detail: Pick<QuoteDetail, 'quote' | 'side' | 'revision' | 'lines' | 'history' | 'parties' | 'ownerName'>
  status: QuoteDisplayStatus
  actions: ReactNode
  /** The customer may tick optional lines (they belong to the accept form). */
  selectable: boolean
}

const date = (value: string | Date | null, locale: string) =>
  value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value)) : '—'

/** A quote as both sides read it: header, parties, lines, totals, acceptance and revision history. */
export function QuoteDocument({ detail, status, actions, selectable }: Props) {
  const { t, i18n } = useTranslation('quotes')
  const { quote, revision, lines, history, parties } = detail
  const locale = i18n.language
  const accepted = quote.status === 'accepted' && quote.acceptedRevision === revision.revision
  return (
    <article aria-labelledby="quote-title">
      <PageHeader
        title={
          <span id="quote-title" className="flex flex-wrap items-center gap-3">
            {quote.number ?? t('draftNumber')} · {quote.title}
            <QuoteStatusBadge status={status} />
          </span>
        }
        description={t('detail.revisionOf', { revision: revision.revision, count: history.length })}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {actions}
            <a
              href={`/quotes/${quote.id}/pdf?revision=${revision.revision}`}
              className={buttonClass('secondary')}
              download
            >
              {t('actions.pdf')}
            </a>
          </div>
        }
      />
      <dl className="mb-6 grid gap-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">{t('detail.from')}</dt>
          <dd className="font-medium">{parties.seller.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.to')}</dt>
          <dd className="font-medium">{parties.buyer.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.sent')}</dt>
          <dd>{date(revision.sentAt, locale)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t('detail.validUntil')}</dt>
          <dd>{date(revision.validUntil, locale)}</dd>
        </div>
      </dl>
      <LinesTable
        caption={t('detail.lines')}
        lines={lines}
        currency={revision.currency}
        optionalControl={
          selectable
            ? (line) => (
                <label className="inline-flex items-center gap-2 font-medium text-brand-700">
                  <input type="checkbox" name="selectedLines" value={line.id} form={ACCEPT_FORM_ID} />
                  {t('detail.addOptional')}
                </label>
              )
            : undefined
        }
      />
      <TotalsBox
        currency={revision.currency}
        totals={accepted && quote.acceptedTotal !== null ? totalsOf(lines) : revision}
      />
      {lines.some((l) => l.optional) && !accepted ? (
        <p className="mt-1 text-end text-xs text-slate-500">{t('detail.optionalNote')}</p>
      ) : null}
      {revision.terms ? (
        <section className="mt-6">
          <h2 className="text-sm font-semibold text-slate-800">{t('detail.terms')}</h2>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{revision.terms}</p>
        </section>
      ) : null}
      {accepted ? (
        <section
          className="mt-6 rounded-lg bg-green-50 p-4 ring-1 ring-green-600/20"
          aria-labelledby="acceptance"
        >
          <h2 id="acceptance" className="text-sm font-semibold text-green-900">
            {t('detail.acceptedBy', { name: quote.signerName })}
          </h2>
          <SignatureView kind={quote.signatureKind ?? 'typed'} signature={quote.signature ?? ''} />
          <p className="text-xs text-green-900">
            {t('detail.acceptedMeta', {
              at: quote.acceptedAt
                ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
                    new Date(quote.acceptedAt),
                  )
                : '',
              ip: quote.acceptedIp ?? '—',
            })}
          </p>
        </section>
      ) : null}
      {quote.status === 'declined' && quote.declineReason ? (
        <section className="mt-6 rounded-lg bg-red-50 p-4 text-sm ring-1 ring-red-600/20">
          <h2 className="font-semibold text-red-900">{t('detail.declined')}</h2>
          <p className="mt-1 text-red-900">{quote.declineReason}</p>
        </section>
      ) : null}
      {history.length > 1 ? (
        <nav aria-label={t('detail.history')} className="mt-6 text-sm">
          <h2 className="font-semibold text-slate-800">{t('detail.history')}</h2>
          <ul className="mt-2 space-y-1">
            {history.map((h) => (
              <li key={h.revision}>
                <Link
                  to={`?revision=${h.revision}`}
                  aria-current={h.revision === revision.revision ? 'page' : undefined}
                  className="text-brand-700 underline aria-[current=page]:font-semibold aria-[current=page]:no-underline"
                >
                  {t('detail.revisionLabel', { revision: h.revision })}
                </Link>{' '}
                · {h.sentAt ? t('detail.sentOn', { date: date(h.sentAt, locale) }) : t('detail.notSent')} ·{' '}
                {formatMoney(h.total, h.currency, locale)}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </article>
  )
}
