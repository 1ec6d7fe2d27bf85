import { inflateRawSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { ForecastGrid } from './grid-types.ts'
import { gridToXlsx } from './grid-xlsx.server.ts'

// An .xlsx is a zip of XML parts. The reader below follows the zip's central directory and the sheet XML as the
// format defines them (ECMA-376), independently of the writer, so the figures are checked as a spreadsheet reads them.

function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>()
  // The end-of-central-directory record is the last 22 bytes (no archive comment).
  let end = zip.length - 22
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50)
    const method = zip.readUInt16LE(at + 10)
    const compressedSize = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localOffset = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28)
    const data = zip.subarray(dataStart, dataStart + compressedSize)
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'))
    at += 46 + nameLength + extraLength + commentLength
  }
  return files
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

const columnIndex = (ref: string) =>
  [...(ref.match(/^[A-Z]+/)?.[0] ?? '')].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1

type Workbook = Map<string, { rows: (string | number | null)[][]; bold: Set<string> }>

/** Every sheet by name: its cells (shared strings resolved, numbers as numbers) and which cells are bold. */
function readWorkbook(bytes: Buffer): Workbook {
  const files = unzip(bytes)
  const strings = [...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    unescapeXml([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')),
  )
  // Which cell styles (s="n") use a bold font.
  const styles = files.get('xl/styles.xml') ?? ''
  const fonts = [
    ...(styles.match(/<fonts[^>]*>(.*?)<\/fonts>/s)?.[1] ?? '').matchAll(/<font>(.*?)<\/font>|<font\/>/gs),
  ]
  const boldFonts = new Set(fonts.flatMap((f, i) => ((f[1] ?? '').includes('<b') ? [i] : [])))
  const xfs = [...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)?.[1] ?? '').matchAll(/<xf\b([^>]*)/g)]
  const boldStyles = new Set(
    xfs.flatMap((x, i) => (boldFonts.has(Number(x[1].match(/fontId="(\d+)"/)?.[1] ?? -1)) ? [i] : [])),
  )
  const workbook: Workbook = new Map()
  const sheets = [...(files.get('xl/workbook.xml') ?? '').matchAll(/<sheet\b[^>]*name="([^"]*)"/g)]
  sheets.forEach((sheet, i) => {
    const xml = files.get(`xl/worksheets/sheet${i + 1}.xml`) ?? ''
    const rows: (string | number | null)[][] = []
    const bold = new Set<string>()
    for (const row of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
      const cells: (string | number | null)[] = []
      for (const cell of row[2].matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
        const [, ref, attributes, inner = ''] = cell
        const value = inner.match(/<v>(.*?)<\/v>/s)?.[1]
        const index = columnIndex(ref)
        while (cells.length < index) cells.push(null)
        if (value === undefined) cells.push(null)
        else cells.push(/t="s"/.test(attributes) ? strings[Number(value)] : Number(value))
        if (boldStyles.has(Number(attributes.match(/s="(\d+)"/)?.[1] ?? -1))) bold.add(ref)
      }
      rows[Number(row[1]) - 1] = cells
    }
    // Blank cells are not written; pad each row to the sheet's width as a spreadsheet shows it.
    const width = Math.max(0, ...rows.map((r) => r?.length ?? 0))
    const padded = [...rows].map((r) => [...(r ?? []), ...Array<null>(width - (r?.length ?? 0)).fill(null)])
    workbook.set(unescapeXml(sheet[1]), { rows: padded, bold })
  })
  return workbook
}

const n = null
const grid: Pick<ForecastGrid, 'forecast' | 'weeks' | 'products' | 'lines' | 'adjustments'> = {
  forecast: {
    id: 'f1',
    name: 'Spring 2027',
    partnershipId: 'ps1',
    startWeek: '2027-03-01',
    horizonWeeks: 2,
    unit: 'units',
    rules: { gapBp: 2000, gapUnits: 50, shiftBp: null },
    version: 1,
    hostOrgName: 'Acme Appliances',
    partnerOrgName: 'Brightside Retail',
  },
  weeks: ['2027-03-01', '2027-03-08'],
  products: [
    { id: 'p1', sku: 'KET-1', name: 'Kettle <1.7 l> & "Co"' },
    { id: 'p2', sku: '=FR2', name: 'Fridge' },
  ],
  lines: {
    host: { values: [100, 120, 40, n], versions: [1, 1, 1, 0] },
    partner: { values: [90, n, 41, 50], versions: [1, 0, 1, 1] },
    consensus: { values: [95, 110, n, n], versions: [2, 2, 0, 0] },
    actual: { values: [n, n, n, n], versions: [0, 0, 0, 0] },
  },
  adjustments: [
    {
      id: 'a1',
      line: 'host',
      label: 'Spring end-cap lift',
      liftBp: 1500,
      promotionId: 'pr1',
      // Only the kettle's weeks are promoted.
      units: [15, 18, 0, 0],
    },
  ],
}

describe('grid .xlsx export', () => {
  test('the first sheet has the CSV columns and rows, figures as numbers, blanks for no figure', async () => {
    const sheet = readWorkbook(await gridToXlsx(grid, 'en')).get('Forecast')
    expect(sheet?.rows).toEqual([
      ['sku', 'name', 'line', '2027-03-01', '2027-03-08'],
      ['KET-1', 'Kettle <1.7 l> & "Co"', 'manufacturer', 100, 120],
      ['KET-1', 'Kettle <1.7 l> & "Co"', 'retailer', 90, n],
      ['KET-1', 'Kettle <1.7 l> & "Co"', 'consensus', 95, 110],
      ['KET-1', 'Kettle <1.7 l> & "Co"', 'actual', n, n],
      // A text cell, not a formula: no guard is needed in a workbook.
      ['=FR2', 'Fridge', 'manufacturer', 40, n],
      ['=FR2', 'Fridge', 'retailer', 41, 50],
      ['=FR2', 'Fridge', 'consensus', n, n],
      ['=FR2', 'Fridge', 'actual', n, n],
    ])
  })

  test('"Totals" shows each line with its lifts: typed figures, one row per lift, a bold total', async () => {
    const sheet = readWorkbook(await gridToXlsx(grid, 'en')).get('Totals')
    const kettle = 'Kettle <1.7 l> & "Co"'
    expect(sheet?.rows).toEqual([
      ['SKU', 'Product', 'Line', '2027-03-01', '2027-03-08'],
      ['KET-1', kettle, 'Manufacturer (Acme Appliances) (as typed)', 100, 120],
      ['KET-1', kettle, '+ Spring end-cap lift', 15, 18],
      ['KET-1', kettle, 'Manufacturer (Acme Appliances), total with lifts', 115, 138],
      ['KET-1', kettle, 'Retailer (Brightside Retail)', 90, n],
      ['KET-1', kettle, 'Consensus', 95, 110],
      ['KET-1', kettle, 'Actual', n, n],
      // The lift adds nothing to the fridge: its line stands alone.
      ['=FR2', 'Fridge', 'Manufacturer (Acme Appliances)', 40, n],
      ['=FR2', 'Fridge', 'Retailer (Brightside Retail)', 41, 50],
      ['=FR2', 'Fridge', 'Consensus', n, n],
      ['=FR2', 'Fridge', 'Actual', n, n],
    ])
    // The header and the total row are bold; the lift row is not.
    expect([...(sheet?.bold ?? [])].sort()).toEqual([
      'A1',
      'A4',
      'B1',
      'B4',
      'C1',
      'C4',
      'D1',
      'D4',
      'E1',
      'E4',
    ])
  })

  test('labels follow the reader’s language; figures and line codes do not', async () => {
    const bytes = await gridToXlsx(grid, 'fa')
    // Persian reads right to left: both sheets are mirrored.
    expect(unzip(bytes).get('xl/worksheets/sheet2.xml')).toMatch(/<sheetView[^>]*rightToLeft="(1|true)"/)
    expect(unzip(await gridToXlsx(grid, 'en')).get('xl/worksheets/sheet2.xml')).not.toMatch(
      /rightToLeft="(1|true)"/,
    )
    const workbook = readWorkbook(bytes)
    expect([...workbook.keys()]).toEqual(['پیش‌بینی', 'جمع‌ها'])
    expect(workbook.get('پیش‌بینی')?.rows[1]).toEqual([
      'KET-1',
      'Kettle <1.7 l> & "Co"',
      'manufacturer',
      100,
      120,
    ])
    expect(workbook.get('جمع‌ها')?.rows[3]).toEqual([
      'KET-1',
      'Kettle <1.7 l> & "Co"',
      'تولیدکننده (Acme Appliances)، جمع با افزایش‌ها',
      115,
      138,
    ])
  })
})
