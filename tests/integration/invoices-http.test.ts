import { and, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createInvoice } from '#app/features/invoices/create-invoice.server.ts'
import { createQuote } from '#app/features/quotes/create-quote.server.ts'
import { getQuote } from '#app/features/quotes/get-quote.server.ts'
import { acceptQuote } from '#app/features/quotes/respond-to-quote.server.ts'
import { sendQuote } from '#app/features/quotes/send-quote.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { invoices, quotes } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { foreignRecordFor } from './records.ts'
import { asCaller, type Caller } from './service-context.ts'
import { createWorld, type Identity, type World } from './world.ts'

// The invoice pages and forms over HTTP against the built server: the routes stay thin, so these check the
// wiring (statuses, redirects, what each side is offered); the rules themselves are in invoices.test.ts.

let h: Harness
let world: World
let seller: Caller
let buyer: Caller
const cookies = {} as Record<Identity, string>
const today = todayIn('UTC')
const line = { sku: '', description: 'Boiler', quantity: '1', unit: 'each', discount: '0', taxRate: '0' }

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['owner', 'manager', 'viewer', 'customer-portal'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  seller = {
    orgId: world.a.org.id,
    userId: world.a.members.manager.id,
    orgKind: 'manufacturer',
    role: 'manager',
  }
  buyer = { orgId: world.c.org.id, userId: world.c.portal.id, orgKind: 'customer', role: 'portal' }
})

afterAll(async () => {
  await h?.close()
})

/** The world's issued, part-paid invoice of A to customer C. */
async function issuedInvoiceId() {
  const [row] = await asSystem((tx) =>
    tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.partnershipId, world.partnerships.ac.id), isNotNull(invoices.number))),
  )
  return row.id
}

async function sentQuote(title: string) {
  const quote = await asCaller(seller, (ctx) =>
    createQuote(ctx, {
      title,
      currency: 'USD',
      validUntil: addDays(today, 30),
      terms: '',
      notes: '',
      lines: [{ ...line, unitPrice: '1200', optional: false }],
      partnershipId: world.partnerships.ac.id,
    }),
  )
  await asCaller(seller, (ctx) =>
    sendQuote(ctx, quote.id, { version: quote.version, origin: h.origin, timeZone: 'UTC' }),
  )
  return quote.id
}

async function acceptedQuote(title: string) {
  const id = await sentQuote(title)
  const seen = await asCaller(buyer, (ctx) => getQuote(ctx, id))
  await asCaller(buyer, (ctx) =>
    acceptQuote(ctx, id, {
      revision: 1,
      version: seen.quote.version,
      signerName: 'Carla',
      signatureKind: 'typed',
      signature: 'Carla',
      selectedLines: [],
      ip: null,
      userAgent: null,
      timeZone: 'UTC',
    }),
  )
  return id
}

describe('quote to invoice over HTTP', () => {
  test('the quote page form makes one invoice, however often it is posted', async () => {
    const quoteId = await acceptedQuote('HTTP conversion')
    const first = await h.request(`/quotes/${quoteId}/invoice`, { cookie: cookies.manager, form: {} })
    const second = await h.request(`/quotes/${quoteId}/invoice`, { cookie: cookies.manager, form: {} })
    expect(first.status).toBe(303)
    expect(locationOf(first)).toMatch(/^\/invoices\/[0-9a-f-]{36}$/)
    expect(locationOf(second)).toBe(locationOf(first))
    const rows = await asSystem((tx) => tx.select().from(invoices).where(eq(invoices.quoteId, quoteId)))
    expect(rows).toHaveLength(1)
    const [quote] = await asSystem((tx) => tx.select().from(quotes).where(eq(quotes.id, quoteId)))
    expect(rows[0].total).toBe(quote.acceptedTotal)
  })

  test('refusals: not accepted 409, another org 404, a viewer 403; GET goes back to the quote', async () => {
    const sent = await sentQuote('Sent only')
    expect((await h.request(`/quotes/${sent}/invoice`, { cookie: cookies.manager, form: {} })).status).toBe(
      409,
    )
    const foreign = await foreignRecordFor(world, 'quoteId')
    expect((await h.request(`/quotes/${foreign}/invoice`, { cookie: cookies.owner, form: {} })).status).toBe(
      404,
    )
    expect((await h.request(`/quotes/${sent}/invoice`, { cookie: cookies.viewer, form: {} })).status).toBe(
      403,
    )
    const back = await h.request(`/quotes/${sent}/invoice`, { cookie: cookies.manager })
    expect(locationOf(back)).toBe(`/quotes/${sent}`)
    expect((await h.request(`/quotes/${foreign}/invoice`, { cookie: cookies.manager })).status).toBe(404)
  })
})

describe('invoice pages over HTTP', () => {
  test('the new-invoice form carries a key; posting it twice makes one invoice', async () => {
    const page = await h.request('/invoices/new', { cookie: cookies.manager })
    const html = await page.text()
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(html)?.[1]
    expect(key).toBeDefined()
    const form = {
      partnershipId: world.partnerships.ac.id,
      idempotencyKey: key as string,
      currency: 'USD',
      paymentTermsDays: '15',
      terms: '',
      notes: '',
      'lines[0].description': 'Boiler service',
      'lines[0].quantity': '2',
      'lines[0].unitPrice': '75.25',
      'lines[0].discount': '0',
      'lines[0].taxRate': '10',
    }
    const first = await h.request('/invoices/new', { cookie: cookies.manager, form })
    const again = await h.request('/invoices/new', { cookie: cookies.manager, form })
    expect(first.status).toBe(302)
    expect(locationOf(again)).toBe(locationOf(first))
    const rows = await asSystem((tx) =>
      tx
        .select()
        .from(invoices)
        .where(eq(invoices.idempotencyKey, key as string)),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ total: 16555, paymentTermsDays: 15, status: 'draft' })
  })

  test('the seller is offered payment and PDF; the customer reads only; odd posts are refused', async () => {
    const id = await issuedInvoiceId()
    const sellerPage = await (await h.request(`/invoices/${id}`, { cookie: cookies.owner })).text()
    expect(sellerPage).toContain('name="intent" value="payment"')
    expect(sellerPage).toContain(`href="/invoices/${id}/pdf"`)
    const customer = await h.request(`/invoices/${id}`, { cookie: cookies['customer-portal'] })
    expect(customer.status).toBe(200)
    const customerPage = await customer.text()
    expect(customerPage).toContain(`href="/invoices/${id}/pdf"`)
    expect(customerPage).not.toContain('name="intent"')

    const payment = {
      intent: 'payment',
      idempotencyKey: crypto.randomUUID(),
      amount: '1',
      paidOn: today,
      method: 'cash',
      reference: '',
    }
    expect(
      (await h.request(`/invoices/${id}`, { cookie: cookies.owner, form: { intent: 'bogus' } })).status,
    ).toBe(400)
    expect(
      (await h.request(`/invoices/${id}`, { cookie: cookies['customer-portal'], form: payment })).status,
    ).toBe(403)
    const foreign = await foreignRecordFor(world, 'invoiceId')
    expect((await h.request(`/invoices/${foreign}`, { cookie: cookies.owner, form: payment })).status).toBe(
      404,
    )
    expect((await h.request(`/invoices/${foreign}`, { cookie: cookies.owner })).status).toBe(404)
    expect((await h.request('/invoices/not-a-uuid', { cookie: cookies.owner })).status).toBe(404)
  })

  test('the list offers a bulk-download form with a box per invoice; the customer never lists drafts', async () => {
    const { invoice: draft } = await asCaller(seller, (ctx) =>
      createInvoice(ctx, {
        currency: 'USD',
        paymentTermsDays: 30,
        terms: '',
        notes: '',
        lines: [{ ...line, unitPrice: '10', optional: false }],
        partnershipId: world.partnerships.ac.id,
        idempotencyKey: crypto.randomUUID(),
      }),
    )
    const staff = await (await h.request('/invoices', { cookie: cookies.manager })).text()
    expect(staff).toMatch(/<form[^>]*method="post"[^>]*action="\/invoices\/bulk"[^>]*id="bulk-download"/)
    expect(staff).toMatch(new RegExp(`<input[^>]*name="invoiceIds"[^>]*value="${draft.id}"`))
    expect(staff).toContain('Select all on this page')
    const customer = await (await h.request('/invoices', { cookie: cookies['customer-portal'] })).text()
    expect(customer).not.toContain(draft.id)
    expect(customer).toContain(`value="${await issuedInvoiceId()}"`)
  })
})
