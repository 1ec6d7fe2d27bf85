import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import { isId } from '#app/lib/ids.ts'
import type { PageRequest } from '#app/lib/pagination.ts'
import {
  type ForecastExceptionStatus,
  type ForecastRule,
  forecastExceptions,
  forecastProducts,
  users,
} from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findForecast } from './find-forecast.server.ts'
import { forecastHeader } from './get-forecast-header.server.ts'

export type ExceptionFilter = {
  status?: ForecastExceptionStatus
  rule?: ForecastRule
  productId?: string
  page: PageRequest
}

export type ExceptionRow = Awaited<ReturnType<typeof listExceptions>>['rows'][number]

/**
 * A plan's exceptions, the largest gaps first (|variance| in units, then in share), filtered by status, rule and
 * product, a page at a time; with the plan's rows for the product filter and how many exceptions are in each status.
 */
export async function listExceptions(ctx: ServiceContext, forecastId: string, filter: ExceptionFilter) {
  const found = await findForecast(ctx, forecastId)
  const { forecast } = found
  const conditions: SQL[] = [eq(forecastExceptions.forecastId, forecast.id)]
  if (filter.rule) conditions.push(eq(forecastExceptions.rule, filter.rule))
  if (filter.productId && isId(filter.productId)) {
    conditions.push(eq(forecastExceptions.forecastProductId, filter.productId))
  }
  const byStatus = filter.status ? [eq(forecastExceptions.status, filter.status)] : []
  const where = and(...conditions, ...byStatus)
  const [header, rows, [{ total }], statusCounts, products] = await Promise.all([
    forecastHeader(ctx, found),
    ctx.tx
      .select({
        id: forecastExceptions.id,
        sku: forecastProducts.sku,
        productName: forecastProducts.name,
        weekStart: forecastExceptions.weekStart,
        rule: forecastExceptions.rule,
        left: forecastExceptions.left,
        right: forecastExceptions.right,
        varianceUnits: forecastExceptions.varianceUnits,
        varianceBp: forecastExceptions.varianceBp,
        ownerName: users.name,
        status: forecastExceptions.status,
        breaking: forecastExceptions.breaking,
      })
      .from(forecastExceptions)
      .innerJoin(forecastProducts, eq(forecastProducts.id, forecastExceptions.forecastProductId))
      .leftJoin(users, eq(users.id, forecastExceptions.ownerId))
      .where(where)
      .orderBy(
        desc(sql`abs(${forecastExceptions.varianceUnits})`),
        desc(forecastExceptions.varianceBp),
        asc(forecastProducts.position),
        asc(forecastExceptions.weekStart),
        asc(forecastExceptions.rule),
      )
      .limit(filter.page.pageSize)
      .offset(filter.page.offset),
    ctx.tx.select({ total: count() }).from(forecastExceptions).where(where),
    // Counts ignore the status filter: they label the status choices.
    ctx.tx
      .select({ status: forecastExceptions.status, n: count() })
      .from(forecastExceptions)
      .where(and(...conditions))
      .groupBy(forecastExceptions.status),
    ctx.tx
      .select({ id: forecastProducts.id, sku: forecastProducts.sku, name: forecastProducts.name })
      .from(forecastProducts)
      .where(eq(forecastProducts.forecastId, forecast.id))
      .orderBy(asc(forecastProducts.position), asc(forecastProducts.sku))
      .limit(1000),
  ])
  const counts: Record<ForecastExceptionStatus, number> = { open: 0, explained: 0, resolved: 0 }
  for (const c of statusCounts) counts[c.status] = Number(c.n)
  return { forecast: header, rows, total: Number(total), counts, products }
}
