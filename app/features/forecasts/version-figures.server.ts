import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { rowsOf } from '#db/rows.ts'
import { forecastProducts, forecastVersions, organizations, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lineWithAdjustments } from './exception-rules.ts'
import type { FoundForecast } from './find-forecast.server.ts'
import { loadGrid } from './get-forecast-grid.server.ts'

/** One cell as a version froze it (or as the grid shows it now): each line with its adjustments. */
export type FrozenCell = {
  productId: string
  weekStart: string
  host: number | null
  partner: number | null
  consensus: number | null
}

const notFound = () => new AppError('not_found', 'forecastVersions:errors.notFound')

/** The plan's published versions (or those matching `where`), newest first, with who published them. */
export function listVersionRows(ctx: ServiceContext, forecastId: string, where?: SQL) {
  return ctx.tx
    .select({
      id: forecastVersions.id,
      number: forecastVersions.number,
      note: forecastVersions.note,
      publishedAt: forecastVersions.publishedAt,
      publishedByName: users.name,
      publishedByOrgName: organizations.name,
    })
    .from(forecastVersions)
    .leftJoin(users, eq(users.id, forecastVersions.publishedById))
    .leftJoin(organizations, eq(organizations.id, forecastVersions.publishedByOrgId))
    .where(and(eq(forecastVersions.forecastId, forecastId), where))
    .orderBy(desc(forecastVersions.number))
    .$dynamic()
}

/** A version of this plan (another plan's version, or a malformed id, is not found). */
export async function findVersion(ctx: ServiceContext, forecastId: string, versionId: string) {
  if (!isId(versionId)) throw notFound()
  const [version] = await listVersionRows(ctx, forecastId, eq(forecastVersions.id, versionId))
  if (!version) throw notFound()
  return version
}

/** The frozen cells of a version. */
export function versionCells(ctx: ServiceContext, versionId: string) {
  return rowsOf<FrozenCell>(
    ctx.tx,
    sql`select forecast_product_id::text as "productId", week_start::text as "weekStart", host, partner, consensus
        from forecast_version_cells where forecast_version_id = ${versionId}`,
  )
}

/**
 * The grid as it shows now, in the shape a version freezes it: each line plus its active adjustments (what people
 * agreed to plan on), only cells with a figure on some line.
 */
export async function currentCells(ctx: ServiceContext, found: FoundForecast): Promise<FrozenCell[]> {
  const grid = await loadGrid(ctx, found)
  const host = lineWithAdjustments(grid.lines.host, grid.adjustments, 'host')
  const partner = lineWithAdjustments(grid.lines.partner, grid.adjustments, 'partner')
  const consensus = lineWithAdjustments(grid.lines.consensus, grid.adjustments, 'consensus')
  const cells: FrozenCell[] = []
  const weekCount = grid.weeks.length
  for (let i = 0; i < grid.products.length * weekCount; i++) {
    if (host[i] === null && partner[i] === null && consensus[i] === null) continue
    cells.push({
      productId: grid.products[Math.floor(i / weekCount)].id,
      weekStart: grid.weeks[i % weekCount],
      host: host[i],
      partner: partner[i],
      consensus: consensus[i],
    })
  }
  return cells
}

/** The plan's rows in grid order. */
export function planProducts(ctx: ServiceContext, forecastId: string) {
  return ctx.tx
    .select({ id: forecastProducts.id, sku: forecastProducts.sku, name: forecastProducts.name })
    .from(forecastProducts)
    .where(eq(forecastProducts.forecastId, forecastId))
    .orderBy(asc(forecastProducts.position), asc(forecastProducts.sku))
}
