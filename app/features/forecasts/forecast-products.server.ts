import { and, asc, count, eq, ilike, max, or, type SQL, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { forecastProducts, organizations, products } from '#db/schema/index.ts'
import { likePattern } from '../partners/list-partnerships.server.ts'
import { partnershipPurchases } from '../promotions/list-product-choices.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { parseInput } from './create-forecast.server.ts'
import { type FoundForecast, lockForEdit } from './find-forecast.server.ts'
import { publishForecastCells } from './publish-forecast-cells.server.ts'
import { type AddForecastProductInput, AddForecastProductSchema } from './schemas.ts'

/** A plan holds at most this many rows: the grid and its pushes are sized for it (the benchmark plans 500). */
export const MAX_FORECAST_ROWS = 1000
const SHOWN_CHOICES = 20

/** What a row holds, as the removal rule reads it: figures per line, and the first published version naming it. */
export type RowFigures = {
  own: number
  other: number
  consensus: number
  actual: number
  published: number | null
}

/**
 * Counts each row's figures. `own`/`other` are the caller's and the other side's forecast lines (with the active
 * promotion lifts on them); `consensus` counts agreed figures and waiting proposals (and lifts on that line).
 */
export async function rowFigures(ctx: ServiceContext, found: FoundForecast, rowIds?: string[]) {
  const own = found.side
  const other = own === 'host' ? 'partner' : 'host'
  const only = (column: SQL) =>
    rowIds
      ? sql`and ${column} in (${sql.join(
          rowIds.map((r) => sql`${r}::uuid`),
          sql`, `,
        )})`
      : sql``
  if (rowIds && rowIds.length === 0) return new Map<string, RowFigures>()
  const id = found.forecast.id
  const [cells, lifts, versions] = await Promise.all([
    rowsOf<{ p: string; own: number; other: number; consensus: number; actual: number }>(
      ctx.tx,
      sql`select c.forecast_product_id::text as p,
            (count(*) filter (where c.line = ${own} and c.value is not null))::int as own,
            (count(*) filter (where c.line = ${other} and c.value is not null))::int as other,
            (count(*) filter (where c.line = 'consensus'
              and (c.value is not null or c.proposed is not null)))::int as consensus,
            (count(*) filter (where c.line = 'actual' and c.value is not null))::int as actual
          from forecast_cells c where c.forecast_id = ${id} ${only(sql`c.forecast_product_id`)}
          group by 1`,
    ),
    rowsOf<{ p: string; line: string; n: number }>(
      ctx.tx,
      sql`select c.forecast_product_id::text as p, a.line, count(*)::int as n
          from forecast_adjustment_cells c
          join forecast_adjustments a on a.id = c.adjustment_id and a.undone_at is null
          where c.forecast_id = ${id} ${only(sql`c.forecast_product_id`)}
          group by 1, 2`,
    ),
    rowsOf<{ p: string; number: number }>(
      ctx.tx,
      sql`select c.forecast_product_id::text as p, min(v.number)::int as number
          from forecast_version_cells c join forecast_versions v on v.id = c.forecast_version_id
          where v.forecast_id = ${id} ${only(sql`c.forecast_product_id`)}
          group by 1`,
    ),
  ])
  const figures = new Map<string, RowFigures>()
  const at = (p: string) => {
    let f = figures.get(p)
    if (!f) {
      f = { own: 0, other: 0, consensus: 0, actual: 0, published: null }
      figures.set(p, f)
    }
    return f
  }
  for (const c of cells)
    Object.assign(at(c.p), { own: c.own, other: c.other, consensus: c.consensus, actual: c.actual })
  for (const l of lifts) {
    const key = l.line === own ? 'own' : l.line === other ? 'other' : 'consensus'
    at(l.p)[key] += l.n
  }
  for (const v of versions) at(v.p).published = v.number
  return figures
}

/**
 * Why a row may not be removed, or null when it may. Removing a row deletes everything on it, so it is allowed
 * only while the caller's own line is all it holds: the other side's figures, the consensus both agreed on,
 * recorded actuals and published (frozen) versions are not the caller's to delete.
 */
export type RemovalBlock = {
  reason: 'published' | 'otherSide' | 'consensus' | 'actuals'
  count: number
  number?: number
}

export function removalBlock(f: RowFigures | undefined): RemovalBlock | null {
  if (!f) return null
  if (f.published !== null) return { reason: 'published', count: 0, number: f.published }
  if (f.other > 0) return { reason: 'otherSide', count: f.other }
  if (f.consensus > 0) return { reason: 'consensus', count: f.consensus }
  if (f.actual > 0) return { reason: 'actuals', count: f.actual }
  return null
}

const blockMessages: Record<RemovalBlock['reason'], string> = {
  published: 'forecastSetup:errors.rowPublished',
  otherSide: 'forecastSetup:errors.rowHasOtherSide',
  consensus: 'forecastSetup:errors.rowHasConsensus',
  actuals: 'forecastSetup:errors.rowHasActuals',
}

async function rowStats(ctx: ServiceContext, forecastId: string) {
  const [row] = await ctx.tx
    .select({ n: count(), last: max(forecastProducts.position) })
    .from(forecastProducts)
    .where(eq(forecastProducts.forecastId, forecastId))
  return { n: row?.n ?? 0, last: row?.last ?? -1 }
}

/** What the new row copies: a product of the host's own catalogue, or the SKU and name the partner gave. */
async function resolveRow(ctx: ServiceContext, found: FoundForecast, input: AddForecastProductInput) {
  if (found.side === 'host') {
    if (!input.productId) throw new AppError('invalid', 'forecastSetup:errors.chooseProduct')
    const [product] = await ctx.tx
      .select({ id: products.id, sku: products.sku, name: products.name })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.orgId, ctx.orgId), eq(products.active, true)))
    if (!product) throw new AppError('invalid', 'forecastSetup:errors.productNotFound')
    return { productId: product.id, sku: product.sku, name: product.name }
  }
  const sku = input.sku ?? ''
  if (!sku) throw new AppError('invalid', 'forecastSetup:errors.skuRequired')
  const name = input.name || (await partnershipPurchases(ctx, found.forecast, { skus: [sku] }))[0]?.name || ''
  if (!name) throw new AppError('invalid', 'forecastSetup:errors.productNameRequired')
  return { productId: null, sku, name }
}

/** Adds one row at the end of the plan: the host from its catalogue, the partner by SKU (typed or bought). */
export async function addForecastProduct(ctx: ServiceContext, id: string, input: AddForecastProductInput) {
  const value = parseInput(AddForecastProductSchema, input)
  const found = await lockForEdit(ctx, id)
  const { forecast } = found
  const product = await resolveRow(ctx, found, value)
  const stats = await rowStats(ctx, forecast.id)
  if (stats.n >= MAX_FORECAST_ROWS)
    throw new AppError('conflict', 'forecastSetup:errors.tooManyRows', { max: MAX_FORECAST_ROWS })
  const [row] = await ctx.tx
    .insert(forecastProducts)
    .values({
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      ...product,
      position: stats.last + 1,
    })
    .onConflictDoNothing({ target: [forecastProducts.forecastId, forecastProducts.sku] })
    .returning()
  if (!row) throw new AppError('conflict', 'forecastSetup:errors.duplicateSku', { sku: product.sku })
  await ctx.audit({
    action: 'forecast.product_added',
    targetType: 'forecast',
    targetId: forecast.id,
    data: { sku: row.sku, fromCatalogue: row.productId !== null },
  })
  publishForecastCells(ctx, forecast.id, [], true)
  return row
}

/**
 * The host adds every active product of its catalogue that is not on the plan yet, in SKU order, in one
 * statement; refused whole when they would not all fit under the row limit (the person chooses instead).
 */
export async function addCatalogueProducts(ctx: ServiceContext, id: string) {
  const found = await lockForEdit(ctx, id)
  const { forecast } = found
  if (found.side !== 'host') throw new AppError('forbidden', 'forecastSetup:errors.catalogueHostOnly')
  const missing = sql`from products p where p.org_id = ${ctx.orgId} and p.active
    and not exists (select 1 from forecast_products f where f.forecast_id = ${forecast.id} and f.sku = p.sku)`
  const [{ n }] = await rowsOf<{ n: number }>(ctx.tx, sql`select count(*)::int as n ${missing}`)
  if (n === 0) return { added: 0 }
  const stats = await rowStats(ctx, forecast.id)
  if (stats.n + n > MAX_FORECAST_ROWS)
    throw new AppError('conflict', 'forecastSetup:errors.catalogueTooBig', {
      count: n,
      room: MAX_FORECAST_ROWS - stats.n,
      max: MAX_FORECAST_ROWS,
    })
  const added = await rowsOf<{ id: string }>(
    ctx.tx,
    sql`insert into forecast_products (forecast_id, partnership_id, product_id, sku, name, position)
        select ${forecast.id}, ${forecast.partnershipId}, p.id, p.sku, p.name,
          ${stats.last} + row_number() over (order by p.sku)
        ${missing}
        on conflict do nothing
        returning id`,
  )
  await ctx.audit({
    action: 'forecast.products_added',
    targetType: 'forecast',
    targetId: forecast.id,
    data: { count: added.length, fromCatalogue: true },
  })
  publishForecastCells(ctx, forecast.id, [], true)
  return { added: added.length }
}

/** Removes a row with the caller's own figures on it, when nothing on it belongs to anyone else (removalBlock). */
export async function removeForecastProduct(ctx: ServiceContext, id: string, rowId: string) {
  const found = await lockForEdit(ctx, id)
  const { forecast } = found
  const [row] = await ctx.tx
    .select({ id: forecastProducts.id, sku: forecastProducts.sku })
    .from(forecastProducts)
    .where(and(eq(forecastProducts.forecastId, forecast.id), sql`${forecastProducts.id}::text = ${rowId}`))
    .for('update')
  if (!row) throw new AppError('not_found', 'forecastSetup:errors.rowGone')
  const figures = (await rowFigures(ctx, found, [row.id])).get(row.id)
  const block = removalBlock(figures)
  if (block) {
    const otherOrgId = found.side === 'host' ? found.partnerOrgId : forecast.hostOrgId
    const [other] = await ctx.tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, otherOrgId))
    throw new AppError('conflict', blockMessages[block.reason], {
      ...block,
      sku: row.sku,
      org: other?.name ?? '',
    })
  }
  await ctx.tx.delete(forecastProducts).where(eq(forecastProducts.id, row.id))
  await ctx.audit({
    action: 'forecast.product_removed',
    targetType: 'forecast',
    targetId: forecast.id,
    data: { sku: row.sku, ownFigures: figures?.own ?? 0 },
  })
  publishForecastCells(ctx, forecast.id, [], true)
  return row
}

/** Moves a row to `toIndex` in the plan's order (clamped); the positions of the rows in between follow. */
export async function moveForecastProduct(ctx: ServiceContext, id: string, rowId: string, toIndex: number) {
  const { forecast } = await lockForEdit(ctx, id)
  const rows = await ctx.tx
    .select({ id: forecastProducts.id, position: forecastProducts.position })
    .from(forecastProducts)
    .where(eq(forecastProducts.forecastId, forecast.id))
    .orderBy(asc(forecastProducts.position), asc(forecastProducts.sku))
  const from = rows.findIndex((r) => r.id === rowId)
  if (from < 0) throw new AppError('not_found', 'forecastSetup:errors.rowGone')
  const to = Math.max(0, Math.min(rows.length - 1, Math.trunc(toIndex)))
  const order = rows.map((r) => r.id)
  order.splice(to, 0, ...order.splice(from, 1))
  const moved = order
    .map((rowId, position) => ({ id: rowId, position }))
    .filter((r, i) => rows.find((x) => x.id === r.id)?.position !== i)
  if (moved.length === 0) return { moved: 0 }
  await ctx.tx.execute(sql`update forecast_products f set position = x.position, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as x(id uuid, position int)
    where f.id = x.id and f.forecast_id = ${forecast.id}`)
  await ctx.audit({
    action: 'forecast.product_moved',
    targetType: 'forecast',
    targetId: forecast.id,
    data: { rowId, from, to },
  })
  publishForecastCells(ctx, forecast.id, [], true)
  return { moved: moved.length }
}

export type RowChoice = { productId: string | null; sku: string; name: string }

/** What the caller may add, searched by SKU or name, leaving out SKUs already on the plan. */
export async function listRowChoices(
  ctx: ServiceContext,
  found: FoundForecast,
  q: string,
): Promise<RowChoice[]> {
  if (found.side === 'partner') {
    const taken = new Set(
      (
        await ctx.tx
          .select({ sku: forecastProducts.sku })
          .from(forecastProducts)
          .where(eq(forecastProducts.forecastId, found.forecast.id))
      ).map((t) => t.sku),
    )
    const bought = await partnershipPurchases(ctx, found.forecast, { q: q || undefined })
    return bought
      .filter((b) => !taken.has(b.sku))
      .slice(0, SHOWN_CHOICES)
      .map((b) => ({ productId: null, sku: b.sku, name: b.name }))
  }
  const conditions: SQL[] = [
    eq(products.orgId, ctx.orgId),
    eq(products.active, true),
    sql`not exists (select 1 from forecast_products f
      where f.forecast_id = ${found.forecast.id} and f.sku = ${products.sku})`,
  ]
  if (q) conditions.push(or(ilike(products.sku, likePattern(q)), ilike(products.name, likePattern(q))) as SQL)
  return ctx.tx
    .select({ productId: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(and(...conditions))
    .orderBy(asc(products.sku))
    .limit(SHOWN_CHOICES)
}

/** How many active catalogue products the host could still add in one go. */
export async function countMissingCatalogue(ctx: ServiceContext, found: FoundForecast) {
  if (found.side !== 'host') return 0
  const [{ n }] = await rowsOf<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from products p where p.org_id = ${ctx.orgId} and p.active
        and not exists (select 1 from forecast_products f where f.forecast_id = ${found.forecast.id} and f.sku = p.sku)`,
  )
  return n
}
