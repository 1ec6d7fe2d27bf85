import { eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { type Forecast, forecasts } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { parseInput } from './create-forecast.server.ts'
import { type FoundForecast, findForecast, lockForEdit } from './find-forecast.server.ts'
import { publishForecastCells } from './publish-forecast-cells.server.ts'
import { refreshExceptions } from './refresh-exceptions.server.ts'
import { type ForecastSetupInput, ForecastSetupSchema, rulesOf, setupValues } from './schemas.ts'
import { forecastWeeks } from './weeks.ts'

const settingFields = ['name', 'horizonWeeks', 'unit', 'gapBp', 'gapUnits', 'shiftBp'] as const

/**
 * The last week holding a figure or a proposal on any line, after `fromWeek`: a shorter horizon may not hide
 * figures (the other side's included) from the grid, the rules and the exports.
 */
async function lastWeekWithFigures(ctx: ServiceContext, forecastId: string, fromWeek: string) {
  const [row] = await rowsOf<{ week: string | null }>(
    ctx.tx,
    sql`select max(week_start)::text as week from forecast_cells
        where forecast_id = ${forecastId} and week_start >= ${fromWeek}
          and (value is not null or proposed is not null)`,
  )
  return row?.week ?? null
}

/**
 * Saves a plan's settings: name, horizon, unit and exception rules, at the version the page was loaded at. A save
 * from an older version is refused with the saved values (never overwritten). Changed rules or horizon re-check
 * every cell; viewers of the plan are told to reload.
 */
export async function updateForecastSetup(ctx: ServiceContext, id: string, input: ForecastSetupInput) {
  const value = parseInput(ForecastSetupSchema, input)
  const found = await lockForEdit(ctx, id)
  const { forecast } = found
  if (forecast.version !== value.version)
    throw new AppError('conflict', 'forecastSetup:errors.stale', { current: setupValues(forecast) })
  const next = {
    name: value.name,
    horizonWeeks: value.horizonWeeks,
    unit: value.unit,
    ...rulesOf(value),
  }
  const changed = settingFields.filter((f) => next[f] !== forecast[f])
  if (changed.length === 0) return forecast
  if (next.horizonWeeks < forecast.horizonWeeks) {
    const firstHidden = forecastWeeks(forecast.startWeek, next.horizonWeeks + 1)[next.horizonWeeks]
    const last = await lastWeekWithFigures(ctx, forecast.id, firstHidden)
    if (last) {
      const weeks = forecastWeeks(forecast.startWeek, forecast.horizonWeeks)
      throw new AppError('conflict', 'forecastSetup:errors.horizonHasFigures', {
        week: last,
        min: weeks.indexOf(last) + 1,
      })
    }
  }
  const [row] = await ctx.tx
    .update(forecasts)
    .set({ ...next, version: forecast.version + 1 })
    .where(eq(forecasts.id, forecast.id))
    .returning()
  if (changed.some((f) => f !== 'name' && f !== 'unit')) {
    await refreshExceptions(ctx, { ...found, forecast: row })
  }
  await ctx.audit({
    action: 'forecast.updated',
    targetType: 'forecast',
    targetId: row.id,
    data: { version: row.version, fields: changed },
  })
  publishForecastCells(ctx, row.id, [], true)
  return row
}

/**
 * Archives a plan (it stays readable, nothing in it changes) or brings it back. Either side's editing roles may;
 * the version moves on, so a settings form loaded before is refused rather than saved over the change.
 */
export async function setForecastArchived(
  ctx: ServiceContext,
  id: string,
  archived: boolean,
): Promise<Forecast> {
  const found: FoundForecast = await findForecast(ctx, id, true)
  if (!can(ctx.role, 'forecasts:write')) throw new AppError('forbidden', 'forecasts:errors.readOnly')
  assertPartnershipAllows(found.partnershipStatus, 'write')
  const { forecast } = found
  if (!!forecast.archivedAt === archived) return forecast
  const [row] = await ctx.tx
    .update(forecasts)
    .set({ archivedAt: archived ? new Date() : null, version: forecast.version + 1 })
    .where(eq(forecasts.id, forecast.id))
    .returning()
  await ctx.audit({
    action: archived ? 'forecast.archived' : 'forecast.unarchived',
    targetType: 'forecast',
    targetId: row.id,
    data: { version: row.version },
  })
  publishForecastCells(ctx, row.id, [], true)
  return row
}
