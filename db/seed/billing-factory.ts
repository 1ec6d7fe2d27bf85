import { priceLines, totalsOf } from '#app/features/billing/price-lines.ts'
import type { Tx } from '#db/client.ts'
import { invoiceLines, invoices, payments, quoteLines, quoteRevisions, quotes } from '#db/schema/index.ts'

// Quotes and invoices for the demo seed and the tests, written as the owner (asSystem) with the same money module
// the services use, so their totals are what the app would have computed.

export type FactoryLine = {
  description: string
  quantity: string
  unitPrice: number
  taxRateBp?: number
  discountBp?: number
  sku?: string
  unit?: string
  optional?: boolean
}

function price(lines: FactoryLine[]) {
  return priceLines(
    lines.map((l, i) => ({
      position: i + 1,
      productId: null,
      sku: l.sku ?? '',
      description: l.description,
      quantity: l.quantity,
      unit: l.unit ?? 'each',
      unitPrice: l.unitPrice,
      discountBp: l.discountBp ?? 0,
      taxRateBp: l.taxRateBp ?? 0,
      optional: l.optional ?? false,
    })),
  )
}

export type QuoteFactoryInput = {
  partnershipId: string
  hostOrgId: string
  ownerId: string | null
  title: string
  currency?: string
  validUntil: string
  lines: FactoryLine[]
  /** Sent quotes get a number and are visible to the buyer. */
  sent?: { number: string; at?: Date }
  terms?: string
}

export async function createQuoteRecord(tx: Tx, input: QuoteFactoryInput) {
  const lines = price(input.lines)
  const totals = totalsOf(lines)
  const [quote] = await tx
    .insert(quotes)
    .values({
      partnershipId: input.partnershipId,
      hostOrgId: input.hostOrgId,
      ownerId: input.ownerId,
      title: input.title,
      number: input.sent?.number ?? null,
      status: input.sent ? 'sent' : 'draft',
      publishedRevision: input.sent ? 1 : null,
      sentAt: input.sent ? (input.sent.at ?? new Date()) : null,
    })
    .returning()
  const target = { quoteId: quote.id, partnershipId: input.partnershipId, revision: 1 }
  await tx.insert(quoteRevisions).values({
    ...target,
    currency: input.currency ?? 'USD',
    validUntil: input.validUntil,
    terms: input.terms ?? '',
    subtotal: totals.subtotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
    createdById: input.ownerId,
    sentAt: quote.sentAt,
  })
  await tx.insert(quoteLines).values(lines.map((l) => ({ ...target, ...l, selected: !l.optional })))
  return quote
}

export type InvoiceFactoryInput = {
  partnershipId: string
  hostOrgId: string
  ownerId: string | null
  currency?: string
  lines: FactoryLine[]
  issued?: { number: string; issueDate: string; dueDate: string }
  payment?: { amount: number; paidOn: string; reference?: string }
}

export async function createInvoiceRecord(tx: Tx, input: InvoiceFactoryInput) {
  const lines = price(input.lines)
  const totals = totalsOf(lines)
  const paid = input.payment?.amount ?? 0
  const status = !input.issued
    ? 'draft'
    : paid >= totals.total
      ? 'paid'
      : paid > 0
        ? 'partially_paid'
        : 'issued'
  const [invoice] = await tx
    .insert(invoices)
    .values({
      partnershipId: input.partnershipId,
      hostOrgId: input.hostOrgId,
      ownerId: input.ownerId,
      currency: input.currency ?? 'USD',
      number: input.issued?.number ?? null,
      status,
      issueDate: input.issued?.issueDate ?? null,
      dueDate: input.issued?.dueDate ?? null,
      issuedAt: input.issued ? new Date() : null,
      subtotal: totals.subtotal,
      taxTotal: totals.taxTotal,
      total: totals.total,
      amountPaid: paid,
    })
    .returning()
  await tx.insert(invoiceLines).values(
    lines.map(({ optional: _o, ...l }) => ({
      ...l,
      invoiceId: invoice.id,
      partnershipId: input.partnershipId,
    })),
  )
  if (input.payment) {
    await tx.insert(payments).values({
      invoiceId: invoice.id,
      partnershipId: input.partnershipId,
      amount: input.payment.amount,
      currency: invoice.currency,
      paidOn: input.payment.paidOn,
      reference: input.payment.reference ?? '',
      idempotencyKey: `seed-${invoice.id}`,
      recordedById: input.ownerId,
    })
  }
  return invoice
}
