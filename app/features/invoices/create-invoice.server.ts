import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { invoices, partnerships } from '#db/schema/index.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findInvoice } from './find-invoice.server.ts'
import type { InvoiceDraftInput } from './schemas.ts'
import { priceInvoiceDraft, replaceInvoiceLines } from './write-invoice-lines.server.ts'

/**
 * Drafts an invoice on a partnership the caller's org hosts. Idempotent by the form's key: a retried or doubled
 * submit inserts nothing (ON CONFLICT on host org + key) and gets the invoice the first one made.
 */
export async function createInvoice(
  ctx: ServiceContext,
  input: InvoiceDraftInput & { partnershipId: string; idempotencyKey: string },
) {
  const [partnership] = await ctx.tx
    .select({ id: partnerships.id, status: partnerships.status })
    .from(partnerships)
    .where(and(eq(partnerships.id, input.partnershipId), eq(partnerships.hostOrgId, ctx.orgId)))
  if (!partnership) throw new AppError('invalid', 'invoices:errors.partnerRequired')
  assertPartnershipAllows(partnership.status, 'write')
  const { lines, totals } = priceInvoiceDraft(input)
  const [invoice] = await ctx.tx
    .insert(invoices)
    .values({
      partnershipId: partnership.id,
      hostOrgId: ctx.orgId,
      ownerId: ctx.userId,
      idempotencyKey: input.idempotencyKey,
      currency: input.currency,
      paymentTermsDays: input.paymentTermsDays,
      terms: input.terms,
      notes: input.notes,
      subtotal: totals.subtotal,
      taxTotal: totals.taxTotal,
      total: totals.total,
    })
    .onConflictDoNothing({ target: [invoices.hostOrgId, invoices.idempotencyKey] })
    .returning()
  if (!invoice) {
    const [existing] = await ctx.tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.hostOrgId, ctx.orgId), eq(invoices.idempotencyKey, input.idempotencyKey)))
    // Visible under the same rules as its page (a member_own replaying someone else's key gets "not found").
    const found = await findInvoice(ctx, existing?.id ?? '')
    return { invoice: found.invoice, created: false }
  }
  await replaceInvoiceLines(ctx.tx, { invoiceId: invoice.id, partnershipId: partnership.id }, lines)
  await ctx.audit({
    action: 'invoice.created',
    targetType: 'invoice',
    targetId: invoice.id,
    data: { total: totals.total, currency: input.currency },
  })
  return { invoice, created: true }
}
