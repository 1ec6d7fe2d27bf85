import Papa from 'papaparse'
import { bpToPercent, toDecimalString } from '#app/lib/money.ts'
import { MAX_IMPORT_ROWS } from './limits.ts'
import { isKnownCurrency, type ProductInput, ProductSchema, priceError } from './schemas.ts'

/**
 * The catalogue as CSV: what the export writes and the import reads. Pure functions, so the rules (columns, line
 * numbers, every error at once) are unit-tested without a database.
 */

export const csvColumns = [
  'sku',
  'name',
  'description',
  'unit',
  'unit_price',
  'currency',
  'tax_rate',
  'active',
] as const

export type CsvColumn = (typeof csvColumns)[number]

/** Columns a file may leave out: the org's default currency and a 0% tax rate fill them. */
const optionalColumns: readonly CsvColumn[] = ['currency', 'tax_rate']

/** One problem, tied to its line in the file (the header is line 1). Messages are i18n keys. */
export type CsvError = { line: number; column?: CsvColumn; message: string; values?: Record<string, unknown> }

export type CsvProduct = ProductInput & { line: number }

export type CsvReadResult = { ok: true; products: CsvProduct[] } | { ok: false; errors: CsvError[] }

const fieldColumn: Record<string, CsvColumn> = {
  sku: 'sku',
  name: 'name',
  description: 'description',
  unit: 'unit',
  unitPrice: 'unit_price',
  currency: 'currency',
  taxRate: 'tax_rate',
  active: 'active',
}

// Spreadsheets run cells starting with these as formulas; the export prefixes them with ' and the import
// removes exactly that prefix again, so a round trip is exact.
const formulaStart = /^'[=+\-@\t\r]/

export type CsvRow = Pick<
  ProductInput,
  'sku' | 'name' | 'description' | 'unit' | 'unitPrice' | 'currency' | 'taxRateBp' | 'active'
>

/** The catalogue as CSV text (with a byte-order mark, so spreadsheets read it as UTF-8). */
export function productsToCsv(rows: CsvRow[]): string {
  const data = rows.map((p) => [
    p.sku,
    p.name,
    p.description,
    p.unit,
    toDecimalString(p.unitPrice, p.currency),
    p.currency,
    bpToPercent(p.taxRateBp),
    p.active ? 'true' : 'false',
  ])
  return `\uFEFF${Papa.unparse({ fields: [...csvColumns], data }, { escapeFormulae: true, newline: '\r\n' })}\r\n`
}

/** Control characters other than tab, line breaks and form feed do not occur in text; NUL marks most binaries. */
function hasControlCharacters(text: string) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 127) return true
  }
  return false
}

/** Refuses what cannot be a CSV text file before reading it: binary bytes or invalid UTF-8. */
export function decodeCsvText(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; message: string } {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, message: 'products:import.notText' }
  }
  if (hasControlCharacters(text)) return { ok: false, message: 'products:import.notText' }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') return { ok: false, message: 'products:import.empty' }
  return { ok: true, text }
}

function normalizeHeader(cell: string): string {
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

type RawRow = { line: number; cells: string[]; parseError?: string }

/** Every record with the line it starts on (a quoted cell may span lines); blank lines are skipped. */
function readRecords(text: string, maxRows: number): { rows: RawRow[]; tooMany: boolean } {
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
  const rows: RawRow[] = []
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

function readHeader(row: RawRow): { columns: (CsvColumn | null)[]; errors: CsvError[] } {
  const errors: CsvError[] = []
  const seen = new Set<string>()
  const columns = row.cells.map((cell) => {
    const name = normalizeHeader(cell)
    if (name === '') return null
    if (!(csvColumns as readonly string[]).includes(name)) {
      errors.push({ line: row.line, message: 'products:import.unknownColumn', values: { name: cell.trim() } })
      return null
    }
    if (seen.has(name))
      errors.push({ line: row.line, message: 'products:import.duplicateColumn', values: { name } })
    seen.add(name)
    return name as CsvColumn
  })
  const missing = csvColumns.filter((c) => !seen.has(c) && !optionalColumns.includes(c))
  if (missing.length > 0) {
    errors.push({
      line: row.line,
      message: 'products:import.missingColumns',
      values: { names: missing.join(', ') },
    })
  }
  return { columns, errors }
}

function cellsOf(row: RawRow, columns: (CsvColumn | null)[]) {
  const values: Partial<Record<CsvColumn, string>> = {}
  columns.forEach((column, index) => {
    if (column) values[column] = (row.cells[index] ?? '').replace(formulaStart, (m) => m.slice(1))
  })
  return values
}

/**
 * Reads and validates a whole file. Either every row is valid (and the products come back with their lines) or
 * nothing is: then every problem of every row is listed. A SKU twice in one file is an error on its later lines.
 */
export function readProductCsv(
  text: string,
  options: { defaultCurrency: string; maxRows?: number },
): CsvReadResult {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS
  const { rows, tooMany } = readRecords(text, maxRows)
  if (tooMany)
    return {
      ok: false,
      errors: [{ line: 1, message: 'products:import.tooManyRows', values: { max: maxRows } }],
    }
  const [header, ...body] = rows
  if (!header) return { ok: false, errors: [{ line: 1, message: 'products:import.empty' }] }
  const { columns, errors } = readHeader(header)
  if (errors.length > 0) return { ok: false, errors }
  if (body.length === 0)
    return { ok: false, errors: [{ line: header.line, message: 'products:import.noRows' }] }

  const products: CsvProduct[] = []
  const firstLineOfSku = new Map<string, number>()
  for (const row of body) {
    if (row.parseError) {
      errors.push({
        line: row.line,
        message: 'products:import.malformed',
        values: { reason: row.parseError },
      })
      continue
    }
    if (row.cells.length !== header.cells.length) {
      errors.push({
        line: row.line,
        message: 'products:import.cellCount',
        values: { expected: header.cells.length, found: row.cells.length },
      })
      continue
    }
    const cells = cellsOf(row, columns)
    const currency = (cells.currency?.trim() || options.defaultCurrency).toUpperCase()
    const parsed = ProductSchema.safeParse({
      sku: cells.sku,
      name: cells.name,
      description: cells.description ?? '',
      unit: cells.unit,
      unitPrice: cells.unit_price,
      currency,
      taxRate: cells.tax_rate?.trim() || '0',
      active: cells.active,
    })
    if (!parsed.success) {
      // One message per column: the first problem is the one to fix.
      const messages = new Map<CsvColumn, string>()
      for (const issue of parsed.error.issues) {
        const column = fieldColumn[String(issue.path[0])]
        if (column && !messages.has(column)) messages.set(column, issue.message)
      }
      // zod checks the price against the currency only when every other field passed; a file gets it all at once.
      const price = cells.unit_price?.trim()
      if (!messages.has('unit_price') && price && isKnownCurrency(currency)) {
        const message = priceError(price, currency)
        if (message) messages.set('unit_price', message)
      }
      for (const column of csvColumns) {
        const message = messages.get(column)
        if (message) errors.push({ line: row.line, column, message })
      }
      continue
    }
    const first = firstLineOfSku.get(parsed.data.sku)
    if (first !== undefined) {
      errors.push({
        line: row.line,
        column: 'sku',
        message: 'products:import.duplicateSku',
        values: { sku: parsed.data.sku, first },
      })
      continue
    }
    firstLineOfSku.set(parsed.data.sku, row.line)
    products.push({ ...parsed.data, line: row.line })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, products }
}

const textTypes = new Set([
  '',
  'application/csv',
  'application/x-csv',
  // Windows reports .csv files as Excel's when Excel is installed; the bytes are still checked.
  'application/vnd.ms-excel',
  'application/octet-stream',
])

/** An upload's declared type must be text of some kind; the bytes are checked separately (decodeCsvText). */
export function isTextUpload(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase()
  return type.startsWith('text/') || textTypes.has(type)
}
