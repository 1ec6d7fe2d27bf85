import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  type ForecastException,
  forecastExceptionEvents,
  forecastProducts,
  memberships,
  organizations,
  roles,
  users,
} from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { findRecordThreadId } from '../chat/open-channel.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { canEditForecast, type FoundForecast } from './find-forecast.server.ts'
import { findForecastException } from './find-forecast-exception.server.ts'
import { forecastHeader } from './get-forecast-header.server.ts'

/** Roles that may own an exception: the ones that may change figures (viewers and portal users read only). */
const ownerRoles = roles.filter((r) => can(r, 'forecasts:write'))

/**
 * People who may own an exception: active members of either org of the partnership in an editing role. RLS lets
 * a tenant read the memberships and users of its partner orgs, so one query lists both sides.
 */
export async function listOwnerCandidates(ctx: ServiceContext, found: FoundForecast, onlyUserId?: string) {
  const conditions = [
    inArray(memberships.orgId, [found.forecast.hostOrgId, found.partnerOrgId]),
    eq(memberships.status, 'active'),
    inArray(memberships.role, ownerRoles),
  ]
  if (onlyUserId) conditions.push(eq(memberships.userId, onlyUserId))
  return ctx.tx
    .select({ id: users.id, name: users.name, orgName: organizations.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(...conditions))
    .orderBy(asc(organizations.name), asc(users.name))
    .limit(500)
}

/** The name of a user the caller may read (null when unknown or gone). */
export async function userName(ctx: ServiceContext, id: string | null) {
  if (!id) return null
  const [row] = await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, id))
  return row?.name ?? null
}

/** What a refused change tells the person: the exception as it is now. */
export async function currentValues(ctx: ServiceContext, exception: ForecastException) {
  return {
    status: exception.status,
    ownerId: exception.ownerId,
    ownerName: await userName(ctx, exception.ownerId),
    note: exception.note,
    breaking: exception.breaking,
    version: exception.version,
  }
}

const actors = alias(users, 'actors')

/**
 * One exception's page: the cell and its figures, who owns it, the history of every step (who, when, what they
 * said), the people it can be given to, and its discussion thread if one was started.
 */
export async function getException(ctx: ServiceContext, forecastId: string, exceptionId: string) {
  const found = await findForecastException(ctx, exceptionId, { forecastId })
  const { exception } = found
  const canAct = canEditForecast(ctx, found)
  const [header, [product], events, owner, resolvedBy, candidates, threadId] = await Promise.all([
    forecastHeader(ctx, found),
    ctx.tx
      .select({ id: forecastProducts.id, sku: forecastProducts.sku, name: forecastProducts.name })
      .from(forecastProducts)
      .where(eq(forecastProducts.id, exception.forecastProductId)),
    ctx.tx
      .select({
        id: forecastExceptionEvents.id,
        action: forecastExceptionEvents.action,
        fromStatus: forecastExceptionEvents.fromStatus,
        toStatus: forecastExceptionEvents.toStatus,
        note: forecastExceptionEvents.note,
        actorName: actors.name,
        actorOrgName: organizations.name,
        at: forecastExceptionEvents.createdAt,
      })
      .from(forecastExceptionEvents)
      .leftJoin(actors, eq(actors.id, forecastExceptionEvents.actorId))
      .leftJoin(organizations, eq(organizations.id, forecastExceptionEvents.actorOrgId))
      .where(eq(forecastExceptionEvents.exceptionId, exception.id))
      .orderBy(desc(forecastExceptionEvents.createdAt), desc(forecastExceptionEvents.id))
      .limit(200),
    userName(ctx, exception.ownerId),
    userName(ctx, exception.resolvedById),
    canAct ? listOwnerCandidates(ctx, found) : Promise.resolve([]),
    findRecordThreadId(ctx, 'forecast_exception', exception.id),
  ])
  return {
    forecast: header,
    exception: {
      id: exception.id,
      rule: exception.rule,
      status: exception.status,
      breaking: exception.breaking,
      weekStart: exception.weekStart,
      left: exception.left,
      right: exception.right,
      varianceUnits: exception.varianceUnits,
      varianceBp: exception.varianceBp,
      ownerId: exception.ownerId,
      ownerName: owner,
      note: exception.note,
      resolvedByName: resolvedBy,
      resolvedAt: exception.resolvedAt?.toISOString() ?? null,
      version: exception.version,
      sku: product?.sku ?? '',
      productName: product?.name ?? '',
    },
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    candidates,
    canAct,
    canDiscuss: can(ctx.role, 'chat:read'),
    threadId,
  }
}
