import { inArray, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { type ForecastChangeKind, forecastProducts, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundForecast, lockForEdit } from './find-forecast.server.ts'
import {
  type CellConflict,
  type CellEdit,
  type CellUpdate,
  type ForecastLine,
  MAX_FORECAST_UNITS,
} from './grid-types.ts'
import { publishSavedCells } from './publish-forecast-cells.server.ts'
import { refreshExceptions } from './refresh-exceptions.server.ts'
import { forecastWeeks } from './weeks.ts'

/** More than a whole 500 × 52 line: one save may paste any block the grid shows. */
export const MAX_CELLS_PER_SAVE = 30_000

export type Current = {
  p: string
  week: string
  value: number | null
  proposed: number | null
  by: string | null
  version: number
  updatedById: string | null
}

/** A cell's state after a write: its figure and, on the consensus line, the proposal waiting. */
export type CellTarget = {
  productId: string
  weekStart: string
  value: number | null
  proposed: number | null
  proposedByOrgId: string | null
  kind: ForecastChangeKind
}

const key = (productId: string, weekStart: string) => `${productId}|${weekStart}`

/** The current cells of one line at the given keys (one query, whatever their number). */
export async function readCells(
  ctx: ServiceContext,
  forecastId: string,
  line: ForecastLine,
  keys: { productId: string; weekStart: string }[],
): Promise<Map<string, Current>> {
  if (keys.length === 0) return new Map()
  const wanted = JSON.stringify(keys.map((k) => ({ p: k.productId, w: k.weekStart })))
  const rows = await rowsOf<Current>(
    ctx.tx,
    sql`select c.forecast_product_id::text as p, c.week_start::text as week, c.value, c.proposed,
          c.proposed_by_org_id::text as by, c.version, c.updated_by_id::text as "updatedById"
        from jsonb_to_recordset(${wanted}::jsonb) as k(p uuid, w date)
        join forecast_cells c on c.forecast_product_id = k.p and c.week_start = k.w and c.line = ${line}
        where c.forecast_id = ${forecastId}`,
  )
  return new Map(rows.map((r) => [key(r.p, r.week), r]))
}

type Written = {
  p: string
  w: string
  value: number | null
  proposed: number | null
  by: string | null
  version: number
}

/**
 * Writes cells of one line to their target state, each one version up, grouped by kind so the history trigger
 * records why (`tandem.change_kind`). The caller holds the plan's lock and checked versions.
 */
export async function writeCells(
  ctx: ServiceContext,
  found: FoundForecast,
  line: ForecastLine,
  targets: CellTarget[],
): Promise<CellUpdate[]> {
  const { forecast } = found
  const updates: CellUpdate[] = []
  const kinds = [...new Set(targets.map((t) => t.kind))]
  for (const kind of kinds) {
    const batch = targets.filter((t) => t.kind === kind)
    await ctx.tx.execute(sql`select set_config('tandem.change_kind', ${kind}, true)`)
    // The cells travel as one jsonb parameter: drizzle's values() builder spent longer assembling a 1,000-row
    // upsert than the database spent running it (tests/bench/forecasts.ts).
    const cells = JSON.stringify(
      batch.map((t) => ({ p: t.productId, w: t.weekStart, v: t.value, x: t.proposed, b: t.proposedByOrgId })),
    )
    const rows = await rowsOf<Written>(
      ctx.tx,
      sql`insert into forecast_cells (forecast_product_id, week_start, line, forecast_id, partnership_id, value,
            proposed, proposed_by_org_id, updated_by_id, updated_by_org_id)
          select k.p, k.w, ${line}::text, ${forecast.id}::uuid, ${forecast.partnershipId}::uuid, k.v, k.x, k.b,
            ${ctx.userId}::uuid, ${ctx.orgId}::uuid
          from jsonb_to_recordset(${cells}::jsonb) as k(p uuid, w date, v int, x int, b uuid)
          on conflict (forecast_product_id, week_start, line) do update set value = excluded.value,
            proposed = excluded.proposed, proposed_by_org_id = excluded.proposed_by_org_id,
            updated_by_id = excluded.updated_by_id, updated_by_org_id = excluded.updated_by_org_id,
            version = forecast_cells.version + 1, updated_at = now()
          returning forecast_product_id::text as p, week_start::text as w, value, proposed,
            proposed_by_org_id::text as by, version`,
    )
    for (const r of rows) {
      updates.push({
        productId: r.p,
        weekStart: r.w,
        line,
        value: r.value,
        proposed: r.proposed,
        proposedBy: r.by === null ? null : r.by === forecast.hostOrgId ? 'host' : 'partner',
        version: r.version,
      })
    }
  }
  await ctx.tx.execute(sql`select set_config('tandem.change_kind', '', true)`)
  return updates
}

/** Names of the people who saved cells that came back as conflicts. */
export async function namesOf(ctx: ServiceContext, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((v): v is string => !!v))]
  if (unique.length === 0) return new Map<string, string>()
  const rows = await ctx.tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique))
  return new Map(rows.map((u) => [u.id, u.name]))
}

/** Checks a request's cells: rows of this plan, weeks of its horizon, each cell once, a version it was read at. */
export async function validateCells(
  ctx: ServiceContext,
  found: FoundForecast,
  cells: { productId: string; weekStart: string; baseVersion: number }[],
) {
  if (cells.length === 0 || cells.length > MAX_CELLS_PER_SAVE) {
    throw new AppError('invalid', 'forecasts:errors.cellCount', { max: MAX_CELLS_PER_SAVE })
  }
  const { forecast } = found
  const weeks = new Set(forecastWeeks(forecast.startWeek, forecast.horizonWeeks))
  const products = await ctx.tx
    .select({ id: forecastProducts.id })
    .from(forecastProducts)
    .where(sql`${forecastProducts.forecastId} = ${forecast.id}`)
  const productIds = new Set(products.map((p) => p.id))
  const seen = new Set<string>()
  for (const cell of cells) {
    const k = key(cell.productId, cell.weekStart)
    const valid =
      productIds.has(cell.productId) &&
      weeks.has(cell.weekStart) &&
      !seen.has(k) &&
      Number.isSafeInteger(cell.baseVersion) &&
      cell.baseVersion >= 0
    if (!valid) throw new AppError('invalid', 'forecasts:errors.cell')
    seen.add(k)
  }
}

/** The same for typed figures, which must also be whole numbers from 0 (blank only where `blank`). */
export async function validateEdits(
  ctx: ServiceContext,
  found: FoundForecast,
  cells: CellEdit[],
  blank: boolean,
) {
  const figure = (value: number | null) =>
    value === null ? blank : Number.isInteger(value) && value >= 0 && value <= MAX_FORECAST_UNITS
  if (!cells.every((cell) => figure(cell.value))) throw new AppError('invalid', 'forecasts:errors.cell')
  await validateCells(ctx, found, cells)
}

export type Decision =
  | { kind: 'unchanged' }
  | { kind: 'stale'; current: Current | undefined }
  | { kind: 'write'; target: CellTarget }

/**
 * What typing a figure on the consensus line means: the same figure as the other side's proposal accepts it; the
 * agreed figure again withdraws (or, for the other side's proposal, declines) the pending one; anything else is a
 * proposal the other side must accept. Typing over a cell that moved since it was loaded is a conflict, except
 * where it loses nothing (the figure typed is already there).
 */
export function decideConsensus(edit: CellEdit, current: Current | undefined, orgId: string): Decision {
  const value = current?.value ?? null
  const proposed = current?.proposed ?? null
  const mine = current?.by === orgId
  const base = { productId: edit.productId, weekStart: edit.weekStart, proposedByOrgId: null }
  if (proposed !== null && edit.value === proposed) {
    return mine
      ? { kind: 'unchanged' }
      : { kind: 'write', target: { ...base, value: proposed, proposed: null, kind: 'accept' } }
  }
  if (edit.value === value && proposed === null) return { kind: 'unchanged' }
  if (edit.baseVersion !== (current?.version ?? 0)) return { kind: 'stale', current }
  if (edit.value === value) {
    return { kind: 'write', target: { ...base, value, proposed: null, kind: mine ? 'propose' : 'reject' } }
  }
  return {
    kind: 'write',
    target: { ...base, value, proposed: edit.value, proposedByOrgId: orgId, kind: 'propose' },
  }
}

export function decideSide(edit: CellEdit, current: Current | undefined): Decision {
  if (edit.value === (current?.value ?? null)) return { kind: 'unchanged' }
  if (edit.baseVersion !== (current?.version ?? 0)) return { kind: 'stale', current }
  const target: CellTarget = {
    productId: edit.productId,
    weekStart: edit.weekStart,
    value: edit.value,
    proposed: null,
    proposedByOrgId: null,
    kind: 'edit',
  }
  return { kind: 'write', target }
}

/**
 * Saves the cells a person changed on one line: their own side's forecast, or consensus proposals. Each cell carries
 * the version it was typed over; a cell someone else saved meanwhile is not written and comes back as a conflict
 * with the saved figure and who saved it; the other cells of the same save are written (as promotion volumes,
 * docs/decisions/0016). Rules are re-checked for the cells written, and the other viewers get the new figures.
 */
export async function saveForecastCells(
  ctx: ServiceContext,
  id: string,
  input: { line: ForecastLine; cells: CellEdit[] },
) {
  const found = await lockForEdit(ctx, id)
  const line = input.line
  if (line !== found.side && line !== 'consensus')
    throw new AppError('forbidden', 'forecasts:errors.notYourLine')
  await validateEdits(ctx, found, input.cells, line !== 'consensus')
  const current = await readCells(ctx, found.forecast.id, line, input.cells)

  const targets: CellTarget[] = []
  const stale: { edit: CellEdit; current: Current | undefined }[] = []
  let unchanged = 0
  for (const edit of input.cells) {
    const cell = current.get(key(edit.productId, edit.weekStart))
    const decision = line === 'consensus' ? decideConsensus(edit, cell, ctx.orgId) : decideSide(edit, cell)
    if (decision.kind === 'unchanged') unchanged++
    else if (decision.kind === 'stale') stale.push({ edit, current: decision.current })
    else targets.push(decision.target)
  }
  const saved = await writeCells(ctx, found, line, targets)
  const names = await namesOf(
    ctx,
    stale.map((s) => s.current?.updatedById ?? null),
  )
  const conflicts: CellConflict[] = stale.map((s) => ({
    productId: s.edit.productId,
    weekStart: s.edit.weekStart,
    line,
    mine: s.edit.value,
    theirs:
      line === 'consensus' ? (s.current?.proposed ?? s.current?.value ?? null) : (s.current?.value ?? null),
    version: s.current?.version ?? 0,
    by: s.current?.updatedById ? (names.get(s.current.updatedById) ?? null) : null,
  }))
  if (saved.length > 0) {
    await ctx.audit({
      action: line === 'consensus' ? 'forecast.consensus_proposed' : 'forecast.cells_saved',
      targetType: 'forecast',
      targetId: found.forecast.id,
      data: { line, cells: saved.length, conflicts: conflicts.length },
    })
    const { events } = await refreshExceptions(ctx, found, saved)
    // An exception opened, reopened or cleared changes the cells' highlights, which only a reload redraws.
    await publishSavedCells(ctx, found.forecast.id, saved, events > 0)
  }
  return { saved, unchanged, conflicts }
}
