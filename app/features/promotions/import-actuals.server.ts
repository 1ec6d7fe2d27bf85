import { MAX_IMPORT_ROWS } from '../products/limits.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findPromotion } from './find-promotion.server.ts'
import { cellKey, loadVolumes } from './list-promotion-volumes.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import { lockForLine, writeVolumeCells } from './save-volumes.server.ts'
import { decodeVolumesCsv, readVolumesCsv, type VolumesCsvError, volumesToCsv } from './volumes-csv.ts'
import { promotionWeeks } from './weeks.ts'

export type ImportActualsResult =
  | { status: 'imported'; changed: number; unchanged: number }
  /** Not a CSV text file at all (binary, not UTF-8, empty). */
  | { status: 'unreadable'; message: string }
  /** Rows with problems: nothing was imported. */
  | { status: 'invalid'; errors: VolumesCsvError[] }

/**
 * Imports actual sell-through from CSV (sku, week_start, actual_units), all rows or none: every row is checked
 * against the promotion's SKUs and weeks first, and one bad row imports nothing. Cells whose figure already
 * matches the file are left alone (their version does not move), so importing the same file twice, or the
 * export of the grid, changes nothing. Cells the file does not name are left as they are.
 */
export async function importActuals(
  ctx: ServiceContext,
  id: string,
  input: { bytes: Uint8Array },
): Promise<ImportActualsResult> {
  const { promotion } = await lockForLine(ctx, id, 'actual')
  const decoded = decodeVolumesCsv(input.bytes)
  if (!decoded.ok) return { status: 'unreadable', message: decoded.message }
  const { products, cells } = await loadVolumes(ctx, promotion.id)
  const weeks = promotionWeeks(promotion.startsOn, promotion.endsOn)
  const read = readVolumesCsv(decoded.text, {
    skus: products.map((p) => p.sku),
    weeks,
    maxRows: MAX_IMPORT_ROWS,
  })
  if (!read.ok) return { status: 'invalid', errors: read.errors }
  const idOf = new Map(products.map((p) => [p.sku, p.id]))
  const writes = []
  for (const row of read.rows) {
    const promotionProductId = idOf.get(row.sku) as string
    const current = cells.get(cellKey(promotionProductId, row.weekStart))
    if ((current?.actual ?? null) === row.actualUnits) continue
    writes.push({ promotionProductId, weekStart: row.weekStart, value: row.actualUnits })
  }
  await writeVolumeCells(ctx, promotion, 'actual', writes)
  await ctx.audit({
    action: 'promotion.actuals_imported',
    targetType: 'promotion',
    targetId: promotion.id,
    data: { rows: read.rows.length, changed: writes.length },
  })
  if (writes.length > 0) await publishPromotionChange(ctx, promotion)
  return { status: 'imported', changed: writes.length, unchanged: read.rows.length - writes.length }
}

/**
 * The actual line of the grid as the CSV the import reads: one row per product and week of the promotion, in the
 * grid's order, blank where no figure is recorded. With no figures yet it is the template to fill in.
 */
export async function exportActualsCsv(ctx: ServiceContext, id: string) {
  const { promotion } = await findPromotion(ctx, id)
  const { products, cells } = await loadVolumes(ctx, promotion.id)
  const weeks = promotionWeeks(promotion.startsOn, promotion.endsOn)
  const rows = products.flatMap((p) =>
    weeks.map((weekStart) => ({
      sku: p.sku,
      weekStart,
      actualUnits: cells.get(cellKey(p.id, weekStart))?.actual ?? null,
    })),
  )
  return { csv: volumesToCsv(rows), promotion }
}
