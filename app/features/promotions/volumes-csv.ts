import {
  type CsvRecord,
  csvCellsOf,
  decodeCsvBytes,
  readCsvHeader,
  readCsvRecords,
  writeCsv,
} from '#app/lib/csv.ts'
import { isIsoDate, isWeekStart } from './weeks.ts'

/**
 * Actual sell-through as CSV, one row per product and week: what the export writes and the import reads back, so
 * exporting and importing the same file changes nothing. An empty `actual_units` means "not known yet".
 */

export const volumesCsvColumns = ['sku', 'week_start', 'actual_units'] as const
export type VolumesCsvColumn = (typeof volumesCsvColumns)[number]

/** The most units one cell may hold (the column is a 32-bit integer; no promotion sells more in a week). */
export const MAX_UNITS = 1_000_000_000

/** One problem, tied to its line in the file (the header is line 1). Messages are i18n keys. */
export type VolumesCsvError = {
  line: number
  column?: VolumesCsvColumn
  message: string
  values?: Record<string, unknown>
}

export type VolumesCsvRow = { line: number; sku: string; weekStart: string; actualUnits: number | null }

export type VolumesCsvRead = { ok: true; rows: VolumesCsvRow[] } | { ok: false; errors: VolumesCsvError[] }

/** The grid's actual line as CSV text, in the given order (the export sorts by product, then week). */
export function volumesToCsv(rows: { sku: string; weekStart: string; actualUnits: number | null }[]): string {
  return writeCsv(
    volumesCsvColumns,
    rows.map((r) => [r.sku, r.weekStart, r.actualUnits === null ? '' : String(r.actualUnits)]),
  )
}

/** A cell of units as typed: blank is "no figure" (null), otherwise a whole number from 0 to MAX_UNITS. */
export function parseUnits(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  // Persian and Arabic-Indic digits, as a Persian keyboard types them, read as the same number.
  const value = text
    .trim()
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  if (value === '') return { ok: true, value: null }
  if (!/^\d+$/.test(value)) return { ok: false, message: 'volumes:errors.units' }
  const units = Number(value)
  if (units > MAX_UNITS) return { ok: false, message: 'volumes:errors.unitsTooLarge' }
  return { ok: true, value: units }
}

/** Refuses what cannot be a CSV text file (binary, not UTF-8, empty) before reading it. */
export function decodeVolumesCsv(bytes: Uint8Array) {
  const decoded = decodeCsvBytes(bytes)
  return decoded.ok ? decoded : { ok: false as const, message: `volumes:import.${decoded.reason}` }
}

function rowShapeError(row: CsvRecord, expected: number): VolumesCsvError | null {
  if (row.parseError)
    return { line: row.line, message: 'volumes:import.malformed', values: { reason: row.parseError } }
  if (row.cells.length !== expected)
    return {
      line: row.line,
      message: 'volumes:import.cellCount',
      values: { expected, found: row.cells.length },
    }
  return null
}

/**
 * Reads and validates a whole file against the promotion's SKUs and weeks. Either every row is valid or nothing
 * is imported, and then every problem of every row is listed by line and column. The same SKU and week twice is
 * an error on the later line.
 */
export function readVolumesCsv(
  text: string,
  options: { skus: readonly string[]; weeks: readonly string[]; maxRows: number },
): VolumesCsvRead {
  const { rows, tooMany } = readCsvRecords(text, options.maxRows)
  if (tooMany)
    return {
      ok: false,
      errors: [{ line: 1, message: 'volumes:import.tooManyRows', values: { max: options.maxRows } }],
    }
  const [header, ...body] = rows
  if (!header) return { ok: false, errors: [{ line: 1, message: 'volumes:import.empty' }] }
  const read = readCsvHeader(header, { columns: volumesCsvColumns, ns: 'volumes' })
  const errors: VolumesCsvError[] = read.errors
  if (errors.length > 0) return { ok: false, errors }
  if (body.length === 0)
    return { ok: false, errors: [{ line: header.line, message: 'volumes:import.noRows' }] }

  const skus = new Set(options.skus)
  const weeks = new Set(options.weeks)
  const range = { first: options.weeks[0] ?? '', last: options.weeks.at(-1) ?? '' }
  const firstLineOf = new Map<string, number>()
  const out: VolumesCsvRow[] = []
  for (const row of body) {
    const shape = rowShapeError(row, header.cells.length)
    if (shape) {
      errors.push(shape)
      continue
    }
    const cells = csvCellsOf(row, read.columns)
    const sku = (cells.sku ?? '').trim()
    const weekStart = (cells.week_start ?? '').trim()
    const units = parseUnits(cells.actual_units ?? '')
    const rowErrors: VolumesCsvError[] = []
    if (sku === '') rowErrors.push({ line: row.line, column: 'sku', message: 'volumes:import.skuRequired' })
    else if (!skus.has(sku))
      rowErrors.push({ line: row.line, column: 'sku', message: 'volumes:import.unknownSku', values: { sku } })
    if (!isIsoDate(weekStart))
      rowErrors.push({ line: row.line, column: 'week_start', message: 'volumes:import.weekInvalid' })
    else if (!isWeekStart(weekStart))
      rowErrors.push({ line: row.line, column: 'week_start', message: 'volumes:import.notMonday' })
    else if (!weeks.has(weekStart))
      rowErrors.push({
        line: row.line,
        column: 'week_start',
        message: 'volumes:import.weekOutside',
        values: { week: weekStart, ...range },
      })
    if (!units.ok) rowErrors.push({ line: row.line, column: 'actual_units', message: units.message })
    if (rowErrors.length > 0) {
      errors.push(...rowErrors)
      continue
    }
    const key = `${sku}\u0000${weekStart}`
    const first = firstLineOf.get(key)
    if (first !== undefined) {
      errors.push({
        line: row.line,
        message: 'volumes:import.duplicateRow',
        values: { sku, week: weekStart, first },
      })
      continue
    }
    firstLineOf.set(key, row.line)
    out.push({ line: row.line, sku, weekStart, actualUnits: units.ok ? units.value : null })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: out }
}
