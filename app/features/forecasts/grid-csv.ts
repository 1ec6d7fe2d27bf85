import {
  type CsvRecord,
  csvCellsOf,
  decodeCsvBytes,
  normalizeCsvHeader,
  readCsvRecords,
  writeCsv,
} from '#app/lib/csv.ts'
import { forecastLines } from '#db/schema/forecasts.ts'
import { isIsoDate, isWeekStart } from '../promotions/weeks.ts'
import {
  type CellEdit,
  type ForecastGrid,
  type ForecastLine,
  MAX_FORECAST_UNITS,
  type SideLine,
} from './grid-types.ts'

/**
 * A co-forecast grid as CSV: what the export writes and the import reads back, so importing an unchanged export
 * changes nothing.
 *
 * Header: `sku,name,line,<week>,<week>,…` — one column per horizon week, headed by its Monday as YYYY-MM-DD.
 * Rows: one per product and line, the line named by its code: `manufacturer` (the host's forecast), `retailer`
 * (the partner's, whatever kind of organization it is), `consensus` (the agreed figure, not a pending proposal)
 * and `actual`. A blank cell is "no figure"; a figure is a whole number from 0 to MAX_FORECAST_UNITS.
 * Adjustments (promotion lifts) are not in the file: they are derived from the figures and applied and undone by
 * their own action, so the figures here are the lines as typed.
 *
 * Reading: comma, semicolon or tab separated UTF-8 (app/lib/csv.ts). Columns may come in any order; `name` is
 * optional and never checked (people edit names in spreadsheets); the week columns may be any subset of the
 * horizon, each at most once; rows may be left out. Either the whole file is valid or nothing changes, and every
 * problem is named by line (the header is line 1) and column (its header text). A figure that differs from the
 * grid on a line the importer's side may not write is refused: the host side writes manufacturer, consensus and
 * actual; the partner side retailer, consensus and actual.
 */

export const gridCsvLineCodes = {
  host: 'manufacturer',
  partner: 'retailer',
  consensus: 'consensus',
  actual: 'actual',
} as const satisfies Record<ForecastLine, string>

const lineOfCode = new Map<string, ForecastLine>(forecastLines.map((line) => [gridCsvLineCodes[line], line]))

/** The lines each side may change by import (consensus changes become that side's proposals in the service). */
export const csvWritableLines: Record<SideLine, readonly ForecastLine[]> = {
  host: ['host', 'consensus', 'actual'],
  partner: ['partner', 'consensus', 'actual'],
}

/** One problem: its line in the file, the column's header text, and an i18n key with its values. */
export type GridCsvError = {
  line: number
  column?: string
  message: string
  values?: Record<string, unknown>
}

/** A figure the file changes: the edit to save (at the version the grid was read at) and where it came from. */
export type GridCsvChange = CellEdit & {
  productIndex: number
  weekIndex: number
  previous: number | null
  row: number
}

export type GridCsvRead =
  | { ok: true; changes: Record<ForecastLine, GridCsvChange[]>; rows: number }
  | { ok: false; errors: GridCsvError[] }

const fixedColumns = ['sku', 'name', 'line'] as const

/** The grid as CSV text: every product with its four lines, every horizon week. */
export function gridToCsv(grid: Pick<ForecastGrid, 'weeks' | 'products' | 'lines'>): string {
  const data: string[][] = []
  grid.products.forEach((product, p) => {
    for (const line of forecastLines) {
      const values = grid.lines[line].values
      const cells = grid.weeks.map((_, w) => {
        const value = values[p * grid.weeks.length + w] ?? null
        return value === null ? '' : String(value)
      })
      data.push([product.sku, product.name, gridCsvLineCodes[line], ...cells])
    }
  })
  return writeCsv([...fixedColumns, ...grid.weeks], data)
}

/** A figure as typed: blank is none; Persian and Arabic-Indic digits read as the same number. */
export function parseFigure(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const value = text
    .trim()
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  if (value === '') return { ok: true, value: null }
  if (/^-\s*\d+([.,]\d*)?$/.test(value)) return { ok: false, message: 'forecasts:import.negative' }
  if (!/^\d+$/.test(value)) return { ok: false, message: 'forecasts:import.notWhole' }
  const figure = Number(value)
  if (figure > MAX_FORECAST_UNITS) return { ok: false, message: 'forecasts:import.tooLarge' }
  return { ok: true, value: figure }
}

type Header = { columns: (string | null)[]; text: string[]; weeks: { key: string; weekIndex: number }[] }

type Range = { first: string; last: string }

/** A header cell's column: a fixed column's name or a horizon week, or why it is neither. */
function columnOf(
  text: string,
  weekIndexOf: Map<string, number>,
  range: Range,
): { key: string; weekIndex?: number } | { message: string; values: Record<string, unknown> } {
  const name = normalizeCsvHeader(text)
  if ((fixedColumns as readonly string[]).includes(name)) return { key: name }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isIsoDate(text)) return { message: 'forecasts:import.weekInvalid', values: { name: text } }
    if (!isWeekStart(text)) return { message: 'forecasts:import.notMonday', values: { name: text } }
    const weekIndex = weekIndexOf.get(text)
    if (weekIndex === undefined)
      return { message: 'forecasts:import.weekOutside', values: { name: text, ...range } }
    return { key: text, weekIndex }
  }
  // 3/1/2027 or 01.03.2027: a spreadsheet rewrote the ISO dates of the export.
  if (/\d/.test(text) && /[/.\-\s]/.test(text))
    return { message: 'forecasts:import.weekFormat', values: { name: text } }
  return { message: 'forecasts:import.unknownColumn', values: { name: text } }
}

function readHeader(row: CsvRecord, horizon: readonly string[]): { header: Header; errors: GridCsvError[] } {
  const errors: GridCsvError[] = []
  const weekIndexOf = new Map(horizon.map((week, index) => [week, index]))
  const seen = new Set<string>()
  const header: Header = { columns: [], text: [], weeks: [] }
  const range = { first: horizon[0] ?? '', last: horizon.at(-1) ?? '' }
  for (const cell of row.cells) {
    const text = cell.trim()
    header.text.push(text)
    const column = text === '' ? null : columnOf(text, weekIndexOf, range)
    if (column && 'key' in column && seen.has(column.key))
      errors.push({
        line: row.line,
        column: text,
        message: 'forecasts:import.duplicateColumn',
        values: { name: text },
      })
    else if (column && 'message' in column) errors.push({ line: row.line, column: text, ...column })
    else if (column) {
      seen.add(column.key)
      if (column.weekIndex !== undefined) header.weeks.push({ key: column.key, weekIndex: column.weekIndex })
      header.columns.push(column.key)
      continue
    }
    header.columns.push(null)
  }
  const missing = ['sku', 'line'].filter((c) => !seen.has(c))
  if (missing.length > 0)
    errors.push({
      line: row.line,
      message: 'forecasts:import.missingColumns',
      values: { names: missing.join(', ') },
    })
  if (header.weeks.length === 0 && errors.length === 0)
    errors.push({ line: row.line, message: 'forecasts:import.noWeeks', values: range })
  return { header, errors }
}

function rowShapeError(row: CsvRecord, expected: number): GridCsvError | null {
  if (row.parseError)
    return { line: row.line, message: 'forecasts:import.malformed', values: { reason: row.parseError } }
  if (row.cells.length !== expected)
    return {
      line: row.line,
      message: 'forecasts:import.cellCount',
      values: { expected, found: row.cells.length },
    }
  return null
}

const emptyChanges = (): Record<ForecastLine, GridCsvChange[]> => ({
  host: [],
  partner: [],
  consensus: [],
  actual: [],
})

/**
 * Reads and validates a whole file against the grid. `side` is the importer's side (the grid's, unless given);
 * `maxRows` caps the rows read (by default the grid's products × 4 lines, plus room for rows to report).
 */
export function readGridCsv(
  bytes: Uint8Array,
  grid: Pick<ForecastGrid, 'weeks' | 'products' | 'lines' | 'side'>,
  options: { side?: SideLine; maxRows?: number } = {},
): GridCsvRead {
  const decoded = decodeCsvBytes(bytes)
  if (!decoded.ok) return { ok: false, errors: [{ line: 1, message: `forecasts:import.${decoded.reason}` }] }
  const maxRows = options.maxRows ?? grid.products.length * forecastLines.length + 100
  const { rows, tooMany } = readCsvRecords(decoded.text, maxRows)
  if (tooMany)
    return {
      ok: false,
      errors: [{ line: 1, message: 'forecasts:import.tooManyRows', values: { max: maxRows } }],
    }
  const [headerRow, ...body] = rows
  if (!headerRow) return { ok: false, errors: [{ line: 1, message: 'forecasts:import.empty' }] }
  const { header, errors } = readHeader(headerRow, grid.weeks)
  if (errors.length > 0) return { ok: false, errors }
  if (body.length === 0)
    return { ok: false, errors: [{ line: headerRow.line, message: 'forecasts:import.noRows' }] }

  const columnText = (key: string) => header.text[header.columns.indexOf(key)]
  const productIndexOf = new Map(grid.products.map((product, index) => [product.sku, index]))
  const writable = new Set(csvWritableLines[options.side ?? grid.side])
  const weekCount = grid.weeks.length
  const firstLineOf = new Map<string, number>()
  const changes = emptyChanges()
  for (const row of body) {
    const shape = rowShapeError(row, headerRow.cells.length)
    if (shape) {
      errors.push(shape)
      continue
    }
    const cells = csvCellsOf(row, header.columns)
    const rowErrors: GridCsvError[] = []
    const fail = (column: string, message: string, values?: Record<string, unknown>) =>
      rowErrors.push({ line: row.line, column: columnText(column), message, ...(values ? { values } : {}) })
    const sku = (cells.sku ?? '').trim()
    const code = (cells.line ?? '').trim().toLowerCase()
    const productIndex = productIndexOf.get(sku)
    const line = lineOfCode.get(code)
    if (sku === '') fail('sku', 'forecasts:import.skuRequired')
    else if (productIndex === undefined) fail('sku', 'forecasts:import.unknownSku', { sku })
    if (code === '') fail('line', 'forecasts:import.lineRequired')
    else if (!line) fail('line', 'forecasts:import.unknownLine', { line: (cells.line ?? '').trim() })
    if (productIndex !== undefined && line) {
      // A row is the same row again whatever its figures: the later one is the mistake.
      const rowKey = `${sku}\u0000${line}`
      const first = firstLineOf.get(rowKey)
      if (first !== undefined) {
        errors.push({
          line: row.line,
          message: 'forecasts:import.duplicateRow',
          values: { sku, line: gridCsvLineCodes[line], first },
        })
        continue
      }
      firstLineOf.set(rowKey, row.line)
    }
    const figures = header.weeks.map(({ key }) => parseFigure(cells[key] ?? ''))
    figures.forEach((parsed, i) => {
      if (!parsed.ok) fail(header.weeks[i].key, parsed.message)
    })
    if (rowErrors.length > 0 || productIndex === undefined || !line) {
      errors.push(...rowErrors)
      continue
    }
    const gridLine = grid.lines[line]
    header.weeks.forEach(({ key, weekIndex }, i) => {
      const parsed = figures[i]
      if (!parsed.ok) return
      const index = productIndex * weekCount + weekIndex
      const previous = gridLine.values[index] ?? null
      if (parsed.value === previous) return
      if (!writable.has(line)) {
        fail(key, 'forecasts:import.notYourLine', { line: gridCsvLineCodes[line] })
        return
      }
      changes[line].push({
        productId: grid.products[productIndex].id,
        weekStart: grid.weeks[weekIndex],
        value: parsed.value,
        baseVersion: gridLine.versions[index] ?? 0,
        productIndex,
        weekIndex,
        previous,
        row: row.line,
      })
    })
    errors.push(...rowErrors)
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes, rows: body.length }
}
