import { and, asc, desc, eq, gte, inArray, isNull, lte, max, sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import {
  forecastAdjustments,
  forecastExceptions,
  forecastLines,
  forecastProducts,
  forecastVersions,
  promotionProducts,
  promotions,
} from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { promotionWeeks } from '../promotions/weeks.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundForecast, findForecast } from './find-forecast.server.ts'
import { forecastHeader } from './get-forecast-header.server.ts'
import type {
  ForecastGrid,
  ForecastLine,
  GridAdjustment,
  GridEvent,
  GridLine,
  SideLine,
} from './grid-types.ts'
import { forecastWeeks } from './weeks.ts'

/** Promotions that count as agreed: they appear on the grid and their lift can be applied. */
export const agreedPromotionStatuses = ['approved', 'live', 'completed', 'settled'] as const

const emptyLine = (size: number): GridLine => ({
  values: new Array<number | null>(size).fill(null),
  versions: new Array<number>(size).fill(0),
})

type CellRow = {
  p: string
  w: number
  line: ForecastLine
  value: number | null
  version: number
  proposed: number | null
  by: string | null
}

/**
 * Everything the grid shows, in one transaction. Cells come back as plain rows with the week as an index (the
 * database does the date arithmetic) and are placed into flat arrays: the read the benchmark holds against raw SQL.
 */
export async function getForecastGrid(ctx: ServiceContext, id: string): Promise<ForecastGrid> {
  const found = await findForecast(ctx, id)
  return loadGrid(ctx, found)
}

export async function loadGrid(ctx: ServiceContext, found: FoundForecast): Promise<ForecastGrid> {
  const { forecast, side } = found
  const weeks = forecastWeeks(forecast.startWeek, forecast.horizonWeeks)
  const products = await ctx.tx
    .select({ id: forecastProducts.id, sku: forecastProducts.sku, name: forecastProducts.name })
    .from(forecastProducts)
    .where(eq(forecastProducts.forecastId, forecast.id))
    .orderBy(asc(forecastProducts.position), asc(forecastProducts.sku))
  const productIndex = new Map(products.map((p, i) => [p.id, i]))
  const size = products.length * weeks.length
  const lines = Object.fromEntries(forecastLines.map((l) => [l, emptyLine(size)])) as Record<
    ForecastLine,
    GridLine
  >
  const proposals = {
    proposed: new Array<number | null>(size).fill(null),
    by: new Array<SideLine | null>(size).fill(null),
  }
  const cells = await rowsOf<CellRow>(
    ctx.tx,
    sql`select forecast_product_id::text as p, (week_start - ${forecast.startWeek}::date) / 7 as w, line, value,
          version, proposed, proposed_by_org_id::text as by
        from forecast_cells where forecast_id = ${forecast.id}`,
  )
  for (const c of cells) {
    const p = productIndex.get(c.p)
    const w = Number(c.w)
    if (p === undefined || w < 0 || w >= weeks.length) continue
    const i = p * weeks.length + w
    const line = lines[c.line]
    line.values[i] = c.value
    line.versions[i] = c.version
    if (c.proposed !== null) {
      proposals.proposed[i] = c.proposed
      proposals.by[i] = c.by === forecast.hostOrgId ? 'host' : 'partner'
    }
  }

  const [header, adjustments, events, exceptions, published] = await Promise.all([
    forecastHeader(ctx, found),
    loadAdjustments(ctx, forecast.id, forecast.startWeek, productIndex, weeks.length),
    loadEvents(ctx, found, weeks, products),
    ctx.tx
      .select({
        id: forecastExceptions.id,
        p: forecastExceptions.forecastProductId,
        week: forecastExceptions.weekStart,
        rule: forecastExceptions.rule,
        status: forecastExceptions.status,
        breaking: forecastExceptions.breaking,
      })
      .from(forecastExceptions)
      .where(eq(forecastExceptions.forecastId, forecast.id)),
    ctx.tx
      .select({ number: max(forecastVersions.number) })
      .from(forecastVersions)
      .where(eq(forecastVersions.forecastId, forecast.id)),
  ])
  const weekIndex = new Map(weeks.map((w, i) => [w, i]))
  return {
    forecast: {
      id: forecast.id,
      name: forecast.name,
      partnershipId: forecast.partnershipId,
      startWeek: forecast.startWeek,
      horizonWeeks: forecast.horizonWeeks,
      unit: forecast.unit,
      rules: { gapBp: forecast.gapBp, gapUnits: forecast.gapUnits, shiftBp: forecast.shiftBp },
      version: forecast.version,
      hostOrgName: header.hostOrgName,
      partnerOrgName: header.partnerOrgName,
    },
    side,
    canEdit: header.canEdit,
    weeks,
    products,
    lines,
    proposals,
    adjustments,
    events,
    exceptions: exceptions.flatMap((e) => {
      const p = productIndex.get(e.p)
      const w = weekIndex.get(e.week)
      if (p === undefined || w === undefined) return []
      return [
        { id: e.id, productIndex: p, weekIndex: w, rule: e.rule, status: e.status, breaking: e.breaking },
      ]
    }),
    publishedVersion: published[0]?.number ?? null,
  }
}

/** Active adjustments, each as a flat array of the units it adds. */
async function loadAdjustments(
  ctx: ServiceContext,
  forecastId: string,
  startWeek: string,
  productIndex: Map<string, number>,
  weekCount: number,
): Promise<GridAdjustment[]> {
  const rows = await ctx.tx
    .select()
    .from(forecastAdjustments)
    .where(and(eq(forecastAdjustments.forecastId, forecastId), isNull(forecastAdjustments.undoneAt)))
    .orderBy(asc(forecastAdjustments.createdAt))
  if (rows.length === 0) return []
  const cells = await rowsOf<{ a: string; p: string; w: number; units: number }>(
    ctx.tx,
    sql`select c.adjustment_id::text as a, c.forecast_product_id::text as p,
          (c.week_start - ${startWeek}::date) / 7 as w, c.units
        from forecast_adjustment_cells c
        join forecast_adjustments a on a.id = c.adjustment_id and a.undone_at is null
        where c.forecast_id = ${forecastId}`,
  )
  const size = productIndex.size * weekCount
  const byId = new Map<string, GridAdjustment>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        line: r.line,
        label: r.label,
        liftBp: r.liftBp,
        promotionId: r.promotionId,
        units: new Array<number>(size).fill(0),
      },
    ]),
  )
  for (const c of cells) {
    const p = productIndex.get(c.p)
    const w = Number(c.w)
    const adjustment = byId.get(c.a)
    if (p === undefined || !adjustment || w < 0 || w >= weekCount) continue
    adjustment.units[p * weekCount + w] = c.units
  }
  return [...byId.values()]
}

/** The partnership's agreed promotions that run within the horizon, on the rows they cover (matched by SKU). */
async function loadEvents(
  ctx: ServiceContext,
  found: FoundForecast,
  weeks: string[],
  products: { sku: string }[],
): Promise<GridEvent[]> {
  if (weeks.length === 0) return []
  const last = weeks[weeks.length - 1]
  const horizonEnd = sql`${last}::date + 6`
  const conditions = [
    eq(promotions.partnershipId, found.forecast.partnershipId),
    inArray(promotions.status, [...agreedPromotionStatuses]),
    lte(promotions.startsOn, horizonEnd),
    gte(promotions.endsOn, weeks[0]),
  ]
  if (seesOwnOnly(ctx.role)) conditions.push(eq(promotions.createdById, ctx.userId))
  const rows = await ctx.tx
    .select({
      id: promotions.id,
      name: promotions.name,
      status: promotions.status,
      startsOn: promotions.startsOn,
      endsOn: promotions.endsOn,
      expectedLiftBp: promotions.expectedLiftBp,
    })
    .from(promotions)
    .where(and(...conditions))
    .orderBy(asc(promotions.startsOn), desc(promotions.expectedLiftBp))
  if (rows.length === 0) return []
  const skus = await ctx.tx
    .select({ promotionId: promotionProducts.promotionId, sku: promotionProducts.sku })
    .from(promotionProducts)
    .where(
      inArray(
        promotionProducts.promotionId,
        rows.map((r) => r.id),
      ),
    )
  const rowOfSku = new Map(products.map((p, i) => [p.sku, i]))
  const weekIndex = new Map(weeks.map((w, i) => [w, i]))
  return rows.map((r) => ({
    promotionId: r.id,
    name: r.name,
    status: r.status,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    expectedLiftBp: r.expectedLiftBp,
    weekIndexes: promotionWeeks(r.startsOn, r.endsOn).flatMap((w) => {
      const i = weekIndex.get(w)
      return i === undefined ? [] : [i]
    }),
    productIndexes: skus.flatMap((s) => {
      const i = s.promotionId === r.id ? rowOfSku.get(s.sku) : undefined
      return i === undefined ? [] : [i]
    }),
  }))
}
