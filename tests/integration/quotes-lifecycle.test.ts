import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createQuote } from '#app/features/quotes/create-quote.server.ts'
import { getQuote } from '#app/features/quotes/get-quote.server.ts'
import { listQuotes } from '#app/features/quotes/list-quotes.server.ts'
import { acceptQuote, declineQuote, markQuoteViewed } from '#app/features/quotes/respond-to-quote.server.ts'
import { reviseQuote } from '#app/features/quotes/revise-quote.server.ts'
import { saveQuoteDraft } from '#app/features/quotes/save-quote-draft.server.ts'
import type { QuoteDraftInput } from '#app/features/quotes/schemas.ts'
import { sendQuote } from '#app/features/quotes/send-quote.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { closeDatabase } from '#db/client.ts'
import { emailOutbox, quoteLines, quotes } from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { failure } from '#tests/support/failure.ts'
import { ensureMigrated } from './db.ts'
import { asCaller, type Caller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

await ensureMigrated()
let world: World
let seller: Caller
let buyer: Caller
const origin = 'http://portal.test'
const today = todayIn('UTC')

const draft = (over: Partial<QuoteDraftInput> = {}): QuoteDraftInput => ({
  title: 'Spring range',
  currency: 'USD',
  validUntil: addDays(today, 30),
  terms: 'Net 30',
  notes: '',
  lines: [
    {
      sku: 'A-1',
      description: 'Dishwasher',
      quantity: '3',
      unit: 'each',
      unitPrice: '499.99',
      discount: '10',
      taxRate: '20',
      optional: false,
    },
    {
      sku: 'B-2',
      description: 'Extended warranty',
      quantity: '3',
      unit: 'each',
      unitPrice: '49.50',
      discount: '0',
      taxRate: '20',
      optional: true,
    },
  ],
  ...over,
})

beforeAll(async () => {
  world = await createWorld()
  seller = {
    orgId: world.a.org.id,
    userId: world.a.members.manager.id,
    orgKind: 'manufacturer',
    role: 'manager',
  }
  buyer = { orgId: world.c.org.id, userId: world.c.portal.id, orgKind: 'customer', role: 'portal' }
})
afterAll(closeDatabase)

const newQuote = (input = draft()) =>
  asCaller(seller, (ctx) => createQuote(ctx, { ...input, partnershipId: world.partnerships.ac.id }))
const version = async (id: string) =>
  (await asSystem((tx) => tx.select({ v: quotes.version }).from(quotes).where(eq(quotes.id, id))))[0].v
const send = async (id: string) =>
  // The version is read before the caller's transaction: PGlite has one connection, so no nested transactions.
  version(id).then((v) =>
    asCaller(seller, (ctx) => sendQuote(ctx, id, { version: v, origin, timeZone: 'UTC' })),
  )
describe('quote lifecycle', () => {
  test('a draft is totalled exactly, numbered only when sent, and emailed to the customer', async () => {
    const quote = await newQuote()
    const detail = await asCaller(seller, (ctx) => getQuote(ctx, quote.id))
    // 3 × 499.99 = 1499.97, less 10% (150.00) = 1349.97, tax 20% = 269.99 → 1619.96; the optional line waits.
    expect(detail.revision).toMatchObject({ subtotal: 134997, taxTotal: 26999, total: 161996 })
    expect(detail.quote.number).toBeNull()
    expect(await failure(() => asCaller(buyer, (ctx) => getQuote(ctx, quote.id)))).toBe(
      'quotes:errors.notFound',
    )

    const { number } = await send(quote.id)
    expect(number).toMatch(new RegExp(`^Q-${today.slice(0, 4)}-\\d{4}$`))
    const mail = await asSystem((tx) =>
      tx.select().from(emailOutbox).where(sql`${emailOutbox.toAddress} = ${world.c.portal.email}`),
    )
    expect(mail.some((m) => m.text.includes(`/quotes/${quote.id}`) && m.subject.includes(number))).toBe(true)
  })

  test('the customer views, ticks an optional line and accepts; the quote is then locked', async () => {
    const quote = await newQuote()
    await send(quote.id)
    await asCaller(buyer, (ctx) => markQuoteViewed(ctx, quote.id))
    const seen = await asCaller(buyer, (ctx) => getQuote(ctx, quote.id))
    expect(seen.quote.status).toBe('viewed')
    const optional = seen.lines.find((l) => l.optional)
    const totals = await asCaller(buyer, (ctx) =>
      acceptQuote(ctx, quote.id, {
        revision: 1,
        version: seen.quote.version,
        signerName: 'Carla Customer',
        signatureKind: 'typed',
        signature: 'Carla Customer',
        selectedLines: [optional?.id as string],
        ip: '203.0.113.7',
        userAgent: 'test-agent',
        timeZone: 'UTC',
      }),
    )
    // + 3 × 49.50 = 148.50, tax 29.70 → 178.20
    expect(totals.total).toBe(161996 + 17820)
    const [row] = await asSystem((tx) => tx.select().from(quotes).where(eq(quotes.id, quote.id)))
    expect(row).toMatchObject({ status: 'accepted', signerName: 'Carla Customer', acceptedIp: '203.0.113.7' })

    // Every way of changing it is refused: the services say so, and the database refuses direct writes too.
    expect(
      await failure(() =>
        asCaller(seller, (ctx) => saveQuoteDraft(ctx, quote.id, { ...draft(), version: row.version })),
      ),
    ).toBe('quotes:errors.locked')
    expect(await failure(() => asCaller(seller, (ctx) => reviseQuote(ctx, quote.id, row.version)))).toBe(
      'quotes:errors.locked',
    )
    expect(
      await failure(() =>
        withTenant({ orgId: seller.orgId, userId: seller.userId }, (tx) =>
          tx.update(quoteLines).set({ unitPrice: 1 }).where(eq(quoteLines.quoteId, quote.id)),
        ),
      ),
    ).toMatch(/quote is accepted and locked/)
    const direct = await failure(() =>
      asSystem((tx) => tx.update(quotes).set({ title: 'changed' }).where(eq(quotes.id, quote.id))),
    )
    expect(direct).toMatch(/quote is accepted and locked/)
  })

  test('revising keeps history; the customer sees the sent revision until the new one is sent', async () => {
    const quote = await newQuote()
    await send(quote.id)
    const v1 = await version(quote.id)
    await asCaller(seller, (ctx) => reviseQuote(ctx, quote.id, v1))
    const v2 = await version(quote.id)
    await asCaller(seller, (ctx) =>
      saveQuoteDraft(ctx, quote.id, { ...draft({ title: 'Spring range v2' }), version: v2 }),
    )
    const before = await asCaller(buyer, (ctx) => getQuote(ctx, quote.id))
    expect(before.revision.revision).toBe(1)
    const { number } = await send(quote.id)
    const after = await asCaller(buyer, (ctx) => getQuote(ctx, quote.id))
    expect(after.revision.revision).toBe(2)
    expect(after.history.map((h) => h.revision)).toEqual([1, 2])
    expect(after.quote.number).toBe(number)
    // Accepting the revision seen before the resend is a conflict, not a silent acceptance of something else.
    expect(
      await failure(() =>
        asCaller(buyer, (ctx) =>
          acceptQuote(ctx, quote.id, {
            revision: 1,
            version: after.quote.version,
            signerName: 'Carla',
            signatureKind: 'typed',
            signature: 'Carla',
            selectedLines: [],
            ip: null,
            userAgent: null,
            timeZone: 'UTC',
          }),
        ),
      ),
    ).toBe('quotes:errors.stale')
  })

  test('an expired quote cannot be accepted; a declined one records the reason', async () => {
    const quote = await newQuote()
    await send(quote.id)
    await asSystem((tx) =>
      tx.execute(
        sql`update quote_revisions set valid_until = ${addDays(today, -1)} where quote_id = ${quote.id}`,
      ),
    )
    const seen = await asCaller(buyer, (ctx) => getQuote(ctx, quote.id))
    expect(
      await failure(() =>
        asCaller(buyer, (ctx) =>
          declineQuote(ctx, quote.id, { version: seen.quote.version, reason: 'Too late', timeZone: 'UTC' }),
        ),
      ),
    ).toBe('quotes:errors.expired')
    const expired = await asCaller(buyer, (ctx) => listQuotes(ctx, { status: 'expired', page: 1, today }))
    expect(expired.rows.map((r) => r.id)).toContain(quote.id)

    const other = await newQuote()
    await send(other.id)
    const otherVersion = await version(other.id)
    await asCaller(buyer, (ctx) =>
      declineQuote(ctx, other.id, {
        version: otherVersion,
        reason: 'Budget cut',
        timeZone: 'UTC',
      }),
    )
    const [row] = await asSystem((tx) => tx.select().from(quotes).where(eq(quotes.id, other.id)))
    expect(row).toMatchObject({ status: 'declined', declineReason: 'Budget cut' })
  })

  test('20 concurrent sends get 20 distinct consecutive numbers', async () => {
    const created = []
    for (let i = 0; i < 20; i++) created.push(await newQuote(draft({ title: `Concurrent ${i}` })))
    const numbers = await Promise.all(created.map((q) => send(q.id).then((r) => r.number)))
    const values = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b)
    expect(new Set(numbers).size).toBe(20)
    expect(values[19] - values[0]).toBe(19)
  })

  test('member_own sees only its own quotes; the buyer lists only sent ones', async () => {
    const own: Caller = { ...seller, userId: world.a.members.member_own.id, role: 'member_own' }
    const mine = await asCaller(own, (ctx) =>
      createQuote(ctx, { ...draft({ title: 'Mine only' }), partnershipId: world.partnerships.ac.id }),
    )
    const list = await asCaller(own, (ctx) => listQuotes(ctx, { page: 1, today }))
    expect(list.rows.map((r) => r.id)).toEqual([mine.id])
    const buyerList = await asCaller(buyer, (ctx) => listQuotes(ctx, { page: 1, today }))
    expect(buyerList.rows.map((r) => r.id)).not.toContain(mine.id)
    expect(buyerList.rows.every((r) => r.number !== null)).toBe(true)
  })
})
