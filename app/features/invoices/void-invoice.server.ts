import { eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { invoices, payments } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSeller, assertVersion, findInvoice } from './find-invoice.server.ts'
import { isVoidable } from './invoice-status.ts'

/**
 * Voids an invoice that nobody has paid anything on: the number stays used (no gaps) and the invoice stays
 * readable with its reason. Money received must first be refunded or credited outside, or the books would not
 * add up.
 */
export async function voidInvoice(
  ctx: ServiceContext,
  id: string,
  input: { version: number; reason: string },
) {
  const found = await findInvoice(ctx, id, true)
  assertSeller(found)
  const { invoice } = found
  if (invoice.status === 'void') throw new AppError('conflict', 'invoices:errors.alreadyVoid')
  if (invoice.status === 'paid') throw new AppError('conflict', 'invoices:errors.voidPaid')
  const [{ n }] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(payments)
    .where(eq(payments.invoiceId, invoice.id))
  if (n > 0 || invoice.amountPaid > 0) throw new AppError('conflict', 'invoices:errors.voidWithPayments')
  if (!isVoidable(invoice.status)) throw new AppError('conflict', 'invoices:errors.notVoidable')
  assertVersion(found, input.version)
  const reason = input.reason.trim()
  if (reason.length < 3 || reason.length > 2000)
    throw new AppError('invalid', 'invoices:errors.reasonRequired')
  await ctx.tx
    .update(invoices)
    .set({ status: 'void', voidedAt: new Date(), voidReason: reason, version: sql`${invoices.version} + 1` })
    .where(eq(invoices.id, invoice.id))
  await ctx.audit({
    action: 'invoice.voided',
    targetType: 'invoice',
    targetId: invoice.id,
    data: { number: invoice.number, previousStatus: invoice.status, reason },
  })
}
