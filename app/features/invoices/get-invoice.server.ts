import { asc, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { invoiceLines, organizations, payments, quotes, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findInvoice } from './find-invoice.server.ts'

const seller = alias(organizations, 'seller')
const buyer = alias(organizations, 'buyer')
const recorder = alias(users, 'recorder')

/**
 * One invoice as its page and PDF show it: header, lines, payments, both orgs, and which side the caller is on
 * (through findInvoice, so the same access rules as every other invoice service).
 */
export async function getInvoice(ctx: ServiceContext, id: string) {
  const { invoice, side, partnerOrgId } = await findInvoice(ctx, id)
  const lines = await ctx.tx
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoice.id))
    .orderBy(asc(invoiceLines.position))
  const paid = await ctx.tx
    .select({
      id: payments.id,
      amount: payments.amount,
      currency: payments.currency,
      paidOn: payments.paidOn,
      method: payments.method,
      reference: payments.reference,
      createdAt: payments.createdAt,
      recordedBy: recorder.name,
    })
    .from(payments)
    .leftJoin(recorder, eq(recorder.id, payments.recordedById))
    .where(eq(payments.invoiceId, invoice.id))
    .orderBy(asc(payments.paidOn), asc(payments.createdAt))
  const [parties] = await ctx.tx
    .select({
      seller: { id: seller.id, name: seller.name, customerCode: seller.customerCode, locale: seller.locale },
      buyer: { id: buyer.id, name: buyer.name, customerCode: buyer.customerCode, locale: buyer.locale },
    })
    .from(seller)
    .innerJoin(buyer, eq(buyer.id, partnerOrgId))
    .where(eq(seller.id, invoice.hostOrgId))
  const [owner] = invoice.ownerId
    ? await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, invoice.ownerId))
    : []
  const [quote] = invoice.quoteId
    ? await ctx.tx
        .select({ id: quotes.id, number: quotes.number })
        .from(quotes)
        .where(eq(quotes.id, invoice.quoteId))
    : []
  const buyerSide = side === 'buyer'
  return {
    // Internal notes and who keyed in a payment are the seller's business.
    invoice: buyerSide ? { ...invoice, notes: '', idempotencyKey: null } : invoice,
    side,
    lines,
    payments: buyerSide ? paid.map((p) => ({ ...p, recordedBy: null })) : paid,
    parties,
    ownerName: owner?.name ?? null,
    quote: quote ?? null,
    balanceDue: invoice.total - invoice.amountPaid,
  }
}

export type InvoiceDetail = Awaited<ReturnType<typeof getInvoice>>
