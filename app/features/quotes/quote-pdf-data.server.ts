import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import type { PdfDocument } from '#app/lib/pdf/model.ts'
import { partyOf } from '../billing/party.server.ts'
import { pdfLine } from '../billing/pdf-line.ts'
import { totalsOf } from '../billing/price-lines.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { getQuote } from './get-quote.server.ts'
import { quoteDisplayStatus } from './quote-status.ts'

/**
 * What a quote's PDF shows, read through the same access rules as its page: a buyer gets the revision sent to
 * them, and an accepted revision carries its signature block and the total with the ticked optional lines.
 */
export async function quotePdfData(
  ctx: ServiceContext,
  id: string,
  options: { revision?: number; locale: string; today: string },
): Promise<PdfDocument> {
  const detail = await getQuote(ctx, id, options.revision)
  const { quote, revision, lines } = detail
  const accepted = quote.status === 'accepted' && quote.acceptedRevision === revision.revision
  const t = await getFixedT(options.locale, 'quotes')
  const status = quoteDisplayStatus(quote.status, revision.validUntil, options.today)
  const totals = accepted ? totalsOf(lines) : totalsOf(lines.map((l) => ({ ...l, selected: false })))
  return {
    kind: 'quote',
    locale: options.locale,
    number: quote.number,
    revision: revision.revision,
    statusLabel: status === 'draft' ? undefined : t(`status.${status}`),
    currency: revision.currency,
    issueDate: revision.sentAt ? revision.sentAt.toISOString().slice(0, 10) : null,
    validUntil: revision.validUntil,
    seller: await partyOf(ctx.tx, detail.parties.seller.id),
    buyer: await partyOf(ctx.tx, detail.parties.buyer.id),
    lines: lines.map((l) => ({
      ...pdfLine(l),
      optional: l.optional,
      selected: accepted ? l.selected : false,
    })),
    totals: {
      subtotal: totals.subtotal,
      taxes: totals.taxes,
      taxTotal: totals.taxTotal,
      total: totals.total,
    },
    terms: revision.terms || undefined,
    acceptance:
      accepted && quote.acceptedAt && quote.signerName && quote.signature
        ? {
            signerName: quote.signerName,
            signedAt: quote.acceptedAt.toISOString(),
            ip: quote.acceptedIp,
            userAgent: quote.acceptedUserAgent,
            kind: quote.signatureKind ?? 'typed',
            signature: quote.signature,
          }
        : undefined,
  }
}
