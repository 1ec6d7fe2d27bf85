import { and, count, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createInvoice } from '#app/features/invoices/create-invoice.server.ts'
import { invoiceFromQuote } from '#app/features/invoices/create-invoice-from-quote.server.ts'
import { getInvoice } from '#app/features/invoices/get-invoice.server.ts'
import { issueInvoice } from '#app/features/invoices/issue-invoice.server.ts'
import { listInvoices } from '#app/features/invoices/list-invoices.server.ts'
import { recordPayment } from '#app/features/invoices/record-payment.server.ts'
import { saveInvoiceDraft } from '#app/features/invoices/save-invoice-draft.server.ts'
import type { InvoiceDraftInput } from '#app/features/invoices/schemas.ts'
import { voidInvoice } from '#app/features/invoices/void-invoice.server.ts'
import { createQuote } from '#app/features/quotes/create-quote.server.ts'
import { getQuote } from '#app/features/quotes/get-quote.server.ts'
import { acceptQuote } from '#app/features/quotes/respond-to-quote.server.ts'
import type { QuoteDraftInput } from '#app/features/quotes/schemas.ts'
import { sendQuote } from '#app/features/quotes/send-quote.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { closeDatabase } from '#db/client.ts'
import { auditEvents, emailOutbox, invoiceLines, invoices, payments, quotes } from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { failure } from '#tests/support/failure.ts'
import { ensureMigrated } from './db.ts'
import { asCaller, type Caller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// The invoice lifecycle as one specification: conversion, creation, issue, payments, void and who sees what share
// the fixtures below, so they stay in one file.

await ensureMigrated()
let world: World
let seller: Caller
let buyer: Caller
let own: Caller
const origin = 'http://portal.test'
const timeZone = 'UTC'
const today = todayIn(timeZone)

beforeAll(async () => {
  world = await createWorld()
  seller = {
    orgId: world.a.org.id,
    userId: world.a.members.manager.id,
    orgKind: 'manufacturer',
    role: 'manager',
  }
  own = { ...seller, userId: world.a.members.member_own.id, role: 'member_own' }
  buyer = { orgId: world.c.org.id, userId: world.c.portal.id, orgKind: 'customer', role: 'portal' }
})
afterAll(closeDatabase)

const line = (description: string, unitPrice: string, optional = false) => ({
  sku: '',
  description,
  quantity: '3',
  unit: 'each',
  unitPrice,
  discount: '10',
  taxRate: '20',
  optional,
})

const quoteVersion = async (id: string) =>
  (await asSystem((tx) => tx.select({ v: quotes.version }).from(quotes).where(eq(quotes.id, id))))[0].v
const row = async (id: string) =>
  (await asSystem((tx) => tx.select().from(invoices).where(eq(invoices.id, id))))[0]

/** A quote with a required line and two optional ones, sent and accepted with only the first optional ticked. */
async function acceptedQuote(title: string) {
  const draft: QuoteDraftInput = {
    title,
    currency: 'EUR',
    validUntil: addDays(today, 30),
    terms: 'Net 30, delivery included',
    notes: '',
    lines: [line('Dishwasher', '499.99'), line('Warranty', '49.50', true), line('Installation', '80', true)],
  }
  const quote = await asCaller(seller, (ctx) =>
    createQuote(ctx, { ...draft, partnershipId: world.partnerships.ac.id }),
  )
  // Versions are read before the caller's transaction: PGlite has one connection, so no nested transactions.
  const version = await quoteVersion(quote.id)
  await asCaller(seller, (ctx) => sendQuote(ctx, quote.id, { version, origin, timeZone }))
  const seen = await asCaller(buyer, (ctx) => getQuote(ctx, quote.id))
  const warranty = seen.lines.find((l) => l.description === 'Warranty')
  await asCaller(buyer, (ctx) =>
    acceptQuote(ctx, quote.id, {
      revision: 1,
      version: seen.quote.version,
      signerName: 'Carla Customer',
      signatureKind: 'typed',
      signature: 'Carla Customer',
      selectedLines: [warranty?.id as string],
      ip: null,
      userAgent: null,
      timeZone,
    }),
  )
  const [accepted] = await asSystem((tx) => tx.select().from(quotes).where(eq(quotes.id, quote.id)))
  return accepted
}

const invoiceDraft = (over: Partial<InvoiceDraftInput> = {}): InvoiceDraftInput => ({
  currency: 'USD',
  paymentTermsDays: 30,
  terms: 'Pay by bank transfer',
  notes: 'Call before delivery',
  // 2 × 100.00 = 200.00 + 20% tax = 240.00
  lines: [{ ...line('Consulting', '100.00'), quantity: '2', discount: '0' }],
  ...over,
})

const newInvoice = (
  caller = seller,
  key: string = crypto.randomUUID(),
  over: Partial<InvoiceDraftInput> = {},
) =>
  asCaller(caller, (ctx) =>
    createInvoice(ctx, {
      ...invoiceDraft(over),
      partnershipId: world.partnerships.ac.id,
      idempotencyKey: key,
    }),
  )

const issue = async (id: string, dueDate?: string) => {
  const { version } = await row(id)
  return asCaller(seller, (ctx) => issueInvoice(ctx, id, { version, dueDate, origin, timeZone }))
}

const pay = (id: string, amount: string, key: string = crypto.randomUUID(), paidOn = today) =>
  asCaller(seller, (ctx) =>
    recordPayment(ctx, id, {
      idempotencyKey: key,
      amount,
      paidOn,
      method: 'bank_transfer',
      reference: 'Wire 42',
      timeZone,
    }),
  )

async function issuedInvoice() {
  const { invoice } = await newInvoice()
  await issue(invoice.id)
  return row(invoice.id)
}

describe('invoices from accepted quotes', () => {
  test('converting twice makes one invoice with the ticked optional lines and the accepted total', async () => {
    const quote = await acceptedQuote('Kitchen fit-out')
    const first = await asCaller(seller, (ctx) => invoiceFromQuote(ctx, quote.id))
    const again = await asCaller(seller, (ctx) => invoiceFromQuote(ctx, quote.id))
    expect(first.created).toBe(true)
    expect(again.created).toBe(false)
    expect(again.invoice.id).toBe(first.invoice.id)

    const detail = await asCaller(seller, (ctx) => getInvoice(ctx, first.invoice.id))
    expect(detail.lines.map((l) => [l.position, l.description])).toEqual([
      [1, 'Dishwasher'],
      [2, 'Warranty'],
    ])
    // 3 × 499.99 less 10% = 1349.97 + 20% = 1619.96; 3 × 49.50 less 10% = 133.65 + 20% = 160.38.
    expect(detail.invoice.total).toBe(161996 + 16038)
    expect(detail.invoice.total).toBe(quote.acceptedTotal)
    expect(detail.invoice).toMatchObject({
      status: 'draft',
      currency: 'EUR',
      quoteId: quote.id,
      ownerId: quote.ownerId,
      terms: 'Net 30, delivery included',
      paymentTermsDays: 30,
      number: null,
    })
    expect(detail.quote?.number).toBe(quote.number)
    const [{ n }] = await asSystem((tx) =>
      tx
        .select({ n: count() })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'invoice.created_from_quote'),
            eq(auditEvents.targetId, first.invoice.id),
          ),
        ),
    )
    expect(n).toBe(1)
  })

  test('five conversions at once make exactly one invoice', async () => {
    const quote = await acceptedQuote('Concurrent conversion')
    const results = await Promise.all(
      Array.from({ length: 5 }, () => asCaller(seller, (ctx) => invoiceFromQuote(ctx, quote.id))),
    )
    expect(new Set(results.map((r) => r.invoice.id)).size).toBe(1)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    const rows = await asSystem((tx) => tx.select().from(invoices).where(eq(invoices.quoteId, quote.id)))
    expect(rows).toHaveLength(1)
    expect(rows[0].total).toBe(quote.acceptedTotal)
    const lines = await asSystem((tx) =>
      tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, rows[0].id)),
    )
    expect(lines.map((l) => l.description).sort()).toEqual(['Dishwasher', 'Warranty'])
  })

  test('a quote that is not accepted is refused; the customer cannot convert', async () => {
    const quote = await asCaller(seller, (ctx) =>
      createQuote(ctx, {
        title: 'Not yet',
        currency: 'USD',
        validUntil: addDays(today, 10),
        terms: '',
        notes: '',
        lines: [line('Fridge', '900')],
        partnershipId: world.partnerships.ac.id,
      }),
    )
    expect(await failure(() => asCaller(seller, (ctx) => invoiceFromQuote(ctx, quote.id)))).toBe(
      'invoices:errors.quoteNotAccepted',
    )
    const accepted = await acceptedQuote('Buyer tries')
    expect(await failure(() => asCaller(buyer, (ctx) => invoiceFromQuote(ctx, accepted.id)))).toBe(
      'quotes:errors.notFound',
    )
  })
})

describe('direct invoices', () => {
  test('a retried create with the same idempotency key makes one invoice', async () => {
    const key = crypto.randomUUID()
    const first = await newInvoice(seller, key)
    const retry = await newInvoice(seller, key)
    expect(first.created).toBe(true)
    expect(retry).toMatchObject({ created: false, invoice: { id: first.invoice.id } })
    const burstKey = crypto.randomUUID()
    const burst = await Promise.all([1, 2, 3].map(() => newInvoice(seller, burstKey)))
    expect(new Set(burst.map((r) => r.invoice.id)).size).toBe(1)
    const [{ n }] = await asSystem((tx) =>
      tx
        .select({ n: count() })
        .from(invoices)
        .where(sql`${invoices.idempotencyKey} in (${key}, ${burstKey})`),
    )
    expect(n).toBe(2)
    expect(first.invoice).toMatchObject({ subtotal: 20000, taxTotal: 4000, total: 24000, status: 'draft' })
  })

  test('a draft saves with a version check; a partner it does not host is refused', async () => {
    const { invoice } = await newInvoice()
    await asCaller(seller, (ctx) =>
      saveInvoiceDraft(ctx, invoice.id, {
        ...invoiceDraft({ paymentTermsDays: 14 }),
        version: invoice.version,
      }),
    )
    expect(
      await failure(() =>
        asCaller(seller, (ctx) =>
          saveInvoiceDraft(ctx, invoice.id, { ...invoiceDraft(), version: invoice.version }),
        ),
      ),
    ).toBe('invoices:errors.stale')
    expect((await row(invoice.id)).paymentTermsDays).toBe(14)
    expect(
      await failure(() =>
        asCaller(seller, (ctx) =>
          createInvoice(ctx, {
            ...invoiceDraft(),
            partnershipId: world.foreign.partnership.id,
            idempotencyKey: crypto.randomUUID(),
          }),
        ),
      ),
    ).toBe('invoices:errors.partnerRequired')
  })
})

describe('issuing', () => {
  test('issuing numbers invoices consecutively, dates them and emails the customer', async () => {
    const a = (await newInvoice()).invoice
    const b = (await newInvoice()).invoice
    const first = await issue(a.id)
    const second = await issue(b.id, addDays(today, 10))
    const year = today.slice(0, 4)
    expect(first.number).toMatch(new RegExp(`^INV-${year}-\\d{4}$`))
    expect(Number(second.number.split('-')[2])).toBe(Number(first.number.split('-')[2]) + 1)
    expect(await row(a.id)).toMatchObject({
      status: 'issued',
      issueDate: today,
      dueDate: addDays(today, 30),
      number: first.number,
    })
    expect(await row(b.id)).toMatchObject({ dueDate: addDays(today, 10), paymentTermsDays: 10 })
    expect((await row(a.id)).issuedAt).not.toBeNull()
    const mail = await asSystem((tx) =>
      tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, world.c.portal.email)),
    )
    expect(mail.some((m) => m.subject.includes(first.number) && m.text.includes(`/invoices/${a.id}`))).toBe(
      true,
    )
    expect(await failure(() => issue(a.id))).toBe('invoices:errors.notDraft')
  })

  test('a due date before the issue date is refused and gives no number away', async () => {
    const { invoice } = await newInvoice()
    expect(await failure(() => issue(invoice.id, addDays(today, -1)))).toBe('invoices:errors.dueBeforeIssue')
    expect(await row(invoice.id)).toMatchObject({ status: 'draft', number: null })
  })

  test('five issues at once get five consecutive numbers', async () => {
    const drafts = []
    for (let i = 0; i < 5; i++) drafts.push((await newInvoice()).invoice)
    const numbers = (await Promise.all(drafts.map((d) => issue(d.id)))).map((r) => r.number)
    const values = numbers.map((n) => Number(n.split('-')[2])).sort((x, y) => x - y)
    expect(new Set(numbers).size).toBe(5)
    expect(values[4] - values[0]).toBe(4)
  })
})

describe('payments', () => {
  test('partial then full payment: partially_paid, then paid; nothing more is taken', async () => {
    const invoice = await issuedInvoice()
    const partial = await pay(invoice.id, '100.50')
    expect(partial).toMatchObject({ status: 'partially_paid', amountPaid: 10050, created: true })
    const rest = await pay(invoice.id, '139.50')
    expect(rest).toMatchObject({ status: 'paid', amountPaid: 24000 })
    expect(await row(invoice.id)).toMatchObject({ status: 'paid', amountPaid: 24000 })
    expect(await failure(() => pay(invoice.id, '1'))).toBe('invoices:errors.alreadyPaid')
    const detail = await asCaller(buyer, (ctx) => getInvoice(ctx, invoice.id))
    expect(detail.payments.map((p) => p.amount)).toEqual([10050, 13950])
    expect(detail.balanceDue).toBe(0)
  })

  test('amounts that are not positive, too precise, above the balance or dated in the future are refused', async () => {
    const invoice = await issuedInvoice()
    expect(await failure(() => pay(invoice.id, '0'))).toBe('invoices:errors.amountNotPositive')
    expect(await failure(() => pay(invoice.id, '-5'))).toBe('invoices:errors.amountNotPositive')
    expect(await failure(() => pay(invoice.id, '1.005'))).toBe('invoices:errors.amountInvalid')
    expect(await failure(() => pay(invoice.id, 'ten'))).toBe('invoices:errors.amountInvalid')
    expect(await failure(() => pay(invoice.id, '240.01'))).toBe('invoices:errors.amountAboveBalance')
    expect(await failure(() => pay(invoice.id, '10', undefined, addDays(today, 1)))).toBe(
      'invoices:errors.paidInFuture',
    )
    const { invoice: draft } = await newInvoice()
    expect(await failure(() => pay(draft.id, '10'))).toBe('invoices:errors.paymentOnDraft')
    expect((await row(invoice.id)).amountPaid).toBe(0)
  })

  test('two payments at once that together exceed the balance: one is recorded, the other refused', async () => {
    const invoice = await issuedInvoice()
    const results = await Promise.allSettled([pay(invoice.id, '150'), pay(invoice.id, '150')])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason.message).toBe('invoices:errors.amountAboveBalance')
    expect(await row(invoice.id)).toMatchObject({ amountPaid: 15000, status: 'partially_paid' })
    const recorded = await asSystem((tx) =>
      tx.select().from(payments).where(eq(payments.invoiceId, invoice.id)),
    )
    expect(recorded).toHaveLength(1)
  })

  test('a retried payment with the same key counts once, even when the retries race', async () => {
    const invoice = await issuedInvoice()
    const key = crypto.randomUUID()
    const first = await pay(invoice.id, '40', key)
    const retry = await pay(invoice.id, '40', key)
    expect(first.created).toBe(true)
    expect(retry).toMatchObject({ created: false, amountPaid: 4000 })
    expect(retry.payment.id).toBe(first.payment.id)
    const raceKey = crypto.randomUUID()
    const race = await Promise.all([1, 2, 3].map(() => pay(invoice.id, '10', raceKey)))
    expect(race.filter((r) => r.created)).toHaveLength(1)
    expect((await row(invoice.id)).amountPaid).toBe(5000)
    const recorded = await asSystem((tx) =>
      tx.select().from(payments).where(eq(payments.invoiceId, invoice.id)),
    )
    expect(recorded).toHaveLength(2)
  })

  test('a part payment on an invoice past its due date keeps it overdue', async () => {
    const invoice = await issuedInvoice()
    await asSystem((tx) =>
      tx
        .update(invoices)
        .set({ dueDate: addDays(today, -3), status: 'overdue' })
        .where(eq(invoices.id, invoice.id)),
    )
    expect(await pay(invoice.id, '10', undefined, addDays(today, -1))).toMatchObject({ status: 'overdue' })
  })
})

describe('voiding', () => {
  test('void is refused once a payment is recorded, and allowed without one', async () => {
    const paid = await issuedInvoice()
    await pay(paid.id, '20')
    const { version } = await row(paid.id)
    expect(
      await failure(() =>
        asCaller(seller, (ctx) => voidInvoice(ctx, paid.id, { version, reason: 'Wrong customer' })),
      ),
    ).toBe('invoices:errors.voidWithPayments')

    const invoice = await issuedInvoice()
    expect(
      await failure(() =>
        asCaller(seller, (ctx) =>
          voidInvoice(ctx, invoice.id, { version: invoice.version - 1, reason: 'Dup' }),
        ),
      ),
    ).toBe('invoices:errors.stale')
    await asCaller(seller, (ctx) =>
      voidInvoice(ctx, invoice.id, { version: invoice.version, reason: 'Issued twice by mistake' }),
    )
    const voided = await row(invoice.id)
    expect(voided).toMatchObject({
      status: 'void',
      voidReason: 'Issued twice by mistake',
      number: invoice.number,
    })
    expect(voided.voidedAt).not.toBeNull()
    expect(await failure(() => pay(invoice.id, '1'))).toBe('invoices:errors.paymentOnVoid')
    expect(
      await failure(() =>
        asCaller(seller, (ctx) => voidInvoice(ctx, invoice.id, { version: voided.version, reason: 'Again' })),
      ),
    ).toBe('invoices:errors.alreadyVoid')

    const { invoice: draft } = await newInvoice()
    await asCaller(seller, (ctx) =>
      voidInvoice(ctx, draft.id, { version: draft.version, reason: 'Not needed' }),
    )
    expect((await row(draft.id)).status).toBe('void')
  })
})

describe('who sees and changes what', () => {
  test('the customer never sees a draft and cannot record a payment, even writing directly', async () => {
    const { invoice: draft } = await newInvoice()
    expect(await failure(() => asCaller(buyer, (ctx) => getInvoice(ctx, draft.id)))).toBe(
      'invoices:errors.notFound',
    )
    const before = await asCaller(buyer, (ctx) => listInvoices(ctx, { page: 1, today }))
    expect(before.rows.map((r) => r.id)).not.toContain(draft.id)
    expect(before.rows.every((r) => r.number !== null)).toBe(true)
    // A draft voided before issue was never sent: still invisible to the customer.
    const { invoice: voidedDraft } = await newInvoice()
    await asCaller(seller, (ctx) =>
      voidInvoice(ctx, voidedDraft.id, { version: voidedDraft.version, reason: 'Not needed' }),
    )
    expect(await failure(() => asCaller(buyer, (ctx) => getInvoice(ctx, voidedDraft.id)))).toBe(
      'invoices:errors.notFound',
    )

    await issue(draft.id)
    const seen = await asCaller(buyer, (ctx) => getInvoice(ctx, draft.id))
    expect(seen.side).toBe('buyer')
    // Internal notes stay with the seller.
    expect(seen.invoice.notes).toBe('')
    const after = await asCaller(buyer, (ctx) => listInvoices(ctx, { page: 1, today }))
    expect(after.rows.map((r) => r.id)).toContain(draft.id)

    const buyerPays = await failure(() =>
      asCaller(buyer, (ctx) =>
        recordPayment(ctx, draft.id, {
          idempotencyKey: crypto.randomUUID(),
          amount: '240',
          paidOn: today,
          method: 'card',
          reference: '',
          timeZone,
        }),
      ),
    )
    expect(buyerPays).toMatch(/invoices:errors\.(notFound|sellerOnly)/)
    const direct = await failure(() =>
      withTenant({ orgId: buyer.orgId, userId: buyer.userId }, (tx) =>
        tx.insert(payments).values({
          invoiceId: draft.id,
          partnershipId: world.partnerships.ac.id,
          amount: 24000,
          currency: 'USD',
          paidOn: today,
          idempotencyKey: crypto.randomUUID(),
        }),
      ),
    )
    expect(direct).toMatch(/row-level security/)
    const changed = await withTenant({ orgId: buyer.orgId, userId: buyer.userId }, (tx) =>
      tx
        .update(invoices)
        .set({ amountPaid: 24000, status: 'paid' })
        .where(eq(invoices.id, draft.id))
        .returning(),
    )
    expect(changed).toHaveLength(0)
    expect(await row(draft.id)).toMatchObject({ amountPaid: 0, status: 'issued' })
  })

  test('member_own sees and changes only the invoices it owns', async () => {
    const mine = (await newInvoice(own)).invoice
    const theirs = (await newInvoice(seller)).invoice
    const list = await asCaller(own, (ctx) => listInvoices(ctx, { page: 1, today }))
    expect(list.rows.map((r) => r.id)).toEqual([mine.id])
    expect(await failure(() => asCaller(own, (ctx) => getInvoice(ctx, theirs.id)))).toBe(
      'invoices:errors.notFound',
    )
    expect(
      await failure(() =>
        asCaller(own, (ctx) =>
          saveInvoiceDraft(ctx, theirs.id, { ...invoiceDraft(), version: theirs.version }),
        ),
      ),
    ).toBe('invoices:errors.notFound')
    const managerList = await asCaller(seller, (ctx) => listInvoices(ctx, { page: 1, today }))
    expect(managerList.rows.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]))
  })

  test('the list filters by status (an open invoice past due counts as overdue) and searches by number', async () => {
    const late = await issuedInvoice()
    await asSystem((tx) =>
      tx
        .update(invoices)
        .set({ dueDate: addDays(today, -1) })
        .where(eq(invoices.id, late.id)),
    )
    const overdue = await asCaller(seller, (ctx) => listInvoices(ctx, { status: 'overdue', page: 1, today }))
    expect(overdue.rows.map((r) => r.id)).toContain(late.id)
    const issued = await asCaller(seller, (ctx) => listInvoices(ctx, { status: 'issued', page: 1, today }))
    expect(issued.rows.map((r) => r.id)).not.toContain(late.id)
    const found = await asCaller(seller, (ctx) => listInvoices(ctx, { q: late.number ?? '', page: 1, today }))
    expect(found.rows.map((r) => r.id)).toEqual([late.id])
    const byPartner = await asCaller(seller, (ctx) =>
      listInvoices(ctx, { q: world.c.org.name, page: 1, today }),
    )
    expect(byPartner.rows.map((r) => r.id)).toContain(late.id)
  })
})
