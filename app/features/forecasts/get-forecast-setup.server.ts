import { asc, count, eq, inArray } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { forecastProducts, organizations, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { canEditForecast, findForecast } from './find-forecast.server.ts'
import {
  countMissingCatalogue,
  listRowChoices,
  MAX_FORECAST_ROWS,
  removalBlock,
  rowFigures,
} from './forecast-products.server.ts'
import { setupValues } from './schemas.ts'

/** The setup page of a plan: its settings, who set it up, a page of its rows (with what blocks removing each). */
export async function getForecastSetup(
  ctx: ServiceContext,
  id: string,
  input: { q: string; page: PageRequest },
) {
  const found = await findForecast(ctx, id)
  const { forecast } = found
  const editable = canEditForecast(ctx, found)
  const [orgs, creator, rows, [{ total }]] = await Promise.all([
    ctx.tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(inArray(organizations.id, [forecast.hostOrgId, found.partnerOrgId])),
    forecast.createdById
      ? ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, forecast.createdById))
      : Promise.resolve([]),
    ctx.tx
      .select({
        id: forecastProducts.id,
        sku: forecastProducts.sku,
        name: forecastProducts.name,
        productId: forecastProducts.productId,
      })
      .from(forecastProducts)
      .where(eq(forecastProducts.forecastId, forecast.id))
      .orderBy(asc(forecastProducts.position), asc(forecastProducts.sku))
      .limit(input.page.pageSize)
      .offset(input.page.offset),
    ctx.tx
      .select({ total: count() })
      .from(forecastProducts)
      .where(eq(forecastProducts.forecastId, forecast.id)),
  ])
  const figures = await rowFigures(
    ctx,
    found,
    rows.map((r) => r.id),
  )
  const nameOf = (orgId: string) => orgs.find((o) => o.id === orgId)?.name ?? ''
  const [choices, missingCatalogue] = editable
    ? await Promise.all([listRowChoices(ctx, found, input.q), countMissingCatalogue(ctx, found)])
    : [[], 0]
  return {
    forecast: {
      id: forecast.id,
      name: forecast.name,
      startWeek: forecast.startWeek,
      horizonWeeks: forecast.horizonWeeks,
      unit: forecast.unit,
      archived: forecast.archivedAt !== null,
      createdAt: forecast.createdAt.toISOString(),
      version: forecast.version,
    },
    values: setupValues(forecast),
    side: found.side,
    partnershipActive: partnershipAllows(found.partnershipStatus, 'write'),
    hostName: nameOf(forecast.hostOrgId),
    partnerName: nameOf(found.partnerOrgId),
    createdBy: { name: creator[0]?.name ?? null, orgName: nameOf(forecast.createdByOrgId) },
    rows: rows.map((r, i) => {
      const f = figures.get(r.id)
      return {
        id: r.id,
        sku: r.sku,
        name: r.name,
        index: input.page.offset + i,
        fromCatalogue: r.productId !== null,
        ownFigures: f?.own ?? 0,
        block: removalBlock(f),
      }
    }),
    total,
    choices,
    missingCatalogue,
    maxRows: MAX_FORECAST_ROWS,
    can: { edit: editable, archive: can(ctx.role, 'forecasts:write') },
  }
}
export type ForecastSetupPage = Awaited<ReturnType<typeof getForecastSetup>>
