import {
  csvCellsOf,
  decodeCsvBytes,
  isTextUpload,
  readCsvHeader,
  readCsvRecords,
  writeCsv,
} from '#app/lib/csv.ts'
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
  return writeCsv(csvColumns, data)
}

/** Refuses what cannot be a CSV text file before reading it: binary bytes or invalid UTF-8. */
export function decodeCsvText(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; message: string } {
  const decoded = decodeCsvBytes(bytes)
  return decoded.ok ? decoded : { ok: false, message: `products:import.${decoded.reason}` }
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
  const { rows, tooMany } = readCsvRecords(text, maxRows)
  if (tooMany)
    return {
      ok: false,
      errors: [{ line: 1, message: 'products:import.tooManyRows', values: { max: maxRows } }],
    }
  const [header, ...body] = rows
  if (!header) return { ok: false, errors: [{ line: 1, message: 'products:import.empty' }] }
  const read = readCsvHeader(header, { columns: csvColumns, optional: optionalColumns, ns: 'products' })
  const { columns } = read
  const errors: CsvError[] = read.errors
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
    const cells = csvCellsOf(row, columns)
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

export { isTextUpload }
