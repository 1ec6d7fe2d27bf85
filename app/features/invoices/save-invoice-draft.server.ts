import { eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { invoices } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSeller, assertVersion, findInvoice } from './find-invoice.server.ts'
import type { InvoiceDraftInput } from './schemas.ts'
import { priceInvoiceDraft, replaceInvoiceLines } from './write-invoice-lines.server.ts'

/** Saves a draft's header and lines. Once issued, an invoice is a legal record: it can only be paid or voided. */
export async function saveInvoiceDraft(
  ctx: ServiceContext,
  id: string,
  input: InvoiceDraftInput & { version: number },
) {
  const found = await findInvoice(ctx, id, true)
  assertSeller(found)
  if (found.invoice.status !== 'draft') throw new AppError('conflict', 'invoices:errors.notDraft')
  assertVersion(found, input.version)
  const { lines, totals } = priceInvoiceDraft(input)
  const { invoice } = found
  await replaceInvoiceLines(ctx.tx, { invoiceId: invoice.id, partnershipId: invoice.partnershipId }, lines)
  await ctx.tx
    .update(invoices)
    .set({
      currency: input.currency,
      paymentTermsDays: input.paymentTermsDays,
      terms: input.terms,
      notes: input.notes,
      subtotal: totals.subtotal,
      taxTotal: totals.taxTotal,
      total: totals.total,
      version: sql`${invoices.version} + 1`,
    })
    .where(eq(invoices.id, invoice.id))
  await ctx.audit({
    action: 'invoice.draft_saved',
    targetType: 'invoice',
    targetId: invoice.id,
    data: { total: totals.total, currency: input.currency },
  })
}
