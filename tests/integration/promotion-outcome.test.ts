import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getProgramView } from '#app/features/promotions/get-program-view.server.ts'
import type { Tx } from '#db/client.ts'
import { type fundAllocations, promotions } from '#db/schema/index.ts'
import { createAllocationRecord, createFundRecord, createLedgerEntryRecord } from '#db/seed/fund-factory.ts'
import { createClaimRecord, createPromotionProductRecord } from '#db/seed/promotion-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { asCaller } from './service-context.ts'
import { createWorld, type Identity, type World } from './world.ts'

// The Outcome tab and the program view over HTTP against the built server. The fixture promotion is the one worked
// out by hand in app/features/promotions/outcome.test.ts: lift 22.34 %, incremental revenue 2,842.02, total spend
// 1,700.00 (fund 1,200.00 from two claims + partner 500.00), spend vs plan 56.67 %, ROI 67.18 %.

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
const ids = { fixture: '', weaker: '', unmeasured: '', fund: '' }
const tag = crypto.randomUUID().slice(0, 8)
const names = {
  fixture: `Spring end-caps ${tag}`,
  weaker: `Blender flyer ${tag}`,
  unmeasured: `Autumn display ${tag}`,
}

type Allocation = typeof fundAllocations.$inferSelect

async function insertPromotion(
  tx: Tx,
  allocation: Allocation,
  values: { name: string; plannedSpend: number; partnerContribution: number; approvedAmount: number },
) {
  const [promotion] = await tx
    .insert(promotions)
    .values({
      partnershipId: world.partnerships.ar.id,
      hostOrgId: world.a.org.id,
      createdByOrgId: world.r.org.id,
      name: values.name,
      mechanics: 'display',
      startsOn: '2027-03-01',
      endsOn: '2027-03-21',
      currency: 'USD',
      plannedSpend: values.plannedSpend,
      partnerContribution: values.partnerContribution,
      expectedLiftBp: 2500,
      status: 'completed',
      allocationId: allocation.id,
      requestedAmount: values.approvedAmount,
      approvedAmount: values.approvedAmount,
    })
    .returning()
  await createLedgerEntryRecord(tx, {
    allocation,
    kind: 'commit',
    amount: values.approvedAmount,
    source: { type: 'promotion', id: promotion.id },
  })
  return promotion
}

/** A claim approved and spent from the fund, as the claims service records it (source: the claim). */
async function spentClaim(
  tx: Tx,
  allocation: Allocation,
  promotion: typeof promotions.$inferSelect,
  amount: number,
) {
  const { claim } = await createClaimRecord(tx, {
    promotion,
    createdByOrgId: world.r.org.id,
    amount,
    description: 'Display photos',
    status: 'approved',
    approvedAmount: amount,
  })
  await createLedgerEntryRecord(tx, {
    allocation,
    kind: 'spend',
    amount,
    source: { type: 'claim', id: claim.id },
  })
}

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['manager', 'member_own', 'partner-retailer', 'customer-portal'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  await asSystem(async (tx) => {
    const fund = await createFundRecord(tx, {
      orgId: world.a.org.id,
      name: `Outcome co-op ${tag}`,
      budget: 1_000_000,
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
    })
    ids.fund = fund.id
    const allocation = await createAllocationRecord(tx, {
      fund,
      partnershipId: world.partnerships.ar.id,
      entries: [{ kind: 'allocate', amount: 500_000 }],
    })

    // The hand-worked fixture: two products, three weeks, actuals for the first two.
    const fixture = await insertPromotion(tx, allocation, {
      name: names.fixture,
      plannedSpend: 300_000,
      partnerContribution: 50_000,
      approvedAmount: 150_000,
    })
    ids.fixture = fixture.id
    await createPromotionProductRecord(tx, {
      promotion: fixture,
      sku: 'K-100',
      name: 'Kettle',
      unitPrice: 4999,
      position: 0,
      weeks: [
        { weekStart: '2027-03-01', baseline: 100, actual: 130 },
        { weekStart: '2027-03-08', baseline: 100, actual: 118 },
        { weekStart: '2027-03-15', baseline: 100 },
        // Kept from earlier dates, outside the weeks the promotion touches now: not a figure of this plan.
        { weekStart: '2027-04-05', baseline: 100, actual: 1000 },
      ],
    })
    await createPromotionProductRecord(tx, {
      promotion: fixture,
      sku: 'T-200',
      name: 'Toaster',
      unitPrice: 2950,
      position: 1,
      weeks: [
        { weekStart: '2027-03-01', baseline: 40, actual: 50 },
        { weekStart: '2027-03-08', baseline: 42, actual: 47 },
        { weekStart: '2027-03-15', baseline: 40 },
      ],
    })
    await spentClaim(tx, allocation, fixture, 90_000)
    await spentClaim(tx, allocation, fixture, 30_000)

    // A weaker one: +10 blenders × 20.00 = 200.00 incremental revenue for 300.00 fund + 100.00 partner spend:
    // ROI = (200 − 400) / 400 = −50 %.
    const weaker = await insertPromotion(tx, allocation, {
      name: names.weaker,
      plannedSpend: 40_000,
      partnerContribution: 10_000,
      approvedAmount: 50_000,
    })
    ids.weaker = weaker.id
    await createPromotionProductRecord(tx, {
      promotion: weaker,
      sku: 'B-300',
      name: 'Blender',
      unitPrice: 2000,
      weeks: [{ weekStart: '2027-03-01', baseline: 50, actual: 60 }],
    })
    await spentClaim(tx, allocation, weaker, 30_000)

    // No actuals yet: no ROI, ranked last.
    const unmeasured = await insertPromotion(tx, allocation, {
      name: names.unmeasured,
      plannedSpend: 10_000,
      partnerContribution: 0,
      approvedAmount: 10_000,
    })
    ids.unmeasured = unmeasured.id
    await createPromotionProductRecord(tx, {
      promotion: unmeasured,
      sku: 'K-100',
      name: 'Kettle',
      unitPrice: 4999,
      weeks: [{ weekStart: '2027-03-01', baseline: 10 }],
    })
  })
})

afterAll(async () => {
  await h?.close()
})

const page = async (url: string, who: Identity) => {
  const res = await h.request(url, { cookie: cookies[who] })
  return { status: res.status, body: await res.text() }
}

describe('the Outcome tab', () => {
  test.for(['manager', 'partner-retailer'] as const)(
    '%s sees the hand-computed figures of the fixture promotion',
    async (who) => {
      const { status, body } = await page(`/promotions/${ids.fixture}/outcome`, who)
      expect(status).toBe(200)
      expect(body).toContain('345 of 353 units') // actual vs planned in the weeks with actuals
      expect(body).toContain('22.34%') // lift 63 / 282
      expect(body).toContain('$2,842.02') // incremental revenue
      expect(body).toContain('$1,700.00') // total spend = 1,200.00 fund + 500.00 partner
      expect(body).toContain('56.67%') // spend vs plan
      expect(body).toContain('67.18%') // ROI
      // Per product and per week, in the accessible tables.
      expect(body).toContain('$2,399.52') // kettle: 48 × 49.99
      expect(body).toContain('$442.50') // toaster: 15 × 29.50
      expect(body).toContain('$1,794.70') // week of 2027-03-01
      expect(body).toContain('Total spend = what the fund spent on this promotion')
    },
  )

  test('a promotion without actuals shows — with the reason', async () => {
    const { status, body } = await page(`/promotions/${ids.unmeasured}/outcome`, 'manager')
    expect(status).toBe(200)
    expect(body).toContain('no actuals entered yet')
    expect(body).toContain('Lift over baseline')
    expect(body).not.toContain('NaN')
  })

  test('another partner of the manufacturer gets 404, and a member_own who did not start it too', async () => {
    expect((await page(`/promotions/${ids.fixture}/outcome`, 'customer-portal')).status).toBe(404)
    expect((await page(`/promotions/${ids.fixture}/outcome`, 'member_own')).status).toBe(404)
  })
})

describe('the program view', () => {
  const order = (body: string) =>
    [names.fixture, names.weaker, names.unmeasured].map((n) => body.indexOf(n)).filter((i) => i >= 0)

  test('ranks the promotions by ROI, unmeasured last, for the manufacturer and the partner alike', async () => {
    for (const who of ['manager', 'partner-retailer'] as const) {
      const { status, body } = await page(`/promotions/program?fundId=${ids.fund}`, who)
      expect(status, who).toBe(200)
      const at = order(body)
      expect(at, who).toHaveLength(3)
      expect(
        [...at].sort((a, b) => a - b),
        who,
      ).toEqual(at)
      expect(body).toContain('67.18%')
      expect(body).toContain('-50%')
    }
  })

  test('ranks the allocation by its promotions’ ROI and shows its utilisation', async () => {
    const { body } = await page(`/promotions/program?fundId=${ids.fund}`, 'manager')
    // ROI over measured promotions: (2,842.02 + 200.00 − 1,700.00 − 400.00) / 2,100.00 = 942.02 / 2,100 = 44.86 %.
    expect(body).toContain('44.86%')
    // Utilisation: (1,500 + 500 + 100 committed, of which 1,500 spent) / 5,000 allocated = 2,100 / 5,000 = 42 %.
    expect(body).toContain('42%')
  })

  test('the service ranks the same way and computes the same figures', async () => {
    const manager = {
      orgId: world.a.org.id,
      userId: world.a.members.manager.id,
      orgKind: 'manufacturer' as const,
      role: 'manager' as const,
    }
    const view = await asCaller(manager, (ctx) => getProgramView(ctx, { fundId: ids.fund }))
    expect(view.promotions.rows.map((p) => p.id)).toEqual([ids.fixture, ids.weaker, ids.unmeasured])
    expect(view.promotions.rows[0]).toMatchObject({
      incrementalRevenue: 284_202,
      totalSpend: 170_000,
      roi: { bp: 6718, numerator: 57_101, denominator: 85_000 },
      lift: { bp: 2234 },
    })
    expect(view.promotions.rows[2].roi.reason).toBe('noActuals')
    expect(view.partners.rows).toHaveLength(1)
    expect(view.partners.rows[0]).toMatchObject({
      allocated: 500_000,
      spent: 150_000,
      committed: 60_000,
      utilisation: { bp: 4200 },
      roi: { bp: 4486 },
    })
    expect(view.funds.rows[0]).toMatchObject({ id: ids.fund, allocations: 1, utilisation: { bp: 4200 } })
    // A period after the promotions keeps the fund's allocation but no promotion.
    const later = await asCaller(manager, (ctx) =>
      getProgramView(ctx, { fundId: ids.fund, from: '2027-04-01', to: '2027-04-30' }),
    )
    expect(later.promotions.total).toBe(0)
    expect(later.partners.rows[0].roi.reason).toBe('noActuals')
  })

  test('another partner sees none of it', async () => {
    const { status, body } = await page('/promotions/program', 'customer-portal')
    expect(status).toBe(200)
    for (const name of Object.values(names)) expect(body).not.toContain(name)
    expect(body).not.toContain(`Outcome co-op ${tag}`)
    // Naming the fund in the URL changes nothing.
    const named = await page(`/promotions/program?fundId=${ids.fund}`, 'customer-portal')
    for (const name of Object.values(names)) expect(named.body).not.toContain(name)
  })
})
