import { sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { rowsOf } from '#db/rows.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type AccuracyOf, forecastAccuracy } from './accuracy.ts'
import { findForecast } from './find-forecast.server.ts'
import { forecastHeader } from './get-forecast-header.server.ts'
import { findVersion, listVersionRows, planProducts, versionCells } from './version-figures.server.ts'
import { forecastWeeks } from './weeks.ts'

/**
 * Which version actuals are measured against when none is chosen: the newest published before the first week
 * with an actual (the forecast people had in hand before sales came in), else the newest.
 */
export function defaultVersion<V extends { publishedAt: Date }>(
  newestFirst: V[],
  firstActualWeek: string | null,
): V | undefined {
  if (firstActualWeek) {
    const start = new Date(`${firstActualWeek}T00:00:00Z`)
    const before = newestFirst.find((v) => v.publishedAt < start)
    if (before) return before
  }
  return newestFirst[0]
}

/**
 * Forecast accuracy after the fact: the actual line against a published version's lines (as it froze them, lifts
 * included), per product and per side: MAPE, bias, the weeks counted and which side was closer (accuracy.ts has the
 * definitions); totals over the whole plan. Products with no counted week are left out of the table (and counted).
 */
export async function getAccuracy(
  ctx: ServiceContext,
  forecastId: string,
  input: { versionId?: string; page: PageRequest },
) {
  const found = await findForecast(ctx, forecastId)
  const { forecast } = found
  const [header, versions, products, actuals] = await Promise.all([
    forecastHeader(ctx, found),
    listVersionRows(ctx, forecast.id),
    planProducts(ctx, forecast.id),
    rowsOf<{ p: string; w: number; value: number }>(
      ctx.tx,
      sql`select forecast_product_id::text as p, (week_start - ${forecast.startWeek}::date) / 7 as w, value
          from forecast_cells
          where forecast_id = ${forecast.id} and line = 'actual' and value is not null
          order by week_start`,
    ),
  ])
  const weeks = forecastWeeks(forecast.startWeek, forecast.horizonWeeks)
  const inHorizon = actuals.filter((a) => Number(a.w) >= 0 && Number(a.w) < weeks.length)
  // Ordered by week: the first is the earliest.
  const firstActualWeek = inHorizon.length ? weeks[Number(inHorizon[0].w)] : null
  const base = {
    forecast: header,
    versions: versions.map((v) => ({ id: v.id, number: v.number, publishedAt: v.publishedAt.toISOString() })),
    firstActualWeek,
    actualCells: inHorizon.length,
  }
  if (input.versionId) await findVersion(ctx, forecast.id, input.versionId)
  const chosen = input.versionId
    ? versions.find((v) => v.id === input.versionId)
    : defaultVersion(versions, firstActualWeek)
  if (!chosen || inHorizon.length === 0) {
    return { ...base, version: chosen ? { id: chosen.id, number: chosen.number } : null, result: null }
  }

  const size = products.length * weeks.length
  const index = new Map(products.map((p, i) => [p.id, i]))
  const line = () => new Array<number | null>(size).fill(null)
  const lines = { host: line(), partner: line(), consensus: line(), actual: line() }
  for (const a of inHorizon) {
    const p = index.get(a.p)
    if (p !== undefined) lines.actual[p * weeks.length + Number(a.w)] = a.value
  }
  const weekIndex = new Map(weeks.map((w, i) => [w, i]))
  for (const c of await versionCells(ctx, chosen.id)) {
    const p = index.get(c.productId)
    const w = weekIndex.get(c.weekStart)
    if (p === undefined || w === undefined) continue
    const i = p * weeks.length + w
    lines.host[i] = c.host
    lines.partner[i] = c.partner
    lines.consensus[i] = c.consensus
  }
  const result = forecastAccuracy({ weekCount: weeks.length, productCount: products.length, ...lines })
  const counted = (a: AccuracyOf) => a.host.weeks + a.partner.weeks + a.consensus.weeks > 0
  const rows = products
    .map((p, i) => ({ productId: p.id, sku: p.sku, name: p.name, ...result.products[i] }))
    .filter(counted)
  return {
    ...base,
    version: { id: chosen.id, number: chosen.number },
    result: {
      total: result.total,
      rows: rows.slice(input.page.offset, input.page.offset + input.page.pageSize),
      productsCounted: rows.length,
      productsWithout: products.length - rows.length,
    },
  }
}
