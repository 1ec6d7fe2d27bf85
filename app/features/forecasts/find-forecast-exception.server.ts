import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { type ForecastException, forecastExceptions, forecastProducts } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundForecast, findForecast } from './find-forecast.server.ts'

const notFound = () => new AppError('not_found', 'forecastExceptions:errors.notFound')

export type FoundException = FoundForecast & { exception: ForecastException }

/**
 * The application lock for one exception: its plan's (findForecast: the partnership's two orgs, member_own only
 * their own plans), and, given a plan, the exception must be one of its own. `forUpdate` locks the exception row
 * for a change of owner or status (the plan itself is not locked: saves re-check rules under the plan's lock and
 * bump the exception's version, which the caller's version check catches).
 */
export async function findForecastException(
  ctx: ServiceContext,
  exceptionId: string,
  options: { forecastId?: string; forUpdate?: boolean } = {},
): Promise<FoundException> {
  if (!isId(exceptionId) || !can(ctx.role, 'forecasts:read')) throw notFound()
  const query = ctx.tx.select().from(forecastExceptions).where(eq(forecastExceptions.id, exceptionId))
  const [exception] = options.forUpdate ? await query.for('update') : await query
  if (!exception) throw notFound()
  if (options.forecastId !== undefined && exception.forecastId !== options.forecastId) throw notFound()
  const found = await findForecast(ctx, exception.forecastId)
  return { ...found, exception }
}

/** The record a discussion thread hangs on, and the thread's name (plan, SKU, week). */
export async function forecastExceptionThread(ctx: ServiceContext, exceptionId: string) {
  const { exception, forecast, partnershipStatus } = await findForecastException(ctx, exceptionId)
  const [product] = await ctx.tx
    .select({ sku: forecastProducts.sku })
    .from(forecastProducts)
    .where(eq(forecastProducts.id, exception.forecastProductId))
  return {
    record: { id: exception.id, hostOrgId: forecast.hostOrgId, partnershipId: forecast.partnershipId },
    name: `${forecast.name}: ${product?.sku ?? ''} ${exception.weekStart}`,
    partnershipStatus,
  }
}
