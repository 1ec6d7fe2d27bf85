import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { rowsOf } from '#db/rows.ts'
import { forecastAdjustmentCells, forecastAdjustments, promotions } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { promotionWeeks } from '../promotions/weeks.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lockForEdit } from './find-forecast.server.ts'
import { agreedPromotionStatuses } from './get-forecast-grid.server.ts'
import { publishForecastCells } from './publish-forecast-cells.server.ts'
import { refreshExceptions } from './refresh-exceptions.server.ts'
import { forecastWeeks } from './weeks.ts'

/** Units a lift adds to a figure: the figure × the promotion's expected lift, rounded half up. */
export function liftUnits(figure: number, liftBp: number): number {
  return Math.floor((figure * liftBp + 5000) / 10000)
}

/**
 * Applies an agreed promotion's expected lift to the caller's own forecast line, as an adjustment of its own: for
 * each row the promotion covers (by SKU) and each of its weeks in the horizon, the line's figure × the expected lift
 * (docs/decisions/0019-co-forecasts.md). The line's figures are not touched, so the adjustment is traced and undone
 * as one. A promotion is applied once per line (a retry or a second click is refused).
 */
export async function applyPromotionLift(ctx: ServiceContext, id: string, promotionId: string) {
  const found = await lockForEdit(ctx, id)
  const { forecast, side } = found
  if (!isId(promotionId)) throw new AppError('not_found', 'forecasts:errors.promotionNotFound')
  const conditions = [
    eq(promotions.id, promotionId),
    eq(promotions.partnershipId, forecast.partnershipId),
    inArray(promotions.status, [...agreedPromotionStatuses]),
  ]
  if (seesOwnOnly(ctx.role)) conditions.push(eq(promotions.createdById, ctx.userId))
  const [promotion] = await ctx.tx
    .select()
    .from(promotions)
    .where(and(...conditions))
  if (!promotion) throw new AppError('not_found', 'forecasts:errors.promotionNotFound')
  if (promotion.expectedLiftBp <= 0) throw new AppError('conflict', 'forecasts:errors.noLift')
  const [applied] = await ctx.tx
    .select({ id: forecastAdjustments.id })
    .from(forecastAdjustments)
    .where(
      and(
        eq(forecastAdjustments.forecastId, forecast.id),
        eq(forecastAdjustments.promotionId, promotion.id),
        eq(forecastAdjustments.line, side),
        isNull(forecastAdjustments.undoneAt),
      ),
    )
  if (applied) throw new AppError('conflict', 'forecasts:errors.liftApplied')

  const horizon = new Set(forecastWeeks(forecast.startWeek, forecast.horizonWeeks))
  const weeks = promotionWeeks(promotion.startsOn, promotion.endsOn).filter((w) => horizon.has(w))
  // The line's figures on the promotion's weeks, for the rows whose SKU it covers.
  const figures = weeks.length
    ? await rowsOf<{ productId: string; weekStart: string; value: number }>(
        ctx.tx,
        sql`select c.forecast_product_id::text as "productId", c.week_start::text as "weekStart", c.value
            from forecast_cells c
            join forecast_products p on p.id = c.forecast_product_id
            where c.forecast_id = ${forecast.id} and c.line = ${side} and c.value is not null
              and c.week_start in (${sql.join(
                weeks.map((w) => sql`${w}::date`),
                sql`, `,
              )})
              and p.sku in (select sku from promotion_products where promotion_id = ${promotion.id})`,
      )
    : []
  const cells = figures
    .map((f) => ({ ...f, units: liftUnits(f.value, promotion.expectedLiftBp) }))
    .filter((c) => c.units !== 0)
  if (cells.length === 0) throw new AppError('conflict', 'forecasts:errors.liftNothing')
  const [adjustment] = await ctx.tx
    .insert(forecastAdjustments)
    .values({
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      promotionId: promotion.id,
      line: side,
      label: promotion.name,
      liftBp: promotion.expectedLiftBp,
      createdById: ctx.userId,
      createdByOrgId: ctx.orgId,
    })
    .returning()
  await ctx.tx.insert(forecastAdjustmentCells).values(
    cells.map((c) => ({
      adjustmentId: adjustment.id,
      forecastProductId: c.productId,
      weekStart: c.weekStart,
      forecastId: forecast.id,
      partnershipId: forecast.partnershipId,
      units: c.units,
    })),
  )
  await ctx.audit({
    action: 'forecast.lift_applied',
    targetType: 'forecast',
    targetId: forecast.id,
    data: { promotionId: promotion.id, line: side, cells: cells.length },
  })
  await refreshExceptions(ctx, found, cells)
  publishForecastCells(ctx, forecast.id, [], true)
  return { adjustmentId: adjustment.id, cells: cells.length }
}

/** Undoes an adjustment of the caller's own line: its units stop counting; the rows stay, marked undone. */
export async function undoAdjustment(ctx: ServiceContext, id: string, adjustmentId: string) {
  const found = await lockForEdit(ctx, id)
  if (!isId(adjustmentId)) throw new AppError('not_found', 'forecasts:errors.adjustmentNotFound')
  const [adjustment] = await ctx.tx
    .update(forecastAdjustments)
    .set({ undoneAt: new Date(), undoneById: ctx.userId })
    .where(
      and(
        eq(forecastAdjustments.id, adjustmentId),
        eq(forecastAdjustments.forecastId, found.forecast.id),
        eq(forecastAdjustments.line, found.side),
        isNull(forecastAdjustments.undoneAt),
      ),
    )
    .returning()
  if (!adjustment) throw new AppError('not_found', 'forecasts:errors.adjustmentNotFound')
  const cells = await ctx.tx
    .select({
      productId: forecastAdjustmentCells.forecastProductId,
      weekStart: forecastAdjustmentCells.weekStart,
    })
    .from(forecastAdjustmentCells)
    .where(eq(forecastAdjustmentCells.adjustmentId, adjustment.id))
  await ctx.audit({
    action: 'forecast.lift_undone',
    targetType: 'forecast',
    targetId: found.forecast.id,
    data: { adjustmentId: adjustment.id, promotionId: adjustment.promotionId },
  })
  await refreshExceptions(ctx, found, cells)
  publishForecastCells(ctx, found.forecast.id, [], true)
  return { adjustmentId: adjustment.id }
}
