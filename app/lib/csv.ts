import Papa from 'papaparse'

/**
 * What every CSV import and export of the app shares (the catalogue, promotion volumes): decoding an upload
 * (binary and invalid UTF-8 refused), reading records with the line each starts on, header names, and writing a
 * file spreadsheets open as UTF-8 without running formulas. Pure functions, unit-tested without a database.
 */

/** One record of a file, with the line it starts on (the header is line 1) and Papa's complaint, if any. */
export type CsvRecord = { line: number; cells: string[]; parseError?: string }

/** Control characters other than tab, line breaks and form feed do not occur in text; NUL marks most binaries. */
function hasControlCharacters(text: string) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 127) return true
  }
  return false
}

/** Refuses what cannot be a CSV text file before reading it: binary bytes, invalid UTF-8, nothing at all. */
export function decodeCsvBytes(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; reason: 'notText' | 'empty' } {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, reason: 'notText' }
  }
  if (hasControlCharacters(text)) return { ok: false, reason: 'notText' }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') return { ok: false, reason: 'empty' }
  return { ok: true, text }
}

/** `Unit Price`, `unit-price` and `unit_price` name the same column. */
export function normalizeCsvHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

/** The delimiter the header line uses most: comma, semicolon (spreadsheets in many locales) or tab. */
function guessDelimiter(text: string): string {
  const header = text.trimStart().split('\n', 1)[0]
  let best = ','
  let most = 0
  for (const delimiter of [',', ';', '\t']) {
    const count = header.split(delimiter).length - 1
    if (count > most) {
      best = delimiter
      most = count
    }
  }
  return best
}

/**
 * Every record with the line it starts on (a quoted cell may span lines); blank lines are skipped. Reading stops
 * once the header plus `maxRows` records have been read and one more is found (`tooMany`).
 */
export function readCsvRecords(text: string, maxRows: number): { rows: CsvRecord[]; tooMany: boolean } {
  const normalized = text.replace(/\r\n?/g, '\n')
  // Offsets where each line starts, to turn a record's start offset into its line number.
  const lineStarts = [0]
  for (let i = normalized.indexOf('\n'); i !== -1; i = normalized.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const lineAt = (offset: number) => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (lineStarts[mid] <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }
  const rows: CsvRecord[] = []
  let start = 0
  let tooMany = false
  Papa.parse<string[]>(normalized, {
    delimiter: guessDelimiter(normalized),
    newline: '\n',
    skipEmptyLines: false,
    step: (result, parser) => {
      const line = lineAt(start)
      start = result.meta.cursor
      const cells = result.data
      if (cells.every((cell) => cell.trim() === '') && result.errors.length === 0) return
      // The header plus MAX rows are allowed; one more means the file is too long.
      if (rows.length > maxRows) {
        tooMany = true
        parser.abort()
        return
      }
      rows.push({ line, cells, parseError: result.errors[0]?.message })
    },
  })
  return { rows, tooMany }
}

/** A header problem, as a message key under `<ns>:import.` with its values. */
export type CsvHeaderError = { line: number; message: string; values?: Record<string, unknown> }

/**
 * Maps a header record to known columns (null for blank header cells). Unknown, repeated and missing columns are
 * reported as `<ns>:import.unknownColumn`, `duplicateColumn` and `missingColumns`.
 */
export function readCsvHeader<C extends string>(
  row: CsvRecord,
  options: { columns: readonly C[]; optional?: readonly C[]; ns: string },
): { columns: (C | null)[]; errors: CsvHeaderError[] } {
  const errors: CsvHeaderError[] = []
  const seen = new Set<string>()
  const columns = row.cells.map((cell) => {
    const name = normalizeCsvHeader(cell)
    if (name === '') return null
    if (!(options.columns as readonly string[]).includes(name)) {
      errors.push({
        line: row.line,
        message: `${options.ns}:import.unknownColumn`,
        values: { name: cell.trim() },
      })
      return null
    }
    if (seen.has(name))
      errors.push({ line: row.line, message: `${options.ns}:import.duplicateColumn`, values: { name } })
    seen.add(name)
    return name as C
  })
  const missing = options.columns.filter((c) => !seen.has(c) && !options.optional?.includes(c))
  if (missing.length > 0) {
    errors.push({
      line: row.line,
      message: `${options.ns}:import.missingColumns`,
      values: { names: missing.join(', ') },
    })
  }
  return { columns, errors }
}

// Spreadsheets run cells starting with these as formulas; writeCsv prefixes them with ' and csvCellsOf removes
// exactly that prefix again, so a round trip is exact.
const formulaStart = /^'[=+\-@\t\r]/

/** A record's cells by column name, with the export's formula guard taken off again. */
export function csvCellsOf<C extends string>(row: CsvRecord, columns: (C | null)[]) {
  const values: Partial<Record<C, string>> = {}
  columns.forEach((column, index) => {
    if (column) values[column] = (row.cells[index] ?? '').replace(formulaStart, (m) => m.slice(1))
  })
  return values
}

/** CSV text with a byte-order mark (so spreadsheets read it as UTF-8), CRLF lines and formulas neutralized. */
export function writeCsv(fields: readonly string[], data: (string | number)[][]): string {
  return `\uFEFF${Papa.unparse({ fields: [...fields], data }, { escapeFormulae: true, newline: '\r\n' })}\r\n`
}

const textTypes = new Set([
  '',
  'application/csv',
  'application/x-csv',
  // Windows reports .csv files as Excel's when Excel is installed; the bytes are still checked.
  'application/vnd.ms-excel',
  'application/octet-stream',
])

/** An upload's declared type must be text of some kind; the bytes are checked separately (decodeCsvBytes). */
export function isTextUpload(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase()
  return type.startsWith('text/') || textTypes.has(type)
}
