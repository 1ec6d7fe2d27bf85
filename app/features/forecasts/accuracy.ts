import type { SideLine } from './grid-types.ts'

/**
 * Forecast accuracy after the fact, per product and per forecast line, over the weeks where the actual and that
 * line's forecast both exist and the actual is above 0 (a percentage error of a week that sold nothing is
 * undefined):
 *   MAPE = mean(|actual − forecast| / actual), bias = (Σforecast − Σactual) / Σactual, and the weeks counted.
 * Totals take every counted cell of every product: MAPE is the mean over all of them, bias uses the sums over all.
 * `closer` is the side (host or partner) with the lower MAPE; none on a tie or when either has no counted week.
 * Plain ratios (0.125 is 12.5 %); the caller formats them. Pass the lines as the grid shows them (with their
 * adjustments), since that is what the sides agreed to plan on.
 */

export const accuracyLines = ['host', 'partner', 'consensus'] as const
export type AccuracyLine = (typeof accuracyLines)[number]

export type AccuracyInput = {
  weekCount: number
  productCount: number
  actual: readonly (number | null)[]
} & Record<AccuracyLine, readonly (number | null)[]>

/** null ratios when no week was counted. */
export type LineAccuracy = { mape: number | null; bias: number | null; weeks: number }

export type AccuracyOf = Record<AccuracyLine, LineAccuracy> & { closer: SideLine | null }

export type ForecastAccuracy = { products: AccuracyOf[]; total: AccuracyOf }

type Sums = { absoluteErrors: number; forecast: number; actual: number; weeks: number }

const emptySums = (): Sums => ({ absoluteErrors: 0, forecast: 0, actual: 0, weeks: 0 })

function accuracyOf(sums: Sums): LineAccuracy {
  if (sums.weeks === 0) return { mape: null, bias: null, weeks: 0 }
  return {
    mape: sums.absoluteErrors / sums.weeks,
    bias: (sums.forecast - sums.actual) / sums.actual,
    weeks: sums.weeks,
  }
}

// MAPEs are sums of float ratios: the same errors added in another order may differ in the last bits.
const TIE_TOLERANCE = 1e-12

function closerOf(host: LineAccuracy, partner: LineAccuracy): SideLine | null {
  if (host.mape === null || partner.mape === null) return null
  const gap = host.mape - partner.mape
  if (Math.abs(gap) <= TIE_TOLERANCE * Math.max(1, host.mape, partner.mape)) return null
  return gap < 0 ? 'host' : 'partner'
}

function summarize(sums: Record<AccuracyLine, Sums>): AccuracyOf {
  const host = accuracyOf(sums.host)
  const partner = accuracyOf(sums.partner)
  return { host, partner, consensus: accuracyOf(sums.consensus), closer: closerOf(host, partner) }
}

export function forecastAccuracy(input: AccuracyInput): ForecastAccuracy {
  const total = { host: emptySums(), partner: emptySums(), consensus: emptySums() }
  const products: AccuracyOf[] = []
  for (let p = 0; p < input.productCount; p++) {
    const own = { host: emptySums(), partner: emptySums(), consensus: emptySums() }
    for (let w = 0; w < input.weekCount; w++) {
      const index = p * input.weekCount + w
      const actual = input.actual[index] ?? null
      if (actual === null || actual <= 0) continue
      for (const line of accuracyLines) {
        const forecast = input[line][index] ?? null
        if (forecast === null) continue
        for (const sums of [own[line], total[line]]) {
          sums.absoluteErrors += Math.abs(actual - forecast) / actual
          sums.forecast += forecast
          sums.actual += actual
          sums.weeks += 1
        }
      }
    }
    products.push(summarize(own))
  }
  return { products, total: summarize(total) }
}
