import { and, eq, sql } from 'drizzle-orm'
import { todayIn } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { invoices, payments } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSeller, findInvoice } from './find-invoice.server.ts'
import type { PaymentMethod } from './schemas.ts'

export type RecordPaymentInput = {
  idempotencyKey: string
  /** Decimal text in the invoice's currency ("1250.50"), parsed exactly. */
  amount: string
  paidOn: string
  method: PaymentMethod
  reference: string
  timeZone: string
}

const isRealDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}

/**
 * Records money received against an issued invoice. The invoice row is locked first (SELECT … FOR UPDATE), so two
 * payments at once queue up and the second checks the balance the first left; a retried submit carries the same
 * key and gets the first payment back without counting it twice.
 */
export async function recordPayment(ctx: ServiceContext, id: string, input: RecordPaymentInput) {
  const found = await findInvoice(ctx, id, true)
  assertSeller(found, 'pay')
  const { invoice } = found
  const [already] = await ctx.tx
    .select()
    .from(payments)
    .where(and(eq(payments.invoiceId, invoice.id), eq(payments.idempotencyKey, input.idempotencyKey)))
  if (already) {
    return { payment: already, status: invoice.status, amountPaid: invoice.amountPaid, created: false }
  }
  if (invoice.status === 'draft') throw new AppError('conflict', 'invoices:errors.paymentOnDraft')
  if (invoice.status === 'void') throw new AppError('conflict', 'invoices:errors.paymentOnVoid')
  if (invoice.status === 'paid') throw new AppError('conflict', 'invoices:errors.alreadyPaid')

  const amount = parseAmount(input.amount, invoice.currency)
  if (amount === null) throw new AppError('invalid', 'invoices:errors.amountInvalid')
  if (amount <= 0) throw new AppError('invalid', 'invoices:errors.amountNotPositive')
  const balance = invoice.total - invoice.amountPaid
  if (amount > balance) throw new AppError('invalid', 'invoices:errors.amountAboveBalance', { balance })
  const today = todayIn(input.timeZone)
  if (!isRealDate(input.paidOn)) throw new AppError('invalid', 'invoices:errors.dateInvalid')
  if (input.paidOn > today) throw new AppError('invalid', 'invoices:errors.paidInFuture')

  const [payment] = await ctx.tx
    .insert(payments)
    .values({
      invoiceId: invoice.id,
      partnershipId: invoice.partnershipId,
      amount,
      currency: invoice.currency,
      paidOn: input.paidOn,
      method: input.method,
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      recordedById: ctx.userId,
    })
    .onConflictDoNothing({ target: [payments.invoiceId, payments.idempotencyKey] })
    .returning()
  // The row lock makes a conflict here impossible; should it happen, nothing was counted.
  if (!payment) throw new AppError('conflict', 'invoices:errors.stale')
  const amountPaid = invoice.amountPaid + amount
  const status =
    amountPaid === invoice.total
      ? 'paid'
      : invoice.dueDate !== null && invoice.dueDate < today
        ? 'overdue'
        : 'partially_paid'
  await ctx.tx
    .update(invoices)
    .set({ amountPaid, status, version: sql`${invoices.version} + 1` })
    .where(eq(invoices.id, invoice.id))
  await ctx.audit({
    action: 'invoice.payment_recorded',
    targetType: 'invoice',
    targetId: invoice.id,
    data: {
      number: invoice.number,
      paymentId: payment.id,
      amount,
      currency: invoice.currency,
      method: input.method,
      status,
    },
  })
  return { payment, status, amountPaid, created: true }
}
