import { inArray } from 'drizzle-orm'
import { organizations } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { canEditForecast, type FoundForecast } from './find-forecast.server.ts'

export type ForecastHeader = Awaited<ReturnType<typeof forecastHeader>>

/** What every page of a plan shows above its content: the plan, both orgs' names, the caller's side and rights. */
export async function forecastHeader(ctx: ServiceContext, found: FoundForecast) {
  const { forecast } = found
  const orgs = await ctx.tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [forecast.hostOrgId, found.partnerOrgId]))
  const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? ''
  return {
    id: forecast.id,
    name: forecast.name,
    unit: forecast.unit,
    startWeek: forecast.startWeek,
    horizonWeeks: forecast.horizonWeeks,
    rules: { gapBp: forecast.gapBp, gapUnits: forecast.gapUnits, shiftBp: forecast.shiftBp },
    archived: forecast.archivedAt !== null,
    side: found.side,
    hostOrgName: name(forecast.hostOrgId),
    partnerOrgName: name(found.partnerOrgId),
    canEdit: canEditForecast(ctx, found),
  }
}
