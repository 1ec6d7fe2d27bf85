import { eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import {
  type ForecastException,
  type ForecastExceptionStatus,
  forecastExceptionEvents,
  forecastExceptions,
} from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { canEditForecast } from './find-forecast.server.ts'
import { type FoundException, findForecastException } from './find-forecast-exception.server.ts'
import { currentValues, listOwnerCandidates } from './get-exception.server.ts'
import { publishForecastCells } from './publish-forecast-cells.server.ts'

export const MAX_EXCEPTION_NOTE = 2000

type Ref = { forecastId: string; exceptionId: string; version: number }
type Step = {
  action: 'owner_set' | 'explained' | 'resolved' | 'reopened'
  set: Partial<typeof forecastExceptions.$inferInsert>
  note: string
  toStatus: ForecastExceptionStatus
}

/**
 * Locks the exception and refuses anything but an editing role on an open plan at the version the person saw; a
 * stale version is a 409 carrying the exception as it is now, so the page can say what changed.
 */
async function lockForChange(ctx: ServiceContext, ref: Ref): Promise<FoundException> {
  const found = await findForecastException(ctx, ref.exceptionId, {
    forecastId: ref.forecastId,
    forUpdate: true,
  })
  if (!can(ctx.role, 'forecasts:write')) throw new AppError('forbidden', 'forecastExceptions:errors.readOnly')
  if (!canEditForecast(ctx, found)) throw new AppError('conflict', 'forecastExceptions:errors.closed')
  if (found.exception.version !== ref.version) {
    throw new AppError('conflict', 'forecastExceptions:errors.stale', {
      current: await currentValues(ctx, found.exception),
    })
  }
  return found
}

/** Writes one step: the exception one version up, its event (who, what they said), the audit, a reload push. */
async function apply(ctx: ServiceContext, found: FoundException, step: Step): Promise<ForecastException> {
  const { exception, forecast } = found
  const [row] = await ctx.tx
    .update(forecastExceptions)
    .set({ ...step.set, version: sql`${forecastExceptions.version} + 1`, updatedAt: new Date() })
    .where(eq(forecastExceptions.id, exception.id))
    .returning()
  await ctx.tx.insert(forecastExceptionEvents).values({
    exceptionId: exception.id,
    partnershipId: forecast.partnershipId,
    action: step.action,
    fromStatus: exception.status,
    toStatus: step.toStatus,
    note: step.note,
    actorId: ctx.userId,
    actorOrgId: ctx.orgId,
  })
  await ctx.audit({
    action: `forecast.exception_${step.action}`,
    targetType: 'forecast_exception',
    targetId: exception.id,
    data: { forecastId: forecast.id, from: exception.status, to: step.toStatus },
  })
  // Open grids reload to redraw the highlight of the cell.
  publishForecastCells(ctx, forecast.id, [], true)
  return row
}

function requiredNote(note: string | undefined) {
  const text = (note ?? '').trim()
  if (!text) throw new AppError('invalid', 'forecastExceptions:errors.noteRequired', { field: 'note' })
  if (text.length > MAX_EXCEPTION_NOTE) {
    throw new AppError('invalid', 'forecastExceptions:errors.noteTooLong', {
      field: 'note',
      max: MAX_EXCEPTION_NOTE,
    })
  }
  return text
}

/**
 * Gives the exception to someone who will sort it out: an active member of either org in an editing role (or
 * nobody). The event's note names the new owner, so the history reads without a lookup.
 */
export async function setExceptionOwner(ctx: ServiceContext, ref: Ref & { ownerId: string | null }) {
  const found = await lockForChange(ctx, ref)
  if (found.exception.ownerId === ref.ownerId) return found.exception
  let ownerName = ''
  if (ref.ownerId !== null) {
    const [candidate] = await listOwnerCandidates(ctx, found, ref.ownerId)
    if (!candidate) throw new AppError('invalid', 'forecastExceptions:errors.owner', { field: 'ownerId' })
    ownerName = candidate.name
  }
  return apply(ctx, found, {
    action: 'owner_set',
    set: { ownerId: ref.ownerId },
    note: ownerName,
    toStatus: found.exception.status,
  })
}

/** Says why the figures differ (open → explained; an explained one may be explained again with a new note). */
export async function explainException(ctx: ServiceContext, ref: Ref & { note: string }) {
  const found = await lockForChange(ctx, ref)
  const note = requiredNote(ref.note)
  if (found.exception.status === 'resolved') {
    throw new AppError('conflict', 'forecastExceptions:errors.resolved')
  }
  return apply(ctx, found, {
    action: 'explained',
    set: { status: 'explained', note },
    note,
    toStatus: 'explained',
  })
}

/** Closes the exception with what was decided (the note), recording who decided it and when. */
export async function resolveException(ctx: ServiceContext, ref: Ref & { note: string }) {
  const found = await lockForChange(ctx, ref)
  const note = requiredNote(ref.note)
  if (found.exception.status === 'resolved') {
    throw new AppError('conflict', 'forecastExceptions:errors.resolved')
  }
  return apply(ctx, found, {
    action: 'resolved',
    set: { status: 'resolved', note, resolvedById: ctx.userId, resolvedAt: new Date() },
    note,
    toStatus: 'resolved',
  })
}

/**
 * Opens a resolved exception again (the note, optional, says why). Only while the cell still breaks the rule: one
 * back within it would be cleared again by the next check of its figures.
 */
export async function reopenException(ctx: ServiceContext, ref: Ref & { note?: string }) {
  const note = (ref.note ?? '').trim().slice(0, MAX_EXCEPTION_NOTE)
  const found = await lockForChange(ctx, ref)
  if (found.exception.status !== 'resolved') {
    throw new AppError('conflict', 'forecastExceptions:errors.notResolved')
  }
  if (!found.exception.breaking) throw new AppError('conflict', 'forecastExceptions:errors.notBreaking')
  return apply(ctx, found, {
    action: 'reopened',
    set: { status: 'open', resolvedById: null, resolvedAt: null, ...(note ? { note } : {}) },
    note,
    toStatus: 'open',
  })
}
