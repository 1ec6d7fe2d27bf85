/**
 * The outcome of a promotion, computed in one place for the Outcome tab and the program view
 * (docs/decisions/0017-promotion-outcome.md). Definitions:
 *
 *   planned units (per product and week) = baseline × (1 + expected lift), rounded half away from zero to whole
 *                                          units; product, week and promotion totals are sums of those cells.
 *   reported cells                       = product-weeks that have an actual; lift and increments use only them.
 *   lift                                 = (Σ actual − Σ baseline) / Σ baseline over reported cells.
 *   incremental units                    = Σ (actual − baseline) over reported cells.
 *   incremental revenue                  = Σ (actual − baseline) × unit price over reported cells: integers times
 *                                          integer minor units, so exact, never rounded (and negative when the
 *                                          promotion sold less than the baseline).
 *   total spend                          = fund spend (ledger `spend` entries of the promotion's claims, or of the
 *                                          promotion itself) + the partner's contribution.
 *   spend vs plan                        = total spend / planned spend.
 *   ROI                                  = (incremental revenue − total spend) / total spend.
 *
 * Rates are exact rationals (numerator / denominator, reduced) with basis points rounded half away from zero.
 * A rate that is undefined carries the reason instead (no actuals yet, zero baseline, zero spend, no plan).
 * Arithmetic is BigInt; results must fit in a JavaScript safe integer or the call throws.
 */

export type OutcomeProduct = { id: string; sku: string; name: string; unitPrice: number }
export type OutcomeVolume = {
  productId: string
  weekStart: string
  baselineUnits: number
  actualUnits: number | null
}
export type OutcomePlan = {
  currency: string
  plannedSpend: number
  partnerContribution: number
  approvedAmount: number | null
  expectedLiftBp: number
}
export type OutcomeInput = {
  promotion: OutcomePlan
  products: OutcomeProduct[]
  volumes: OutcomeVolume[]
  /** Sum of the ledger's spend entries for this promotion, minor units of its currency. */
  fundSpend: number
}

export type Unavailable = 'noActuals' | 'zeroBaseline' | 'zeroSpend' | 'noPlannedSpend' | 'nothingAllocated'
export type Rate =
  | { bp: number; numerator: number; denominator: number; reason: null }
  | { bp: null; numerator: null; denominator: null; reason: Unavailable }

/** Unit and revenue figures of a set of product-weeks (one cell, a product, a week or the whole promotion). */
export type VolumeFigures = {
  baselineUnits: number
  plannedUnits: number
  /** Cells with an actual, and the baseline and plan of just those cells (what the actuals compare against). */
  reportedCells: number
  reportedBaselineUnits: number
  reportedPlannedUnits: number
  actualUnits: number
  incrementalUnits: number
  incrementalRevenue: number
  lift: Rate
}

export type Outcome = {
  currency: string
  totals: VolumeFigures
  products: (OutcomeProduct & VolumeFigures)[]
  weeks: ({ weekStart: string } & VolumeFigures)[]
  spend: {
    fundSpend: number
    partnerContribution: number
    totalSpend: number
    plannedSpend: number
    approvedAmount: number | null
    spendVsPlan: Rate
  }
  roi: Rate
}

const BP = 10_000n

function safe(value: bigint, what: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is too large`)
  return n
}

/** a / b rounded half away from zero, for b > 0. */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b
  const r = a % b
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n
  return q
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b
  while (y !== 0n) [x, y] = [y, x % y]
  return x === 0n ? 1n : x
}

export function unavailable(reason: Unavailable): Rate {
  return { bp: null, numerator: null, denominator: null, reason }
}

/** numerator / denominator (denominator > 0) as an exact reduced rational with its basis points. */
export function rate(numerator: bigint, denominator: bigint): Rate {
  if (denominator <= 0n) throw new RangeError('a rate needs a positive denominator')
  const g = gcd(numerator, denominator)
  return {
    bp: safe(divRound(numerator * BP, denominator), 'rate'),
    numerator: safe(numerator / g, 'numerator'),
    denominator: safe(denominator / g, 'denominator'),
    reason: null,
  }
}

/** Whole planned units of one cell: baseline × (10000 + lift bp) / 10000, half away from zero. */
export function plannedUnits(baselineUnits: number, expectedLiftBp: number): number {
  return safe(divRound(BigInt(baselineUnits) * (BP + BigInt(expectedLiftBp)), BP), 'planned units')
}

type Sums = {
  baseline: bigint
  planned: bigint
  cells: number
  reportedBaseline: bigint
  reportedPlanned: bigint
  actual: bigint
  revenue: bigint
}

const emptySums = (): Sums => ({
  baseline: 0n,
  planned: 0n,
  cells: 0,
  reportedBaseline: 0n,
  reportedPlanned: 0n,
  actual: 0n,
  revenue: 0n,
})

function add(sums: Sums, volume: OutcomeVolume, unitPrice: number, liftBp: number) {
  const baseline = BigInt(volume.baselineUnits)
  const planned = BigInt(plannedUnits(volume.baselineUnits, liftBp))
  sums.baseline += baseline
  sums.planned += planned
  if (volume.actualUnits === null) return
  const actual = BigInt(volume.actualUnits)
  sums.cells += 1
  sums.reportedBaseline += baseline
  sums.reportedPlanned += planned
  sums.actual += actual
  sums.revenue += (actual - baseline) * BigInt(unitPrice)
}

/** Lift from the reported baseline and actual units. */
export function liftOf(reportedCells: number, reportedBaseline: bigint, actual: bigint): Rate {
  if (reportedCells === 0) return unavailable('noActuals')
  if (reportedBaseline === 0n) return unavailable('zeroBaseline')
  return rate(actual - reportedBaseline, reportedBaseline)
}

function figures(s: Sums): VolumeFigures {
  return {
    baselineUnits: safe(s.baseline, 'baseline'),
    plannedUnits: safe(s.planned, 'planned units'),
    reportedCells: s.cells,
    reportedBaselineUnits: safe(s.reportedBaseline, 'baseline'),
    reportedPlannedUnits: safe(s.reportedPlanned, 'planned units'),
    actualUnits: safe(s.actual, 'actual units'),
    incrementalUnits: safe(s.actual - s.reportedBaseline, 'incremental units'),
    incrementalRevenue: safe(s.revenue, 'incremental revenue'),
    lift: liftOf(s.cells, s.reportedBaseline, s.actual),
  }
}

/** What the money side needs: enough to compute spend, spend vs plan and ROI from SQL sums as well. */
export type MoneyTotals = {
  plannedSpend: number
  partnerContribution: number
  fundSpend: number
  incrementalRevenue: number
  /** Whether any actual was entered: without one there is no measured revenue, so no ROI. */
  hasActuals: boolean
}

/** Total spend, spend vs plan and ROI (also used for a partner's or a program's summed totals). */
export function moneyOutcome(t: MoneyTotals) {
  const totalSpend = BigInt(t.fundSpend) + BigInt(t.partnerContribution)
  const spendVsPlan =
    t.plannedSpend > 0 ? rate(totalSpend, BigInt(t.plannedSpend)) : unavailable('noPlannedSpend')
  const roi = !t.hasActuals
    ? unavailable('noActuals')
    : totalSpend === 0n
      ? unavailable('zeroSpend')
      : rate(BigInt(t.incrementalRevenue) - totalSpend, totalSpend)
  return { totalSpend: safe(totalSpend, 'total spend'), spendVsPlan, roi }
}

/** A fund allocation's utilisation: (spent + committed) / allocated. */
export function utilisation(balance: { allocated: number; committed: number; spent: number }): Rate {
  if (balance.allocated <= 0) return unavailable('nothingAllocated')
  return rate(BigInt(balance.spent) + BigInt(balance.committed), BigInt(balance.allocated))
}

/** Every outcome figure of one promotion, per product, per week and in total. */
export function computeOutcome(input: OutcomeInput): Outcome {
  const { promotion } = input
  const liftBp = promotion.expectedLiftBp
  const total = emptySums()
  const byProduct = new Map(input.products.map((p) => [p.id, emptySums()]))
  const byWeek = new Map<string, Sums>()
  const prices = new Map(input.products.map((p) => [p.id, p.unitPrice]))
  for (const volume of input.volumes) {
    const price = prices.get(volume.productId)
    if (price === undefined) throw new Error(`volume for unknown product ${volume.productId}`)
    let week = byWeek.get(volume.weekStart)
    if (!week) {
      week = emptySums()
      byWeek.set(volume.weekStart, week)
    }
    for (const sums of [total, byProduct.get(volume.productId) as Sums, week]) {
      add(sums, volume, price, liftBp)
    }
  }
  const totals = figures(total)
  const money = moneyOutcome({
    plannedSpend: promotion.plannedSpend,
    partnerContribution: promotion.partnerContribution,
    fundSpend: input.fundSpend,
    incrementalRevenue: totals.incrementalRevenue,
    hasActuals: totals.reportedCells > 0,
  })
  return {
    currency: promotion.currency,
    totals,
    products: input.products.map((p) => ({ ...p, ...figures(byProduct.get(p.id) as Sums) })),
    weeks: [...byWeek.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([weekStart, sums]) => ({ weekStart, ...figures(sums) })),
    spend: {
      fundSpend: input.fundSpend,
      partnerContribution: promotion.partnerContribution,
      totalSpend: money.totalSpend,
      plannedSpend: promotion.plannedSpend,
      approvedAmount: promotion.approvedAmount,
      spendVsPlan: money.spendVsPlan,
    },
    roi: money.roi,
  }
}
