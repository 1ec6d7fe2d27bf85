import type { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { forecasts } from '#db/schema/index.ts'
import { assertPermission } from '../auth/require.server.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type CreateForecastInput, CreateForecastSchema, rulesOf } from './schemas.ts'

/** Parses a service's plain input; what a form would have refused is refused here too, by its message key. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success)
    throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'forecastSetup:errors.invalid')
  return parsed.data
}

/**
 * Either side of an active partnership starts a plan on it. The plan's host is always the partnership's host
 * (the manufacturer's line is the host line, whoever set the plan up); `created_by_org` records who did.
 */
export async function createForecast(ctx: ServiceContext, input: CreateForecastInput) {
  assertPermission(ctx, 'forecasts:write')
  const value = parseInput(CreateForecastSchema, input)
  const partnership = await getPartnership(ctx, value.partnershipId)
  if (!partnership) throw new AppError('not_found', 'forecastSetup:errors.partnershipNotFound')
  if (!partnershipAllows(partnership.status, 'write'))
    throw new AppError('conflict', 'forecastSetup:errors.partnershipClosed')
  const [row] = await ctx.tx
    .insert(forecasts)
    .values({
      partnershipId: partnership.id,
      hostOrgId: partnership.host.id,
      createdByOrgId: ctx.orgId,
      createdById: ctx.userId,
      name: value.name,
      startWeek: value.startWeek,
      horizonWeeks: value.horizonWeeks,
      unit: value.unit,
      ...rulesOf(value),
    })
    .returning()
  await ctx.audit({
    action: 'forecast.created',
    targetType: 'forecast',
    targetId: row.id,
    data: { partnershipId: partnership.id, startWeek: row.startWeek, horizonWeeks: row.horizonWeeks },
  })
  return row
}
