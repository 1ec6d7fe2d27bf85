import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { type Forecast, forecasts, partnerships } from '#db/schema/index.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { can, seesOwnOnly } from '../auth/permissions.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { SideLine } from './grid-types.ts'

export type FoundForecast = {
  forecast: Forecast
  side: SideLine
  partnerOrgId: string
  partnershipStatus: PartnershipStatus
}

const notFound = () => new AppError('not_found', 'forecasts:errors.notFound')

/**
 * The application lock for a plan: RLS limits rows to the caller's partnerships; a member_own sees only the plans
 * they set up. `forUpdate` locks the plan so saves of its cells run one after another: each save then reads the
 * versions and the other lines it checks rules against without racing another save (rules compare two lines).
 */
export async function findForecast(
  ctx: ServiceContext,
  id: string,
  forUpdate = false,
): Promise<FoundForecast> {
  if (!isId(id) || !can(ctx.role, 'forecasts:read')) throw notFound()
  const query = ctx.tx
    .select({ forecast: forecasts, partnerOrgId: partnerships.partnerOrgId, status: partnerships.status })
    .from(forecasts)
    .innerJoin(partnerships, eq(partnerships.id, forecasts.partnershipId))
    .where(eq(forecasts.id, id))
  const [row] = forUpdate ? await query.for('no key update', { of: forecasts }) : await query
  if (!row) throw notFound()
  const side: SideLine | null =
    row.forecast.hostOrgId === ctx.orgId ? 'host' : row.partnerOrgId === ctx.orgId ? 'partner' : null
  if (!side) throw notFound()
  if (seesOwnOnly(ctx.role) && row.forecast.createdById !== ctx.userId) throw notFound()
  return { forecast: row.forecast, side, partnerOrgId: row.partnerOrgId, partnershipStatus: row.status }
}

/** Whether the caller may change figures: an editing role, on a partnership that allows writes, a plan not archived. */
export function canEditForecast(ctx: Pick<ServiceContext, 'role'>, found: FoundForecast): boolean {
  return (
    can(ctx.role, 'forecasts:write') &&
    partnershipAllows(found.partnershipStatus, 'write') &&
    !found.forecast.archivedAt
  )
}

/** Finds and locks the plan for a change of figures, refusing viewers and closed plans. */
export async function lockForEdit(ctx: ServiceContext, id: string): Promise<FoundForecast> {
  const found = await findForecast(ctx, id, true)
  if (!can(ctx.role, 'forecasts:write')) throw new AppError('forbidden', 'forecasts:errors.readOnly')
  if (!canEditForecast(ctx, found)) throw new AppError('conflict', 'forecasts:errors.closed')
  return found
}
