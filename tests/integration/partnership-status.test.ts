import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decideClaim } from '#app/features/claims/decide-claim.server.ts'
import { fileClaim } from '#app/features/claims/file-claim.server.ts'
import { addClaimProofs } from '#app/features/claims/record-proofs.server.ts'
import type { StoredProof } from '#app/features/claims/store-proof.server.ts'
import { createInvoice } from '#app/features/invoices/create-invoice.server.ts'
import { issueInvoice } from '#app/features/invoices/issue-invoice.server.ts'
import { recordPayment } from '#app/features/invoices/record-payment.server.ts'
import { saveInvoiceDraft } from '#app/features/invoices/save-invoice-draft.server.ts'
import type { InvoiceDraftInput } from '#app/features/invoices/schemas.ts'
import { voidInvoice } from '#app/features/invoices/void-invoice.server.ts'
import { addPromotionProduct } from '#app/features/promotions/add-promotion-product.server.ts'
import { importActuals } from '#app/features/promotions/import-actuals.server.ts'
import { createPromotion, updatePromotion } from '#app/features/promotions/save-promotion.server.ts'
import { saveVolumes } from '#app/features/promotions/save-volumes.server.ts'
import {
  advancePromotion,
  approvePromotion,
  cancelPromotion,
  submitPromotion,
} from '#app/features/promotions/transitions.server.ts'
import { promotionWeeks } from '#app/features/promotions/weeks.ts'
import { createQuote } from '#app/features/quotes/create-quote.server.ts'
import { acceptQuote } from '#app/features/quotes/respond-to-quote.server.ts'
import { saveQuoteDraft } from '#app/features/quotes/save-quote-draft.server.ts'
import type { QuoteDraftInput } from '#app/features/quotes/schemas.ts'
import { sendQuote } from '#app/features/quotes/send-quote.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import type { AppError } from '#app/lib/errors.ts'
import { closeDatabase } from '#db/client.ts'
import {
  claimProofs,
  claims,
  type Invoice,
  invoices,
  partnerships,
  payments,
  promotionProducts,
  promotions,
  promotionVolumes,
  type Quote,
  quotes,
} from '#db/schema/index.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'
import { fundPartnership } from './funded-partnership.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, type Caller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// A partnership's status bounds what its sides may do (docs/architecture.md, “Who checks what”, decision 0024): once the host suspends or
// ends it, no promotion, funding request, claim, volume, quote or invoice is written by either side; on a
// suspended one, issued invoices are still paid. Every record below is made while the partnership is active.

await ensureMigrated()
let world: World
let manager: Caller
let retailer: Caller
let buyer: Caller
let allocationId: string
const origin = 'http://portal.test'
const timeZone = 'UTC'
const today = todayIn(timeZone)

type Fixtures = {
  draft: { id: string; version: number; productId: string }
  live: { id: string; productId: string; weekStart: string; sku: string }
  funded: { id: string }
  claimId: string
  quoteDraft: Quote
  quoteSent: Quote
  invoiceDraft: Invoice
  /** Issued invoices: one paid on the suspended partnership, one refused on the ended one. */
  payable: Invoice[]
}
let fx: Fixtures

const proof = (): StoredProof => ({
  storageKey: `claims/test/${crypto.randomUUID()}`,
  fileName: 'display.jpg',
  contentType: 'image/jpeg',
  size: 1234,
})

const line = (description: string, unitPrice: string) => ({
  sku: '',
  description,
  quantity: '2',
  unit: 'each',
  unitPrice,
  discount: '0',
  taxRate: '0',
  optional: false,
})

const quoteDraft = (title: string): QuoteDraftInput => ({
  title,
  currency: 'USD',
  validUntil: addDays(today, 30),
  terms: 'Net 30',
  notes: '',
  lines: [line('Dishwasher', '499.99')],
})

const invoiceDraft: InvoiceDraftInput = {
  currency: 'USD',
  paymentTermsDays: 30,
  terms: 'Pay by bank transfer',
  notes: '',
  lines: [line('Consulting', '100.00')],
}

const newInvoice = () =>
  asCaller(manager, (ctx) =>
    createInvoice(ctx, {
      ...invoiceDraft,
      partnershipId: world.partnerships.ac.id,
      idempotencyKey: crypto.randomUUID(),
    }),
  )

const invoiceRow = async (id: string) =>
  (await asSystem((tx) => tx.select().from(invoices).where(eq(invoices.id, id))))[0]
const quoteRow = async (id: string) =>
  (await asSystem((tx) => tx.select().from(quotes).where(eq(quotes.id, id))))[0]

async function issuedInvoice() {
  const { invoice } = await newInvoice()
  await asCaller(manager, (ctx) =>
    issueInvoice(ctx, invoice.id, { version: invoice.version, origin, timeZone }),
  )
  return invoiceRow(invoice.id)
}

const pay = (id: string, amount: string) =>
  asCaller(manager, (ctx) =>
    recordPayment(ctx, id, {
      idempotencyKey: crypto.randomUUID(),
      amount,
      paidOn: today,
      method: 'bank_transfer',
      reference: 'Wire 7',
      timeZone,
    }),
  )

const rlsViolation = /row-level security/

/** The error chain's messages (drizzle wraps the driver's error), or 'no error'. */
const failure = async (run: () => Promise<unknown>) => {
  try {
    await run()
  } catch (error) {
    const parts: string[] = []
    for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      parts.push(String(e.message))
    }
    return parts.join(' | ')
  }
  return 'no error'
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => e as AppError,
  )

async function setStatus(status: PartnershipStatus) {
  const ids = [world.partnerships.ar.id, world.partnerships.ac.id]
  await asSystem((tx) => tx.update(partnerships).set({ status }).where(inArray(partnerships.id, ids)))
}

/** A promotion the retailer drafted with one product, optionally funded and moved on to live. */
async function promotionWithProduct(name: string, funded: boolean) {
  const draft = await asCaller(retailer, (ctx) =>
    createPromotion(ctx, world.partnerships.ar.id, promotionPlan(name)),
  )
  const sku = `SKU-${crypto.randomUUID().slice(0, 8)}`
  const product = await asCaller(retailer, (ctx) =>
    addPromotionProduct(ctx, draft.id, { sku, name: 'Kettle', unitPrice: '20.00' }),
  )
  if (funded) {
    await asCaller(retailer, (ctx) => submitPromotion(ctx, draft.id, { allocationId, amount: 1_000_00 }))
    await asCaller(manager, (ctx) => approvePromotion(ctx, draft.id, { amount: 1_000_00 }))
    await asCaller(manager, (ctx) => advancePromotion(ctx, draft.id))
  }
  const [row] = await asSystem((tx) => tx.select().from(promotions).where(eq(promotions.id, draft.id)))
  return { promotion: row, productId: product.id, sku }
}

beforeAll(async () => {
  world = await createWorld()
  manager = hostCaller(world, 'manager')
  retailer = retailerCaller(world)
  buyer = { orgId: world.c.org.id, userId: world.c.portal.id, orgKind: 'customer', role: 'portal' }
  const { allocation } = await fundPartnership(world, {
    name: `Status fund ${world.marker}`,
    endsOn: '2027-12-31',
    budget: '100000.00',
    amount: 50_000_00,
    reason: 'Status',
  })
  allocationId = allocation.id

  const draft = await promotionWithProduct('Suspended draft', false)
  const live = await promotionWithProduct('Suspended live', true)
  const funded = await promotionWithProduct('Suspended funded', true)
  const { claim } = await asCaller(retailer, (ctx) =>
    fileClaim(ctx, live.promotion.id, {
      amount: '100.00',
      description: 'Photos of the end-cap displays',
      idempotencyKey: crypto.randomUUID(),
      proofs: [proof()],
    }),
  )
  const quote = await asCaller(manager, (ctx) =>
    createQuote(ctx, { ...quoteDraft('Status draft'), partnershipId: world.partnerships.ac.id }),
  )
  const toSend = await asCaller(manager, (ctx) =>
    createQuote(ctx, { ...quoteDraft('Status sent'), partnershipId: world.partnerships.ac.id }),
  )
  await asCaller(manager, (ctx) => sendQuote(ctx, toSend.id, { version: toSend.version, origin, timeZone }))
  const { invoice } = await newInvoice()
  fx = {
    draft: { id: draft.promotion.id, version: draft.promotion.version, productId: draft.productId },
    live: {
      id: live.promotion.id,
      productId: live.productId,
      weekStart: promotionWeeks(live.promotion.startsOn, live.promotion.endsOn)[0],
      sku: live.sku,
    },
    funded: { id: funded.promotion.id },
    claimId: claim.id,
    quoteDraft: quote,
    quoteSent: await quoteRow(toSend.id),
    invoiceDraft: invoice,
    payable: [await issuedInvoice(), await issuedInvoice()],
  }
})
afterAll(closeDatabase)

const counts = () =>
  asSystem(async (tx) => {
    const where = inArray(promotions.partnershipId, [world.partnerships.ar.id])
    return {
      promotions: (await tx.select({ id: promotions.id }).from(promotions).where(where)).length,
      products: (
        await tx
          .select({ id: promotionProducts.id })
          .from(promotionProducts)
          .where(eq(promotionProducts.partnershipId, world.partnerships.ar.id))
      ).length,
      volumes: (
        await tx
          .select({ id: promotionVolumes.promotionProductId })
          .from(promotionVolumes)
          .where(eq(promotionVolumes.partnershipId, world.partnerships.ar.id))
      ).length,
      claims: (
        await tx
          .select({ id: claims.id })
          .from(claims)
          .where(eq(claims.partnershipId, world.partnerships.ar.id))
      ).length,
      proofs: (
        await tx
          .select({ id: claimProofs.id })
          .from(claimProofs)
          .where(eq(claimProofs.partnershipId, world.partnerships.ar.id))
      ).length,
    }
  })

describe.each(['suspended', 'ended'] as const)('on a %s partnership', (status) => {
  let before: Awaited<ReturnType<typeof counts>>
  beforeAll(async () => {
    await setStatus(status)
    before = await counts()
  })

  const refused = async (p: Promise<unknown>) => {
    const error = await refusal(p)
    expect(error).toMatchObject({ code: 'conflict', message: `partners:statusRefusal.${status}` })
  }

  test('the retailer cannot edit a draft promotion plan', async () => {
    await refused(
      asCaller(retailer, (ctx) =>
        updatePromotion(
          ctx,
          fx.draft.id,
          { ...promotionPlan('Changed'), plannedSpend: '9000.00' },
          fx.draft.version,
        ),
      ),
    )
    const [row] = await asSystem((tx) => tx.select().from(promotions).where(eq(promotions.id, fx.draft.id)))
    expect(row.name).toBe('Suspended draft')
  })

  test('the retailer cannot submit a funding request', async () => {
    await refused(
      asCaller(retailer, (ctx) => submitPromotion(ctx, fx.draft.id, { allocationId, amount: 500_00 })),
    )
    const [row] = await asSystem((tx) => tx.select().from(promotions).where(eq(promotions.id, fx.draft.id)))
    expect(row.status).toBe('draft')
  })

  test('neither side can start a promotion', async () => {
    await refused(
      asCaller(retailer, (ctx) => createPromotion(ctx, world.partnerships.ar.id, promotionPlan('New one'))),
    )
    await refused(
      asCaller(manager, (ctx) => createPromotion(ctx, world.partnerships.ar.id, promotionPlan('New one'))),
    )
  })

  test('the retailer cannot add a product to a draft promotion', async () => {
    await refused(
      asCaller(retailer, (ctx) => addPromotionProduct(ctx, fx.draft.id, { sku: 'NEW-1', name: 'Toaster' })),
    )
  })

  test('the retailer cannot write a baseline on a draft promotion', async () => {
    const weekStart = (
      await asSystem((tx) => tx.select().from(promotions).where(eq(promotions.id, fx.draft.id)))
    ).map((p) => promotionWeeks(p.startsOn, p.endsOn)[0])[0]
    await refused(
      asCaller(retailer, (ctx) =>
        saveVolumes(ctx, fx.draft.id, {
          line: 'baseline',
          cells: [{ promotionProductId: fx.draft.productId, weekStart, value: 40, baseVersion: 0 }],
        }),
      ),
    )
  })

  test('the retailer cannot record actual volumes', async () => {
    await refused(
      asCaller(retailer, (ctx) =>
        saveVolumes(ctx, fx.live.id, {
          line: 'actual',
          cells: [
            {
              promotionProductId: fx.live.productId,
              weekStart: fx.live.weekStart,
              value: 75,
              baseVersion: 0,
            },
          ],
        }),
      ),
    )
  })

  test('the retailer cannot import actual volumes from CSV', async () => {
    const csv = `sku,week_start,actual_units\n${fx.live.sku},${fx.live.weekStart},80\n`
    await refused(
      asCaller(retailer, (ctx) => importActuals(ctx, fx.live.id, { bytes: new TextEncoder().encode(csv) })),
    )
    const written = await asSystem((tx) =>
      tx.select().from(promotionVolumes).where(eq(promotionVolumes.promotionId, fx.live.id)),
    )
    expect(written.filter((v) => v.actualUnits !== null)).toEqual([])
  })

  test('the retailer cannot file a claim', async () => {
    await refused(
      asCaller(retailer, (ctx) =>
        fileClaim(ctx, fx.live.id, {
          amount: '50.00',
          description: 'More displays',
          idempotencyKey: crypto.randomUUID(),
          proofs: [proof()],
        }),
      ),
    )
  })

  test('the retailer cannot add proof to a claim', async () => {
    await refused(asCaller(retailer, (ctx) => addClaimProofs(ctx, fx.claimId, [proof()])))
  })

  test('the manufacturer cannot decide a claim or cancel a funded promotion', async () => {
    await refused(asCaller(manager, (ctx) => decideClaim(ctx, fx.claimId, { decision: 'approve' })))
    await refused(asCaller(manager, (ctx) => cancelPromotion(ctx, fx.funded.id, 'Partner suspended')))
  })

  test('nothing was written by the refused promotion, volume and claim calls', async () => {
    expect(await counts()).toEqual(before)
  })

  test('the seller cannot create, change or send a quote', async () => {
    await refused(
      asCaller(manager, (ctx) =>
        createQuote(ctx, { ...quoteDraft('Refused'), partnershipId: world.partnerships.ac.id }),
      ),
    )
    await refused(
      asCaller(manager, (ctx) =>
        saveQuoteDraft(ctx, fx.quoteDraft.id, { ...quoteDraft('Changed'), version: fx.quoteDraft.version }),
      ),
    )
    await refused(
      asCaller(manager, (ctx) =>
        sendQuote(ctx, fx.quoteDraft.id, { version: fx.quoteDraft.version, origin, timeZone }),
      ),
    )
    expect((await quoteRow(fx.quoteDraft.id)).status).toBe('draft')
  })

  test('the customer cannot accept a sent quote', async () => {
    await refused(
      asCaller(buyer, (ctx) =>
        acceptQuote(ctx, fx.quoteSent.id, {
          revision: 1,
          version: fx.quoteSent.version,
          signerName: 'Carla Customer',
          signatureKind: 'typed',
          signature: 'Carla Customer',
          selectedLines: [],
          ip: null,
          userAgent: null,
          timeZone,
        }),
      ),
    )
    expect((await quoteRow(fx.quoteSent.id)).status).toBe('sent')
  })

  test('the seller cannot create, change, issue or void an invoice', async () => {
    await refused(newInvoice())
    await refused(
      asCaller(manager, (ctx) =>
        saveInvoiceDraft(ctx, fx.invoiceDraft.id, { ...invoiceDraft, version: fx.invoiceDraft.version }),
      ),
    )
    await refused(
      asCaller(manager, (ctx) =>
        issueInvoice(ctx, fx.invoiceDraft.id, { version: fx.invoiceDraft.version, origin, timeZone }),
      ),
    )
    await refused(
      asCaller(manager, (ctx) =>
        voidInvoice(ctx, fx.payable[1].id, { version: fx.payable[1].version, reason: 'Partner gone' }),
      ),
    )
    expect((await invoiceRow(fx.invoiceDraft.id)).status).toBe('draft')
  })

  test('the database refuses the same writes from the app role, whatever the services do', async () => {
    const asRetailer = <T>(fn: Parameters<typeof withTenant<T>>[1]) =>
      withTenant({ orgId: retailer.orgId, userId: retailer.userId }, fn)
    expect(
      await failure(() =>
        asRetailer((tx) =>
          tx.update(promotions).set({ name: 'Forced' }).where(eq(promotions.id, fx.draft.id)),
        ),
      ),
    ).toMatch(rlsViolation)
    expect(
      await failure(() =>
        asRetailer((tx) =>
          tx.insert(promotionVolumes).values({
            promotionProductId: fx.live.productId,
            promotionId: fx.live.id,
            partnershipId: world.partnerships.ar.id,
            weekStart: fx.live.weekStart,
            actualUnits: 99,
            updatedById: retailer.userId,
          }),
        ),
      ),
    ).toMatch(rlsViolation)
    const asSeller = <T>(fn: Parameters<typeof withTenant<T>>[1]) =>
      withTenant({ orgId: manager.orgId, userId: manager.userId }, fn)
    expect(
      await failure(() =>
        asSeller((tx) =>
          tx.insert(quotes).values({
            partnershipId: world.partnerships.ac.id,
            hostOrgId: world.a.org.id,
            ownerId: manager.userId,
            title: 'Forced',
          }),
        ),
      ),
    ).toMatch(rlsViolation)
    // The transaction is rolled back either way: only whether the database takes the row is asked here.
    const rolledBack = new Error('rolled back')
    const outcome = await failure(() =>
      asSeller(async (tx) => {
        await tx.insert(payments).values({
          invoiceId: fx.payable[1].id,
          partnershipId: world.partnerships.ac.id,
          amount: 1,
          currency: 'USD',
          paidOn: today,
          method: 'bank_transfer',
          reference: 'Forced',
          idempotencyKey: crypto.randomUUID(),
          recordedById: manager.userId,
        })
        throw rolledBack
      }),
    )
    if (status === 'suspended') expect(outcome).toBe('rolled back')
    else expect(outcome).toMatch(rlsViolation)
  })

  if (status === 'suspended') {
    test('an issued invoice is still paid: its payment is recorded', async () => {
      const invoice = fx.payable[0]
      const result = await pay(invoice.id, '200.00')
      expect(result).toMatchObject({ created: true, status: 'paid', amountPaid: 200_00 })
      const recorded = await asSystem((tx) =>
        tx.select().from(payments).where(eq(payments.invoiceId, invoice.id)),
      )
      expect(recorded).toHaveLength(1)
    })
  } else {
    test('an issued invoice is an archive: no payment is recorded', async () => {
      await refused(pay(fx.payable[1].id, '50.00'))
      expect((await invoiceRow(fx.payable[1].id)).amountPaid).toBe(0)
    })
  }
})
