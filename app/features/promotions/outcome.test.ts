import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  computeOutcome,
  moneyOutcome,
  type OutcomeInput,
  type OutcomeVolume,
  plannedUnits,
  rate,
  utilisation,
} from './outcome.ts'

/**
 * THE FIXTURE PROMOTION, worked out by hand (the issue asks for lift and ROI equal to figures computed by hand).
 *
 * "Spring end-caps", USD. Planned spend 3,000.00; partner's contribution 500.00; approved 1,500.00; expected lift
 * 25 % (2500 bp). Two claims were approved and spent from the fund: 900.00 + 300.00 = 1,200.00.
 *
 *   Product        unit price   week 2027-03-01      week 2027-03-08      week 2027-03-15
 *                               baseline  actual     baseline  actual     baseline  actual
 *   K-100 Kettle       49.99      100      130         100      118         100      (none yet)
 *   T-200 Toaster      29.50       40       50          42       47          40      (none yet)
 *
 * Planned units = baseline × 1.25, half away from zero, per cell:
 *   Kettle 125, 125, 125 (= 375);  Toaster 50, 52.5 → 53, 50 (= 153);  all weeks 528 (baseline 422).
 * Reported cells (with an actual) are the first two weeks:
 *   Kettle  baseline 200, planned 250, actual 248 → +48 units;  lift 48/200 = 24.00 % (2400 bp)
 *   Toaster baseline  82, planned 103, actual  97 → +15 units;  lift 15/82 = 18.29 % (1829.27… → 1829 bp)
 *   Total   baseline 282, planned 353, actual 345 → +63 units;  lift 63/282 = 21/94 = 22.34 % (2234.04… → 2234 bp)
 * Incremental revenue = Σ (actual − baseline) × unit price:
 *   Kettle  (30 + 18) × 49.99 = 48 × 4,999¢ = 239,952¢
 *   Toaster (10 +  5) × 29.50 = 15 × 2,950¢ =  44,250¢
 *   Total                                      284,202¢ = 2,842.02
 *   By week: 03-01: 30 × 4,999 + 10 × 2,950 = 179,470¢;  03-08: 18 × 4,999 + 5 × 2,950 = 104,732¢ (sum 284,202¢)
 * Total spend = fund spend 1,200.00 + partner's contribution 500.00 = 1,700.00 (170,000¢)
 * Spend vs plan = 1,700.00 / 3,000.00 = 17/30 = 56.67 % (5666.67 → 5667 bp)
 * ROI = (2,842.02 − 1,700.00) / 1,700.00 = 114,202 / 170,000 = 57,101/85,000 = 67.18 % (6717.76… → 6718 bp)
 */
const fixture: OutcomeInput = {
  promotion: {
    currency: 'USD',
    plannedSpend: 300_000,
    partnerContribution: 50_000,
    approvedAmount: 150_000,
    expectedLiftBp: 2500,
  },
  products: [
    { id: 'k', sku: 'K-100', name: 'Kettle', unitPrice: 4999 },
    { id: 't', sku: 'T-200', name: 'Toaster', unitPrice: 2950 },
  ],
  volumes: [
    { productId: 'k', weekStart: '2027-03-01', baselineUnits: 100, actualUnits: 130 },
    { productId: 'k', weekStart: '2027-03-08', baselineUnits: 100, actualUnits: 118 },
    { productId: 'k', weekStart: '2027-03-15', baselineUnits: 100, actualUnits: null },
    { productId: 't', weekStart: '2027-03-15', baselineUnits: 40, actualUnits: null },
    { productId: 't', weekStart: '2027-03-08', baselineUnits: 42, actualUnits: 47 },
    { productId: 't', weekStart: '2027-03-01', baselineUnits: 40, actualUnits: 50 },
  ],
  fundSpend: 90_000 + 30_000,
}

describe('computeOutcome: the hand-worked fixture promotion', () => {
  const outcome = computeOutcome(fixture)

  test('volumes: planned vs actual, baseline and incremental units, in total', () => {
    expect(outcome.totals).toMatchObject({
      baselineUnits: 422,
      plannedUnits: 528,
      reportedCells: 4,
      reportedBaselineUnits: 282,
      reportedPlannedUnits: 353,
      actualUnits: 345,
      incrementalUnits: 63,
      incrementalRevenue: 284_202,
    })
  })

  test('lift over baseline is 63/282 = 22.34 %', () => {
    expect(outcome.totals.lift).toEqual({ bp: 2234, numerator: 21, denominator: 94, reason: null })
  })

  test('per product: units, lift and incremental revenue', () => {
    const [kettle, toaster] = outcome.products
    expect(kettle).toMatchObject({
      sku: 'K-100',
      baselineUnits: 300,
      plannedUnits: 375,
      actualUnits: 248,
      incrementalUnits: 48,
      incrementalRevenue: 239_952,
      lift: { bp: 2400, numerator: 6, denominator: 25 },
    })
    expect(toaster).toMatchObject({
      sku: 'T-200',
      baselineUnits: 122,
      plannedUnits: 153,
      actualUnits: 97,
      incrementalUnits: 15,
      incrementalRevenue: 44_250,
      lift: { bp: 1829, numerator: 15, denominator: 82 },
    })
  })

  test('per week, in date order; the week without actuals has no lift', () => {
    expect(outcome.weeks.map((w) => [w.weekStart, w.baselineUnits, w.plannedUnits, w.actualUnits])).toEqual([
      ['2027-03-01', 140, 175, 180],
      ['2027-03-08', 142, 178, 165],
      ['2027-03-15', 140, 175, 0],
    ])
    expect(outcome.weeks.map((w) => w.incrementalRevenue)).toEqual([179_470, 104_732, 0])
    expect(outcome.weeks[0].lift.bp).toBe(2857) // 40/140 = 28.571…%
    expect(outcome.weeks[2].lift).toMatchObject({ bp: null, reason: 'noActuals' })
  })

  test('spend: fund spend + partner contribution = 1,700.00, 56.67 % of plan', () => {
    expect(outcome.spend).toEqual({
      fundSpend: 120_000,
      partnerContribution: 50_000,
      totalSpend: 170_000,
      plannedSpend: 300_000,
      approvedAmount: 150_000,
      spendVsPlan: { bp: 5667, numerator: 17, denominator: 30, reason: null },
    })
  })

  test('ROI = (2,842.02 − 1,700.00) / 1,700.00 = 67.18 %', () => {
    expect(outcome.roi).toEqual({ bp: 6718, numerator: 57_101, denominator: 85_000, reason: null })
  })
})

describe('computeOutcome: undefined figures say why', () => {
  const base = fixture.promotion
  const product = { id: 'p', sku: 'P', name: 'P', unitPrice: 1000 }

  test('no actuals yet: no lift, no ROI, zero increments', () => {
    const o = computeOutcome({
      promotion: base,
      products: [product],
      volumes: [{ productId: 'p', weekStart: '2027-03-01', baselineUnits: 10, actualUnits: null }],
      fundSpend: 0,
    })
    expect(o.totals.lift).toMatchObject({ bp: null, reason: 'noActuals' })
    expect(o.roi).toMatchObject({ bp: null, reason: 'noActuals' })
    expect(o.totals.incrementalRevenue).toBe(0)
    // Spend vs plan is still known: the partner's 500.00 of 3,000.00.
    expect(o.spend.spendVsPlan.bp).toBe(1667)
  })

  test('no products at all: empty tables, nothing measurable', () => {
    const o = computeOutcome({ promotion: base, products: [], volumes: [], fundSpend: 0 })
    expect(o.products).toEqual([])
    expect(o.weeks).toEqual([])
    expect(o.roi.reason).toBe('noActuals')
  })

  test('zero baseline: lift undefined, but revenue and ROI are', () => {
    const o = computeOutcome({
      promotion: { ...base, partnerContribution: 0 },
      products: [product],
      volumes: [{ productId: 'p', weekStart: '2027-03-01', baselineUnits: 0, actualUnits: 5 }],
      fundSpend: 2000,
    })
    expect(o.totals.lift).toMatchObject({ bp: null, reason: 'zeroBaseline' })
    expect(o.totals.incrementalRevenue).toBe(5000)
    expect(o.roi).toMatchObject({ bp: 15_000, numerator: 3, denominator: 2 }) // (5000 − 2000) / 2000
  })

  test('zero spend: no ROI; zero planned spend: no spend vs plan', () => {
    const o = computeOutcome({
      promotion: { ...base, plannedSpend: 0, partnerContribution: 0 },
      products: [product],
      volumes: [{ productId: 'p', weekStart: '2027-03-01', baselineUnits: 10, actualUnits: 12 }],
      fundSpend: 0,
    })
    expect(o.roi).toMatchObject({ bp: null, reason: 'zeroSpend' })
    expect(o.spend.spendVsPlan).toMatchObject({ bp: null, reason: 'noPlannedSpend' })
  })

  test('selling below the baseline: negative lift, negative revenue, ROI below −100 %', () => {
    const o = computeOutcome({
      promotion: { ...base, partnerContribution: 0 },
      products: [product],
      volumes: [{ productId: 'p', weekStart: '2027-03-01', baselineUnits: 10, actualUnits: 7 }],
      fundSpend: 1000,
    })
    expect(o.totals.lift).toMatchObject({ bp: -3000, numerator: -3, denominator: 10 })
    expect(o.totals.incrementalRevenue).toBe(-3000)
    expect(o.roi).toMatchObject({ bp: -40_000, numerator: -4, denominator: 1 }) // (−3000 − 1000) / 1000
  })

  test('a volume of a product the promotion does not have is a programming error', () => {
    expect(() =>
      computeOutcome({
        promotion: base,
        products: [],
        volumes: [{ productId: 'x', weekStart: '2027-03-01', baselineUnits: 1, actualUnits: 1 }],
        fundSpend: 0,
      }),
    ).toThrow(/unknown product/)
  })

  test('figures past a safe integer throw instead of losing cents', () => {
    expect(() =>
      computeOutcome({
        promotion: base,
        products: [{ ...product, unitPrice: Number.MAX_SAFE_INTEGER }],
        volumes: [{ productId: 'p', weekStart: '2027-03-01', baselineUnits: 0, actualUnits: 3 }],
        fundSpend: 0,
      }),
    ).toThrow(RangeError)
  })
})

describe('rounding and rates', () => {
  test('planned units round half away from zero', () => {
    expect(plannedUnits(2, 2500)).toBe(3) // 2.5
    expect(plannedUnits(3, 1000)).toBe(3) // 3.3
    expect(plannedUnits(7, 5000)).toBe(11) // 10.5
    expect(plannedUnits(40, 0)).toBe(40)
  })

  test('basis points round half away from zero on both sides; rationals are reduced', () => {
    expect(rate(1n, 20_000n)).toEqual({ bp: 1, numerator: 1, denominator: 20_000, reason: null }) // 0.5 bp
    expect(rate(-1n, 20_000n).bp).toBe(-1)
    expect(rate(2n, 3n)).toEqual({ bp: 6667, numerator: 2, denominator: 3, reason: null })
    expect(rate(0n, 5n)).toEqual({ bp: 0, numerator: 0, denominator: 1, reason: null })
    expect(() => rate(1n, 0n)).toThrow(RangeError)
  })

  test('utilisation is (spent + committed) / allocated', () => {
    expect(utilisation({ allocated: 500_000, committed: 150_000, spent: 100_000 }).bp).toBe(5000)
    expect(utilisation({ allocated: 0, committed: 0, spent: 0 }).reason).toBe('nothingAllocated')
  })

  test('moneyOutcome on summed totals matches the fixture', () => {
    expect(
      moneyOutcome({
        plannedSpend: 300_000,
        partnerContribution: 50_000,
        fundSpend: 120_000,
        incrementalRevenue: 284_202,
        hasActuals: true,
      }).roi.bp,
    ).toBe(6718)
  })
})

const volumesArb = (productIds: string[]) =>
  fc.array(
    fc.record({
      productId: fc.constantFrom(...productIds),
      weekStart: fc.constantFrom('2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22'),
      baselineUnits: fc.integer({ min: 0, max: 100_000 }),
      actualUnits: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    }),
    { maxLength: 40 },
  )

const productsArb = fc
  .array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 5 })
  .map((prices) => prices.map((unitPrice, i) => ({ id: `p${i}`, sku: `S${i}`, name: `P${i}`, unitPrice })))

describe('properties', () => {
  test('incremental units and revenue are additive over products and over weeks', () => {
    fc.assert(
      fc.property(
        productsArb.chain((products) =>
          fc.tuple(fc.constant(products), volumesArb(products.map((p) => p.id))),
        ),
        fc.integer({ min: 0, max: 50_000 }),
        ([products, volumes], liftBp) => {
          const o = computeOutcome({
            promotion: { ...fixture.promotion, expectedLiftBp: liftBp },
            products,
            volumes,
            fundSpend: 0,
          })
          const sum = (rows: { incrementalRevenue: number }[]) =>
            rows.reduce((a, r) => a + r.incrementalRevenue, 0)
          expect(sum(o.products)).toBe(o.totals.incrementalRevenue)
          expect(sum(o.weeks)).toBe(o.totals.incrementalRevenue)
          expect(o.products.reduce((a, r) => a + r.plannedUnits, 0)).toBe(o.totals.plannedUnits)
          expect(o.weeks.reduce((a, r) => a + r.incrementalUnits, 0)).toBe(o.totals.incrementalUnits)
          // And a promotion of each product alone earns that product's share.
          for (const product of products) {
            const alone = computeOutcome({
              promotion: fixture.promotion,
              products: [product],
              volumes: volumes.filter((v) => v.productId === product.id),
              fundSpend: 0,
            })
            const row = o.products.find((p) => p.id === product.id)
            expect(alone.totals.incrementalRevenue).toBe(row?.incrementalRevenue)
          }
        },
      ),
    )
  })

  test('selling exactly the baseline: lift 0, no incremental revenue, ROI −100 % of any spend', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 1e9 }),
        (baselines, fundSpend) => {
          const volumes: OutcomeVolume[] = baselines.map((b, i) => ({
            productId: 'p',
            weekStart: `2027-03-${String(i + 1).padStart(2, '0')}`,
            baselineUnits: b,
            actualUnits: b,
          }))
          const o = computeOutcome({
            promotion: { ...fixture.promotion, partnerContribution: 0 },
            products: [{ id: 'p', sku: 'P', name: 'P', unitPrice: 1234 }],
            volumes,
            fundSpend,
          })
          expect(o.totals.lift).toEqual({ bp: 0, numerator: 0, denominator: 1, reason: null })
          expect(o.totals.incrementalRevenue).toBe(0)
          expect(o.roi.bp).toBe(-10_000)
        },
      ),
    )
  })

  test('ROI is positive exactly when incremental revenue exceeds total spend', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        (incrementalRevenue, fundSpend, partnerContribution) => {
          // At least 10.00 spent keeps the ratio's basis points within a safe integer (they are checked, not wrapped).
          fc.pre(fundSpend + partnerContribution >= 1000)
          const { roi } = moneyOutcome({
            plannedSpend: 1_000_000,
            partnerContribution,
            fundSpend,
            incrementalRevenue,
            hasActuals: true,
          })
          const margin = incrementalRevenue - fundSpend - partnerContribution
          expect(Math.sign(roi.numerator ?? Number.NaN)).toBe(Math.sign(margin))
          // The rational is exact: numerator / denominator = margin / total spend.
          expect(BigInt(roi.numerator ?? 0) * BigInt(fundSpend + partnerContribution)).toBe(
            BigInt(margin) * BigInt(roi.denominator ?? 0),
          )
        },
      ),
    )
  })
})
