import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import enForecasts from '#app/locales/en/forecasts.json'
import faForecasts from '#app/locales/fa/forecasts.json'
import { type GridCsvError, gridToCsv, parseFigure, readGridCsv } from './grid-csv.ts'
import type { ForecastGrid, GridLine } from './grid-types.ts'
import { forecastWeeks } from './weeks.ts'

const n = null
const bytes = (text: string) => new TextEncoder().encode(text)
const line = (values: (number | null)[]): GridLine => ({
  values,
  versions: values.map((v, i) => (v === null ? 0 : i + 1)),
})

// Two products × three weeks from Monday 1 March 2027; index = product × 3 + week.
const grid: Pick<ForecastGrid, 'weeks' | 'products' | 'lines' | 'side'> = {
  side: 'host',
  weeks: forecastWeeks('2027-03-01', 3),
  products: [
    { id: 'p-kettle', sku: 'KET-1', name: 'Kettle, 1.7 l' },
    // Starts like a formula: the export guards it and the import takes the guard off again.
    { id: 'p-fridge', sku: '-FR2', name: '=Fridge "Cool"' },
  ],
  lines: {
    host: line([100, 120, n, 40, 0, 45]),
    partner: line([90, 130, 80, n, n, 50]),
    consensus: line([95, n, n, 40, 0, 48]),
    actual: line([n, n, n, n, n, n]),
  },
}

const exported = gridToCsv(grid)
const lines = exported.replace(/^\uFEFF/, '').split('\r\n')

function errorsOf(text: string, side: 'host' | 'partner' = 'host'): GridCsvError[] {
  const read = readGridCsv(bytes(text), grid, { side })
  if (read.ok) throw new Error('expected the file to be refused')
  return read.errors
}

describe('grid CSV export', () => {
  test('one column per horizon week, one row per product and line, blank for no figure', () => {
    expect(exported.startsWith('\uFEFF')).toBe(true)
    expect(lines).toEqual([
      'sku,name,line,2027-03-01,2027-03-08,2027-03-15',
      'KET-1,"Kettle, 1.7 l",manufacturer,100,120,',
      'KET-1,"Kettle, 1.7 l",retailer,90,130,80',
      'KET-1,"Kettle, 1.7 l",consensus,95,,',
      'KET-1,"Kettle, 1.7 l",actual,,,',
      '"\'-FR2","\'=Fridge ""Cool""",manufacturer,40,0,45',
      '"\'-FR2","\'=Fridge ""Cool""",retailer,,,50',
      '"\'-FR2","\'=Fridge ""Cool""",consensus,40,0,48',
      '"\'-FR2","\'=Fridge ""Cool""",actual,,,',
      '',
    ])
  })
})

describe('grid CSV import', () => {
  test('an unchanged export changes nothing, whichever side imports it', () => {
    for (const side of ['host', 'partner'] as const) {
      const read = readGridCsv(bytes(exported), grid, { side })
      expect(read).toEqual({
        ok: true,
        changes: { host: [], partner: [], consensus: [], actual: [] },
        rows: 8,
      })
    }
  })

  test('changed figures come back per line, at the version the grid was read at', () => {
    const edited = exported
      .replace('manufacturer,100,120,', 'manufacturer,100,125,7')
      .replace('KET-1,"Kettle, 1.7 l",actual,,,', 'KET-1,"Kettle, 1.7 l",actual,88,,')
      .replace('consensus,40,0,48', 'consensus,,0,48')
    const read = readGridCsv(bytes(edited), grid, { side: 'host' })
    if (!read.ok) throw new Error(JSON.stringify(read.errors))
    expect(read.changes.host).toEqual([
      {
        productId: 'p-kettle',
        weekStart: '2027-03-08',
        value: 125,
        baseVersion: 2,
        productIndex: 0,
        weekIndex: 1,
        previous: 120,
        row: 2,
      },
      {
        productId: 'p-kettle',
        weekStart: '2027-03-15',
        value: 7,
        baseVersion: 0,
        productIndex: 0,
        weekIndex: 2,
        previous: null,
        row: 2,
      },
    ])
    expect(read.changes.actual).toMatchObject([{ productId: 'p-kettle', weekStart: '2027-03-01', value: 88 }])
    // Blanking a figure is a change to "no figure".
    expect(read.changes.consensus).toMatchObject([
      { productId: 'p-fridge', weekStart: '2027-03-01', value: null, previous: 40, baseVersion: 4, row: 8 },
    ])
    expect(read.changes.partner).toEqual([])
  })

  test('columns in any order, a subset of weeks, no name column, semicolons and Persian digits', () => {
    const text = ['line;2027-03-15;sku', 'retailer;۸۵;KET-1', 'manufacturer;;KET-1', 'retailer;50;-FR2'].join(
      '\n',
    )
    const read = readGridCsv(bytes(text), grid, { side: 'partner' })
    if (!read.ok) throw new Error(JSON.stringify(read.errors))
    expect(read.changes.partner).toMatchObject([
      { productId: 'p-kettle', weekStart: '2027-03-15', value: 85 },
    ])
    expect(read).toMatchObject({ rows: 3, changes: { host: [], consensus: [], actual: [] } })
  })

  test('names are not checked against the grid', () => {
    const read = readGridCsv(bytes(exported.replaceAll('Kettle, 1.7 l', 'Kettle (renamed)')), grid)
    expect(read.ok).toBe(true)
  })

  test('a malformed file changes nothing and names each bad row and column', () => {
    const text = [
      'SKU,Name,Line,2027-03-01,2027-03-08,2027-03-15',
      'KET-1,Kettle,manufacturer,100,12.5,-3', // 2: not whole, negative
      'NOPE,Ghost,manufacturer,1,2,3', // 3: unknown SKU
      'KET-1,Kettle,distributor,1,2,3', // 4: unknown line code
      '-FR2,Fridge,manufacturer,40,0,1000000001', // 5: too large
      '-FR2,Fridge,manufacturer,40,0,45', // 6: same SKU and line again
      'KET-1,Kettle,retailer,90,131,80', // 7: the host changing the retailer's figure
      'KET-1,Kettle,consensus,95', // 8: too few cells
      ',Kettle,,1,2,3', // 9: SKU and line missing
    ].join('\r\n')
    expect(errorsOf(text)).toEqual([
      { line: 2, column: '2027-03-08', message: 'forecasts:import.notWhole' },
      { line: 2, column: '2027-03-15', message: 'forecasts:import.negative' },
      { line: 3, column: 'SKU', message: 'forecasts:import.unknownSku', values: { sku: 'NOPE' } },
      { line: 4, column: 'Line', message: 'forecasts:import.unknownLine', values: { line: 'distributor' } },
      { line: 5, column: '2027-03-15', message: 'forecasts:import.tooLarge' },
      {
        line: 6,
        message: 'forecasts:import.duplicateRow',
        values: { sku: '-FR2', line: 'manufacturer', first: 5 },
      },
      {
        line: 7,
        column: '2027-03-08',
        message: 'forecasts:import.notYourLine',
        values: { line: 'retailer' },
      },
      { line: 8, message: 'forecasts:import.cellCount', values: { expected: 6, found: 4 } },
      { line: 9, column: 'SKU', message: 'forecasts:import.skuRequired' },
      { line: 9, column: 'Line', message: 'forecasts:import.lineRequired' },
    ])
  })

  test('the partner may change its own line, the consensus and actuals, not the manufacturer’s', () => {
    const edited = exported
      .replace('retailer,90,130,80', 'retailer,91,130,80')
      .replace('consensus,95,,', 'consensus,95,125,')
    const read = readGridCsv(bytes(edited), grid, { side: 'partner' })
    expect(read).toMatchObject({
      ok: true,
      changes: { partner: [{ value: 91 }], consensus: [{ value: 125 }] },
    })
    expect(errorsOf(exported.replace('manufacturer,40,0,45', 'manufacturer,41,0,45'), 'partner')).toEqual([
      {
        line: 6,
        column: '2027-03-01',
        message: 'forecasts:import.notYourLine',
        values: { line: 'manufacturer' },
      },
    ])
  })

  test('header problems are named by their header text', () => {
    const header = 'sku,line,2027-03-02,2027-04-05,2027-03-08,2027-03-08,3/15/2027,notes,2027-02-30'
    expect(errorsOf(`${header}\nKET-1,manufacturer,1,2,3,4,5,6,7`)).toEqual([
      {
        line: 1,
        column: '2027-03-02',
        message: 'forecasts:import.notMonday',
        values: { name: '2027-03-02' },
      },
      {
        line: 1,
        column: '2027-04-05',
        message: 'forecasts:import.weekOutside',
        values: { name: '2027-04-05', first: '2027-03-01', last: '2027-03-15' },
      },
      {
        line: 1,
        column: '2027-03-08',
        message: 'forecasts:import.duplicateColumn',
        values: { name: '2027-03-08' },
      },
      { line: 1, column: '3/15/2027', message: 'forecasts:import.weekFormat', values: { name: '3/15/2027' } },
      { line: 1, column: 'notes', message: 'forecasts:import.unknownColumn', values: { name: 'notes' } },
      {
        line: 1,
        column: '2027-02-30',
        message: 'forecasts:import.weekInvalid',
        values: { name: '2027-02-30' },
      },
    ])
    expect(errorsOf('name,2027-03-01\nKettle,1')).toEqual([
      { line: 1, message: 'forecasts:import.missingColumns', values: { names: 'sku, line' } },
    ])
    expect(errorsOf('sku,name,line\nKET-1,Kettle,manufacturer')).toEqual([
      {
        line: 1,
        message: 'forecasts:import.noWeeks',
        values: { first: '2027-03-01', last: '2027-03-15' },
      },
    ])
  })

  test('not a text file, an empty file, a header with no rows, too many rows', () => {
    expect(errorsOf('\u0000PK\u0003\u0004')).toEqual([{ line: 1, message: 'forecasts:import.notText' }])
    expect(readGridCsv(new Uint8Array([0xff, 0xfe, 0x00]), grid)).toMatchObject({
      errors: [{ message: 'forecasts:import.notText' }],
    })
    expect(errorsOf('  \r\n')).toEqual([{ line: 1, message: 'forecasts:import.empty' }])
    expect(errorsOf(lines[0])).toEqual([{ line: 1, message: 'forecasts:import.noRows' }])
    const read = readGridCsv(bytes(exported), grid, { maxRows: 3 })
    expect(read).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'forecasts:import.tooManyRows', values: { max: 3 } }],
    })
  })

  test('figures: whole numbers from 0 to 1,000,000,000', () => {
    expect(parseFigure(' 0 ')).toEqual({ ok: true, value: 0 })
    expect(parseFigure('')).toEqual({ ok: true, value: null })
    expect(parseFigure('1000000000')).toEqual({ ok: true, value: 1_000_000_000 })
    expect(parseFigure('1000000001')).toMatchObject({ message: 'forecasts:import.tooLarge' })
    expect(parseFigure('1,200')).toMatchObject({ message: 'forecasts:import.notWhole' })
    expect(parseFigure('-0.5')).toMatchObject({ message: 'forecasts:import.negative' })
    expect(parseFigure('1e3')).toMatchObject({ message: 'forecasts:import.notWhole' })
  })

  test('every message key the reader gives is translated in every locale', () => {
    const source = readFileSync(new URL('./grid-csv.ts', import.meta.url), 'utf8')
    // The decoder's reasons (notText, empty) are built from decodeCsvBytes' answer.
    const used = [...source.matchAll(/forecasts:import\.(\w+)/g)].map((m) => m[1]).concat('notText', 'empty')
    expect(used.length).toBeGreaterThan(20)
    for (const locale of [enForecasts, faForecasts]) {
      const translated: Record<string, string> = locale.import
      for (const key of used) expect(translated[key], key).toBeTruthy()
    }
  })
})
