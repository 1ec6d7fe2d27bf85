import { and, asc, eq, or } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { invoiceLines, invoices, quoteLines, quoteRevisions } from '#db/schema/index.ts'
import { totalsOf } from '../billing/price-lines.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import { findQuote } from '../quotes/find-quote.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findInvoice } from './find-invoice.server.ts'

/**
 * Turns an accepted quote into a draft invoice: the accepted revision's required lines and the optional ones the
 * customer ticked, with their stored amounts, currency and terms; the quote's owner owns the invoice.
 * Idempotent: `invoices.quote_id` is unique, so a double submit, a retry or five conversions at once make one
 * invoice, and every caller gets that one back.
 */
export async function invoiceFromQuote(ctx: ServiceContext, quoteId: string) {
  const { quote, side, partnershipStatus } = await findQuote(ctx, quoteId)
  if (side !== 'seller') throw new AppError('not_found', 'quotes:errors.notFound')
  assertPartnershipAllows(partnershipStatus, 'write')
  if (quote.status !== 'accepted' || quote.acceptedRevision === null) {
    throw new AppError('conflict', 'invoices:errors.quoteNotAccepted')
  }
  const [revision] = await ctx.tx
    .select()
    .from(quoteRevisions)
    .where(and(eq(quoteRevisions.quoteId, quote.id), eq(quoteRevisions.revision, quote.acceptedRevision)))
  if (!revision) throw new AppError('not_found', 'quotes:errors.notFound')
  const lines = await ctx.tx
    .select()
    .from(quoteLines)
    .where(
      and(
        eq(quoteLines.quoteId, quote.id),
        eq(quoteLines.revision, revision.revision),
        or(eq(quoteLines.optional, false), eq(quoteLines.selected, true)),
      ),
    )
    .orderBy(asc(quoteLines.position))
  const totals = totalsOf(lines.map((l) => ({ ...l, optional: false })))
  const [invoice] = await ctx.tx
    .insert(invoices)
    .values({
      partnershipId: quote.partnershipId,
      hostOrgId: quote.hostOrgId,
      ownerId: quote.ownerId,
      quoteId: quote.id,
      currency: revision.currency,
      terms: revision.terms,
      subtotal: totals.subtotal,
      taxTotal: totals.taxTotal,
      total: totals.total,
    })
    .onConflictDoNothing({ target: invoices.quoteId })
    .returning()
  if (!invoice) {
    const [existing] = await ctx.tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(eq(invoices.quoteId, quote.id))
    const found = await findInvoice(ctx, existing?.id ?? '')
    return { invoice: found.invoice, created: false }
  }
  if (lines.length > 0) {
    await ctx.tx.insert(invoiceLines).values(
      lines.map((line, index) => ({
        invoiceId: invoice.id,
        partnershipId: invoice.partnershipId,
        // Renumbered: unticked optional lines leave no gaps.
        position: index + 1,
        productId: line.productId,
        sku: line.sku,
        description: line.description,
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: line.unitPrice,
        discountBp: line.discountBp,
        taxRateBp: line.taxRateBp,
        net: line.net,
        tax: line.tax,
        total: line.total,
      })),
    )
  }
  await ctx.audit({
    action: 'invoice.created_from_quote',
    targetType: 'invoice',
    targetId: invoice.id,
    data: { quoteId: quote.id, quoteNumber: quote.number, total: totals.total, currency: revision.currency },
  })
  return { invoice, created: true }
}
