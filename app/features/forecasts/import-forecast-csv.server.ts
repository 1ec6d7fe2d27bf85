import contentDisposition from 'content-disposition'
import { decodeCsvBytes, normalizeCsvHeader, readCsvRecords } from '#app/lib/csv.ts'
import { forecastLines } from '#db/schema/forecasts.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { canEditForecast, findForecast, lockForEdit } from './find-forecast.server.ts'
import { getForecastGrid, loadGrid } from './get-forecast-grid.server.ts'
import { type GridCsvError, gridCsvLineCodes, gridToCsv, readGridCsv } from './grid-csv.ts'
import type { CellUpdate, ForecastGrid, ForecastLine, SideLine } from './grid-types.ts'
import { gridToXlsx } from './grid-xlsx.server.ts'
import { publishSavedCells } from './publish-forecast-cells.server.ts'
import { refreshExceptions } from './refresh-exceptions.server.ts'
import {
  type CellTarget,
  type Current,
  decideConsensus,
  MAX_CELLS_PER_SAVE,
  writeCells,
} from './save-forecast-cells.server.ts'

/**
 * The most one upload may hold: a whole plan of 1,000 products × 4 lines × 104 weeks is 416,000 cells, about
 * 2.5 MB with 4-digit figures; twice that leaves room for larger figures. Rows are capped by readGridCsv at the
 * plan's products × 4 lines (plus a few to report repeats).
 */
export const MAX_FORECAST_IMPORT_BYTES = 5_000_000

export type LineCounts = { changed: number; unchanged: number }

export type ImportForecastResult =
  | {
      status: 'imported'
      side: SideLine
      /** Per line: cells written, and cells the file names whose figure was already the plan's. */
      lines: Record<ForecastLine, LineCounts>
      /** Of the consensus cells changed: proposals made, and the other side's proposals accepted. */
      proposed: number
      accepted: number
    }
  /** Not a CSV text file at all (binary, not UTF-8, empty). */
  | { status: 'unreadable'; message: string }
  /** Problems by line and column: nothing was imported. */
  | { status: 'invalid'; errors: GridCsvError[] }

/** How many figures the file holds on each line (rows of that line × week columns); the file is already valid. */
function figuresPerLine(text: string, grid: Pick<ForecastGrid, 'weeks' | 'products'>) {
  const counts = Object.fromEntries(forecastLines.map((l) => [l, 0])) as Record<ForecastLine, number>
  const { rows } = readCsvRecords(text, grid.products.length * forecastLines.length + 100)
  const [header, ...body] = rows
  if (!header) return counts
  const horizon = new Set(grid.weeks)
  const weekColumns = header.cells.filter((cell) => horizon.has(cell.trim())).length
  const lineColumn = header.cells.findIndex((cell) => normalizeCsvHeader(cell) === 'line')
  const lineOf = new Map(forecastLines.map((line) => [gridCsvLineCodes[line] as string, line]))
  for (const row of body) {
    const line = lineOf.get((row.cells[lineColumn] ?? '').trim().toLowerCase())
    if (line) counts[line] += weekColumns
  }
  return counts
}

/**
 * Imports a plan's figures from CSV (grid-csv.ts), all or nothing, in one transaction under the plan's lock: the
 * importer's own line and actuals are written with history kind 'import'; a consensus figure that differs from the
 * agreed one is the importer's proposal, or accepts the other side's pending proposal when it equals it (as typing
 * it in the grid does). Figures already the plan's are not written, so an unchanged export imports as nothing.
 * Rules are re-checked on the cells written and viewers are pushed the figures (or told to reload when many).
 */
export async function importForecastCsv(
  ctx: ServiceContext,
  id: string,
  input: { bytes: Uint8Array },
): Promise<ImportForecastResult> {
  const found = await lockForEdit(ctx, id)
  const decoded = decodeCsvBytes(input.bytes)
  if (!decoded.ok) return { status: 'unreadable', message: `forecasts:import.${decoded.reason}` }
  const grid = await loadGrid(ctx, found)
  const read = readGridCsv(input.bytes, grid, { side: found.side })
  if (!read.ok) return { status: 'invalid', errors: read.errors }

  // Consensus has no "no figure" once agreed: a proposal is a figure (the grid refuses a blank consensus too).
  const cleared = read.changes.consensus.filter((c) => c.value === null)
  if (cleared.length > 0)
    return {
      status: 'invalid',
      errors: cleared.map((c) => ({
        line: c.row,
        column: c.weekStart,
        message: 'forecasts:import.consensusBlank',
      })),
    }

  const { forecast } = found
  const orgOf = { host: forecast.hostOrgId, partner: found.partnerOrgId }
  const weekCount = grid.weeks.length
  const updates: CellUpdate[] = []
  const changed = Object.fromEntries(forecastLines.map((l) => [l, 0])) as Record<ForecastLine, number>
  for (const line of [found.side, 'actual'] as const) {
    const targets: CellTarget[] = read.changes[line].map((c) => ({
      productId: c.productId,
      weekStart: c.weekStart,
      value: c.value,
      proposed: null,
      proposedByOrgId: null,
      kind: 'import',
    }))
    updates.push(...(await writeCells(ctx, found, line, targets)))
    changed[line] = targets.length
  }

  const consensus: CellTarget[] = []
  for (const change of read.changes.consensus) {
    // The cell as the grid read it under this lock: the versions cannot have moved, so no edit is stale.
    const i = change.productIndex * weekCount + change.weekIndex
    const by = grid.proposals.by[i]
    const current: Current = {
      p: change.productId,
      week: change.weekStart,
      value: grid.lines.consensus.values[i] ?? null,
      proposed: grid.proposals.proposed[i] ?? null,
      by: by ? orgOf[by] : null,
      version: grid.lines.consensus.versions[i] ?? 0,
      updatedById: null,
    }
    const decision = decideConsensus(change, current, ctx.orgId)
    if (decision.kind === 'write') consensus.push(decision.target)
  }
  updates.push(...(await writeCells(ctx, found, 'consensus', consensus)))
  changed.consensus = consensus.length
  const accepted = consensus.filter((t) => t.kind === 'accept').length

  const inFile = figuresPerLine(decoded.text, grid)
  const lines = Object.fromEntries(
    forecastLines.map((l) => [l, { changed: changed[l], unchanged: Math.max(0, inFile[l] - changed[l]) }]),
  ) as Record<ForecastLine, LineCounts>
  await ctx.audit({
    action: 'forecast.imported',
    targetType: 'forecast',
    targetId: forecast.id,
    data: { rows: read.rows, changed, accepted },
  })
  if (updates.length > 0) {
    // Actuals are not read by the rules; a whole-plan re-check is one pass where a cell list would be huge.
    const ruled = updates.filter((u) => u.line !== 'actual')
    if (ruled.length > MAX_CELLS_PER_SAVE) await refreshExceptions(ctx, found)
    else if (ruled.length > 0) await refreshExceptions(ctx, found, ruled)
    await publishSavedCells(ctx, forecast.id, updates)
  }
  return { status: 'imported', side: found.side, lines, proposed: consensus.length - accepted, accepted }
}

/** A download name from the plan's name (letters, digits and dashes only) and its first week. */
export function forecastFileName(forecast: { name: string; startWeek: string }, extension: 'csv' | 'xlsx') {
  const name =
    forecast.name
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'forecast'
  return contentDisposition(`${name}-${forecast.startWeek}.${extension}`)
}

/** The plan as the CSV the import reads back unchanged (every product, line and horizon week). */
export async function exportForecastCsv(ctx: ServiceContext, id: string) {
  const grid = await getForecastGrid(ctx, id)
  return { csv: gridToCsv(grid), forecast: grid.forecast }
}

/** The plan as an .xlsx workbook: the CSV's sheet, and totals with lifts, labelled in `locale`. */
export async function exportForecastXlsx(ctx: ServiceContext, id: string, locale: string) {
  const grid = await getForecastGrid(ctx, id)
  return { bytes: await gridToXlsx(grid, locale), forecast: grid.forecast }
}

/** The import page's plan, and why the caller may not import into it, if not (what an upload would be told). */
export async function forecastImportView(ctx: ServiceContext, id: string) {
  const found = await findForecast(ctx, id)
  const refusal = !can(ctx.role, 'forecasts:write')
    ? 'forecasts:errors.readOnly'
    : canEditForecast(ctx, found)
      ? null
      : 'forecasts:errors.closed'
  return {
    id: found.forecast.id,
    name: found.forecast.name,
    startWeek: found.forecast.startWeek,
    side: found.side,
    lineCode: gridCsvLineCodes[found.side],
    refusal,
  }
}
