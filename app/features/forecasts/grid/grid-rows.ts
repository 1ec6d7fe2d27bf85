import {
  cellIndex,
  type ForecastGrid,
  type ForecastLine,
  type ForecastRule,
  type GridAdjustment,
  type GridException,
} from '../grid-types.ts'
import type { RowTarget } from './grid-commands.ts'
import { cellKey, type EditableLine, effectiveFigure, type GridState } from './grid-state.ts'

/**
 * The grid's rows as the person sees them, and the lookups cells need while rendering (exceptions, promotions,
 * adjustments), built once per loaded grid so a visible cell costs a few map reads however large the plan is.
 */

export type GridRow =
  | { kind: 'line'; product: number; line: ForecastLine; first: boolean }
  | { kind: 'adjustment'; product: number; line: ForecastLine; adjustment: number }
  | { kind: 'total'; product: number; line: ForecastLine }

export const hasActuals = (grid: ForecastGrid) => grid.lines.actual.values.some((v) => v !== null)

function covers(adjustment: GridAdjustment, product: number, weeks: number) {
  for (let w = 0; w < weeks; w++) if (adjustment.units[cellIndex(product, w, weeks)]) return true
  return false
}

/**
 * Per product: host, partner and consensus (and actual once any actual exists); under a line, one read-only row
 * per adjustment that adds units to this product, then the line's total with them.
 */
export function buildRows(grid: ForecastGrid): GridRow[] {
  const lines: ForecastLine[] = [
    'host',
    'partner',
    'consensus',
    ...(hasActuals(grid) ? ['actual' as const] : []),
  ]
  const weeks = grid.weeks.length
  const rows: GridRow[] = []
  grid.products.forEach((_, product) => {
    for (const line of lines) {
      rows.push({ kind: 'line', product, line, first: line === 'host' })
      let adjusted = false
      grid.adjustments.forEach((a, adjustment) => {
        if (a.line !== line || !covers(a, product, weeks)) return
        rows.push({ kind: 'adjustment', product, line, adjustment })
        adjusted = true
      })
      if (adjusted) rows.push({ kind: 'total', product, line })
    }
  })
  return rows
}

/** Which lines an exception is about: the two sides for a gap, consensus for a shift from the published version. */
export const exceptionLines: Record<ForecastRule, ForecastLine[]> = {
  side_gap: ['host', 'partner'],
  consensus_shift: ['consensus'],
}

/** Exceptions still to be dealt with (not resolved, still breaking the rule), by cell. */
export function exceptionsByCell(grid: ForecastGrid): Map<number, GridException[]> {
  const map = new Map<number, GridException[]>()
  for (const e of grid.exceptions) {
    if (e.status === 'resolved' || !e.breaking) continue
    const index = cellIndex(e.productIndex, e.weekIndex, grid.weeks.length)
    map.set(index, [...(map.get(index) ?? []), e])
  }
  return map
}

export function exceptionsOn(map: Map<number, GridException[]>, line: ForecastLine, index: number) {
  return (map.get(index) ?? []).filter((e) => exceptionLines[e.rule].includes(line))
}

/** The promotions running on each covered cell (indexes into `grid.events`), and on each covered product. */
export function eventsByCell(grid: ForecastGrid) {
  const cells = new Map<number, number[]>()
  const products = new Map<number, number[]>()
  grid.events.forEach((event, i) => {
    for (const p of event.productIndexes) {
      products.set(p, [...(products.get(p) ?? []), i])
      for (const w of event.weekIndexes) {
        const index = cellIndex(p, w, grid.weeks.length)
        cells.set(index, [...(cells.get(index) ?? []), i])
      }
    }
  })
  return { cells, products }
}

export type EventBar = { event: number; from: number; to: number; lane: number }

/** Promotions as bars over the weeks they run, stacked in as few lanes as keep overlapping ones apart. */
export function eventLanes(grid: ForecastGrid): { bars: EventBar[]; lanes: number } {
  const spans = grid.events
    .map((e, event) => ({ event, from: Math.min(...e.weekIndexes), to: Math.max(...e.weekIndexes) }))
    .filter((s) => Number.isFinite(s.from))
    .sort((a, b) => a.from - b.from || a.to - b.to)
  const laneEnds: number[] = []
  const bars = spans.map((s) => {
    let lane = laneEnds.findIndex((end) => end < s.from)
    if (lane === -1) lane = laneEnds.length
    laneEnds[lane] = s.to
    return { ...s, lane }
  })
  return { bars, lanes: laneEnds.length }
}

/** The active adjustment of a promotion on a line, if its lift is applied there. */
export const appliedLift = (grid: ForecastGrid, promotionId: string, line: ForecastLine) =>
  grid.adjustments.find((a) => a.promotionId === promotionId && a.line === line)

/** A line's figure in a week plus its adjustments' units (null when it has neither). */
export function lineTotal(grid: ForecastGrid, line: ForecastLine, index: number, figure: number | null) {
  let sum = 0
  for (const a of grid.adjustments) if (a.line === line) sum += a.units[index] ?? 0
  return figure === null && sum === 0 ? null : (figure ?? 0) + sum
}

export type Range = { top: number; bottom: number; left: number; right: number }

export const rangeOf = (a: { row: number; col: number }, b: { row: number; col: number }): Range => ({
  top: Math.min(a.row, b.row),
  bottom: Math.max(a.row, b.row),
  left: Math.min(a.col, b.col),
  right: Math.max(a.col, b.col),
})

/** The rows of a range this person may type into (their line and consensus; not adjustments, totals, actuals). */
export function editableTargets(rows: GridRow[], range: Range, editable: EditableLine[]): RowTarget[] {
  const out: RowTarget[] = []
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rows[r]
    if (row?.kind === 'line' && (editable as ForecastLine[]).includes(row.line))
      out.push({ line: row.line as EditableLine, product: row.product })
  }
  return out
}

/**
 * A range as tab-separated text for a spreadsheet (Ctrl+C): figures as plain digits, what is typed as typed, an
 * adjustment's units and a total as shown.
 */
export function copyText(state: GridState, rows: GridRow[], range: Range): string {
  const { grid } = state
  const out: string[] = []
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rows[r]
    if (!row) continue
    const cells: string[] = []
    for (let c = range.left; c <= range.right; c++) {
      const index = cellIndex(row.product, c, grid.weeks.length)
      let value: number | null = null
      if (row.kind === 'adjustment') value = grid.adjustments[row.adjustment].units[index] || null
      else if (row.kind === 'total') {
        const figure =
          row.line === 'consensus'
            ? grid.lines.consensus.values[index]
            : (effectiveFigure(state, row.line, row.product, c) ?? grid.lines[row.line].values[index])
        value = lineTotal(grid, row.line, index, figure)
      } else {
        const edit = state.edits.get(cellKey(row.line, grid.products[row.product].id, grid.weeks[c]))
        if (edit) {
          cells.push(edit.text)
          continue
        }
        value = grid.lines[row.line].values[index]
      }
      cells.push(value === null ? '' : String(value))
    }
    out.push(cells.join('\t'))
  }
  return out.join('\n')
}
