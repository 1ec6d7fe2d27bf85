import { eq } from 'drizzle-orm'
import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import type { PdfDocument } from '#app/lib/pdf/model.ts'
import { organizations } from '#db/schema/index.ts'
import { partyOf } from '../billing/party.server.ts'
import { pdfLine } from '../billing/pdf-line.ts'
import { totalsOf } from '../billing/price-lines.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { getInvoice } from './get-invoice.server.ts'
import { invoiceDisplayStatus } from './invoice-status.ts'

/** What an invoice's PDF shows, read through the same access rules as its page. */
export async function invoicePdfData(
  ctx: ServiceContext,
  id: string,
  options: { locale: string; today: string },
): Promise<PdfDocument> {
  const detail = await getInvoice(ctx, id)
  const { invoice, lines } = detail
  const t = await getFixedT(options.locale, 'invoices')
  const status = invoiceDisplayStatus(invoice.status, invoice.dueDate, options.today)
  const [seller] = await ctx.tx
    .select({ paymentInstructions: organizations.paymentInstructions })
    .from(organizations)
    .where(eq(organizations.id, invoice.hostOrgId))
  const totals = totalsOf(lines.map((l) => ({ ...l, optional: false })))
  return {
    kind: 'invoice',
    locale: options.locale,
    number: invoice.number,
    statusLabel: status === 'draft' || status === 'issued' ? undefined : t(`status.${status}`),
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    seller: await partyOf(ctx.tx, detail.parties.seller.id),
    buyer: await partyOf(ctx.tx, detail.parties.buyer.id),
    lines: lines.map(pdfLine),
    totals: {
      subtotal: invoice.subtotal,
      taxes: totals.taxes,
      taxTotal: invoice.taxTotal,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      balanceDue: detail.balanceDue,
    },
    terms: invoice.terms || undefined,
    paymentDetails: seller?.paymentInstructions
      ? seller.paymentInstructions.split('\n').filter((l) => l.trim())
      : undefined,
  }
}
