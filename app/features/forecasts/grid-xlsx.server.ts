import type { TFunction } from 'i18next'
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node'
import { directionOf } from '#app/lib/i18n/config.ts'
import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import { forecastLines } from '#db/schema/forecasts.ts'
import { lineWithAdjustments } from './exception-rules.ts'
import { gridCsvLineCodes } from './grid-csv.ts'
import type { ForecastGrid, ForecastLine } from './grid-types.ts'

/**
 * The grid as an .xlsx workbook (docs/decisions/0020-xlsx-export.md). The first sheet has exactly the CSV's
 * columns and rows (grid-csv.ts), figures as numbers, so a person can work in it and save it as CSV to import.
 * The second, "Totals", shows each line as the grid does: where a line has promotion lifts on a product, its typed
 * figures, one row per lift and a bold total; otherwise the line's figures alone. Labels are in the reader's language.
 */

type XlsxGrid = Pick<ForecastGrid, 'forecast' | 'weeks' | 'products' | 'lines' | 'adjustments'>

const bold = (value: string): Cell => ({ value, fontWeight: 'bold' })
const figure = (value: number | null | undefined): Cell =>
  value === null || value === undefined ? null : value

function lineLabel(t: TFunction, grid: XlsxGrid, line: ForecastLine): string {
  if (line === 'host') return t('xlsx.lineHost', { org: grid.forecast.hostOrgName })
  if (line === 'partner') return t('xlsx.linePartner', { org: grid.forecast.partnerOrgName })
  return t(line === 'consensus' ? 'xlsx.lineConsensus' : 'xlsx.lineActual')
}

function gridSheet(grid: XlsxGrid): Row[] {
  const weekCount = grid.weeks.length
  const rows: Row[] = [['sku', 'name', 'line', ...grid.weeks].map(bold)]
  grid.products.forEach((product, p) => {
    for (const line of forecastLines) {
      const values = grid.lines[line].values.slice(p * weekCount, (p + 1) * weekCount)
      rows.push([
        product.sku,
        product.name,
        gridCsvLineCodes[line],
        ...grid.weeks.map((_, w) => figure(values[w])),
      ])
    }
  })
  return rows
}

function totalsSheet(grid: XlsxGrid, t: TFunction): Row[] {
  const weekCount = grid.weeks.length
  const rows: Row[] = [[t('xlsx.sku'), t('xlsx.product'), t('xlsx.lineColumn'), ...grid.weeks].map(bold)]
  const totals = new Map(
    forecastLines.map((line) => [line, lineWithAdjustments(grid.lines[line], grid.adjustments, line)]),
  )
  grid.products.forEach((product, p) => {
    const from = p * weekCount
    const weekly = (values: readonly (number | null)[]) => grid.weeks.map((_, w) => figure(values[from + w]))
    for (const line of forecastLines) {
      const label = lineLabel(t, grid, line)
      // Only the lifts that add something to this product's row.
      const lifts = grid.adjustments.filter(
        (a) => a.line === line && a.units.slice(from, from + weekCount).some((u) => u !== 0),
      )
      if (lifts.length === 0) {
        rows.push([product.sku, product.name, label, ...weekly(grid.lines[line].values)])
        continue
      }
      rows.push([
        product.sku,
        product.name,
        t('xlsx.figure', { line: label }),
        ...weekly(grid.lines[line].values),
      ])
      for (const lift of lifts) {
        const units = grid.weeks.map((_, w) => lift.units[from + w] || null)
        rows.push([product.sku, product.name, t('xlsx.adjustment', { label: lift.label }), ...units])
      }
      const total = totals.get(line) ?? []
      rows.push([
        bold(product.sku),
        bold(product.name),
        bold(t('xlsx.total', { line: label })),
        ...grid.weeks.map((_, w): Cell => {
          const value = total[from + w] ?? null
          return value === null ? null : { value, fontWeight: 'bold' }
        }),
      ])
    }
  })
  return rows
}

/** The workbook's bytes, with labels in `locale` (sheets mirrored for right-to-left languages). */
export async function gridToXlsx(grid: XlsxGrid, locale: string): Promise<Buffer> {
  const t = await getFixedT(locale, 'forecasts')
  const rightToLeft = directionOf(locale) === 'rtl'
  const weekColumns = grid.weeks.map(() => ({ width: 11 }))
  return writeXlsxFile([
    {
      sheet: t('xlsx.gridSheet'),
      data: gridSheet(grid),
      columns: [{ width: 14 }, { width: 32 }, { width: 14 }, ...weekColumns],
      stickyRowsCount: 1,
      stickyColumnsCount: 3,
      rightToLeft,
    },
    {
      sheet: t('xlsx.totalsSheet'),
      data: totalsSheet(grid, t),
      columns: [{ width: 14 }, { width: 32 }, { width: 40 }, ...weekColumns],
      stickyRowsCount: 1,
      stickyColumnsCount: 3,
      rightToLeft,
    },
  ]).toBuffer()
}
