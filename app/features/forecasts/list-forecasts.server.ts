import { and, count, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { forecasts, organizations, partnerships } from '#db/schema/index.ts'
import { can, seesOwnOnly } from '../auth/permissions.ts'
import { likePattern } from '../partners/list-partnerships.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { ForecastListStatus } from './schemas.ts'

/**
 * Plans on the caller's partnerships, newest start first, searched by plan or partner name, active or archived;
 * a member_own sees the plans they set up (as findForecast allows).
 */
export async function listForecasts(
  ctx: ServiceContext,
  input: { q?: string; status?: ForecastListStatus; page: PageRequest },
) {
  if (!can(ctx.role, 'forecasts:read')) return { rows: [], total: 0 }
  const other = sql`case when ${partnerships.hostOrgId} = ${ctx.orgId} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`
  const conditions: SQL[] = [
    // Application lock; RLS adds the same restriction underneath.
    or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)) as SQL,
  ]
  if (input.status === 'active') conditions.push(isNull(forecasts.archivedAt))
  if (input.status === 'archived') conditions.push(isNotNull(forecasts.archivedAt))
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(or(ilike(forecasts.name, pattern), ilike(organizations.name, pattern)) as SQL)
  }
  if (seesOwnOnly(ctx.role)) conditions.push(eq(forecasts.createdById, ctx.userId))
  const where = and(...conditions)
  const [rows, [{ total }]] = await Promise.all([
    ctx.tx
      .select({
        id: forecasts.id,
        name: forecasts.name,
        startWeek: forecasts.startWeek,
        horizonWeeks: forecasts.horizonWeeks,
        unit: forecasts.unit,
        archivedAt: forecasts.archivedAt,
        updatedAt: forecasts.updatedAt,
        isHost: sql<boolean>`${forecasts.hostOrgId} = ${ctx.orgId}`,
        partnerName: organizations.name,
        rows: sql<number>`(select count(*)::int from forecast_products p where p.forecast_id = ${forecasts.id})`,
      })
      .from(forecasts)
      .innerJoin(partnerships, eq(partnerships.id, forecasts.partnershipId))
      .innerJoin(organizations, eq(organizations.id, other))
      .where(where)
      .orderBy(desc(forecasts.startWeek), forecasts.name, forecasts.id)
      .limit(input.page.pageSize)
      .offset(input.page.offset),
    ctx.tx
      .select({ total: count() })
      .from(forecasts)
      .innerJoin(partnerships, eq(partnerships.id, forecasts.partnershipId))
      .innerJoin(organizations, eq(organizations.id, other))
      .where(where),
  ])
  return { rows, total }
}
