import { inArray, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { promotionVolumes, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { Promotion } from './find-promotion.server.ts'
import { lockPromotionForChange } from './find-promotion.server.ts'
import { cellKey, loadVolumes } from './list-promotion-volumes.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import { volumeRights } from './volume-rights.ts'
import { MAX_UNITS } from './volumes-csv.ts'
import { promotionWeeks } from './weeks.ts'

/** The two lines of the grid: the planned baseline (while a draft) and the actual sell-through (once approved). */
export const volumeLines = ['baseline', 'actual'] as const
export type VolumeLine = (typeof volumeLines)[number]

/** A changed cell as the person typed it, with the version of the cell they started from (0: no cell yet). */
export type CellEdit = {
  promotionProductId: string
  weekStart: string
  value: number | null
  baseVersion: number
}

/** A cell someone else saved meanwhile: what this person typed, what is saved now, by whom, at which version. */
export type CellConflict = {
  promotionProductId: string
  weekStart: string
  mine: number | null
  theirs: number | null
  version: number
  by: string | null
}

type CellWrite = { promotionProductId: string; weekStart: string; value: number | null }

const BATCH = 500

/** Writes cells of one line, each one version up; the caller holds the promotion's lock and checked versions. */
export async function writeVolumeCells(
  ctx: ServiceContext,
  promotion: Pick<Promotion, 'id' | 'partnershipId'>,
  line: VolumeLine,
  writes: CellWrite[],
) {
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = writes.slice(i, i + BATCH)
    await ctx.tx
      .insert(promotionVolumes)
      .values(
        batch.map((w) => ({
          promotionProductId: w.promotionProductId,
          promotionId: promotion.id,
          partnershipId: promotion.partnershipId,
          weekStart: w.weekStart,
          baselineUnits: line === 'baseline' ? (w.value ?? 0) : 0,
          actualUnits: line === 'actual' ? w.value : null,
          updatedById: ctx.userId,
        })),
      )
      .onConflictDoUpdate({
        target: [promotionVolumes.promotionProductId, promotionVolumes.weekStart],
        set: {
          ...(line === 'baseline'
            ? { baselineUnits: sql`excluded.baseline_units` }
            : { actualUnits: sql`excluded.actual_units` }),
          updatedById: ctx.userId,
          version: sql`${promotionVolumes.version} + 1`,
          updatedAt: sql`now()`,
        },
      })
  }
}

/** Finds the promotion, locked (so saves of its cells run one after another), and checks the line is open. */
export async function lockForLine(ctx: ServiceContext, id: string, line: VolumeLine) {
  const found = await lockPromotionForChange(ctx, id)
  const rights = volumeRights(ctx, found.promotion.status, found.partnershipStatus)
  if (!can(ctx.role, 'promotions:write')) throw new AppError('forbidden', 'volumes:errors.readOnly')
  if (line === 'baseline' && !rights.baseline) throw new AppError('conflict', 'volumes:errors.baselineClosed')
  if (line === 'actual' && !rights.actuals) throw new AppError('conflict', 'volumes:errors.actualsClosed')
  return found
}

/**
 * Saves the cells a person changed on one line. Each cell carries the version it was typed over: a cell someone
 * else saved meanwhile is not written and comes back as a conflict with their value (unless both typed the same);
 * the other cells of the same save are written (docs/decisions/0016-promotion-volumes.md). A cell whose value
 * did not change is not rewritten, so its version does not move.
 */
export async function saveVolumes(
  ctx: ServiceContext,
  id: string,
  input: { line: VolumeLine; cells: CellEdit[] },
) {
  const found = await lockForLine(ctx, id, input.line)
  const { promotion } = found
  const weeks = new Set(promotionWeeks(promotion.startsOn, promotion.endsOn))
  const { products, cells } = await loadVolumes(ctx, promotion.id)
  const productIds = new Set(products.map((p) => p.id))
  const seen = new Set<string>()
  for (const cell of input.cells) {
    const key = cellKey(cell.promotionProductId, cell.weekStart)
    const valid =
      productIds.has(cell.promotionProductId) &&
      weeks.has(cell.weekStart) &&
      !seen.has(key) &&
      Number.isSafeInteger(cell.baseVersion) &&
      (cell.value === null
        ? input.line === 'actual'
        : Number.isInteger(cell.value) && cell.value >= 0 && cell.value <= MAX_UNITS)
    if (!valid) throw new AppError('invalid', 'volumes:errors.cell')
    seen.add(key)
  }

  const writes: CellWrite[] = []
  const stale: { edit: CellEdit; theirs: number | null; version: number; byId: string | null }[] = []
  let unchanged = 0
  for (const edit of input.cells) {
    const current = cells.get(cellKey(edit.promotionProductId, edit.weekStart))
    const version = current?.version ?? 0
    const saved = input.line === 'baseline' ? (current?.baseline ?? 0) : (current?.actual ?? null)
    // Typing what is already saved loses nothing, whoever saved it.
    if (edit.value === saved) unchanged++
    else if (edit.baseVersion !== version)
      stale.push({ edit, theirs: saved, version, byId: current?.updatedById ?? null })
    else writes.push(edit)
  }
  await writeVolumeCells(ctx, promotion, input.line, writes)

  const byIds = [...new Set(stale.map((s) => s.byId).filter((v): v is string => !!v))]
  const names = new Map(
    byIds.length
      ? (
          await ctx.tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, byIds))
        ).map((u) => [u.id, u.name])
      : [],
  )
  const conflicts: CellConflict[] = stale.map((s) => ({
    promotionProductId: s.edit.promotionProductId,
    weekStart: s.edit.weekStart,
    mine: s.edit.value,
    theirs: s.theirs,
    version: s.version,
    by: s.byId ? (names.get(s.byId) ?? null) : null,
  }))
  if (writes.length > 0) {
    await ctx.audit({
      action: `promotion.${input.line}_saved`,
      targetType: 'promotion',
      targetId: promotion.id,
      data: { cells: writes.length, conflicts: conflicts.length },
    })
    await publishPromotionChange(ctx, promotion)
  }
  return { saved: writes.length, unchanged, conflicts }
}
