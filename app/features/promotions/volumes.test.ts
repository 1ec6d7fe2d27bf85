import { describe, expect, test } from 'vitest'
import { isPastedBlock, parsePastedBlock, placeBlock } from './grid-paste.ts'
import { readGridForm, suggestionEdits, unsavedEdits } from './volume-grid-form.ts'
import { promotionalPrice } from './volume-rights.ts'
import { decodeVolumesCsv, parseUnits, readVolumesCsv, volumesToCsv } from './volumes-csv.ts'
import { baselineWindow, isWeekStart, promotionWeeks, weekStartOf } from './weeks.ts'

describe('promotion weeks (Monday starts)', () => {
  test('a promotion from Wednesday 3 March to Tuesday 16 March 2027 touches three weeks', () => {
    expect(promotionWeeks('2027-03-03', '2027-03-16')).toEqual(['2027-03-01', '2027-03-08', '2027-03-15'])
  })

  test('a one-day promotion on a Sunday is the week that Sunday ends', () => {
    expect(promotionWeeks('2027-03-07', '2027-03-07')).toEqual(['2027-03-01'])
    expect(weekStartOf('2027-03-07')).toBe('2027-03-01')
    expect(weekStartOf('2027-03-08')).toBe('2027-03-08')
  })

  test('weeks run across a year end and a month of five Mondays', () => {
    expect(promotionWeeks('2026-12-28', '2027-01-10')).toEqual(['2026-12-28', '2027-01-04'])
    expect(promotionWeeks('2027-03-01', '2027-03-31')).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
      '2027-03-29',
    ])
  })

  test('no weeks for dates the wrong way round or not dates at all', () => {
    expect(promotionWeeks('2027-03-10', '2027-03-01')).toEqual([])
    expect(promotionWeeks('soon', '2027-03-01')).toEqual([])
  })

  test('the baseline history is the 13 whole weeks before the first week', () => {
    // The promotion starts on Wednesday 3 March 2027: its first week starts Monday 1 March.
    expect(baselineWindow('2027-03-03')).toEqual({ from: '2026-11-30', to: '2027-02-28', weeks: 13 })
  })

  test('a week start is a real Monday written YYYY-MM-DD', () => {
    expect(isWeekStart('2027-03-01')).toBe(true)
    expect(isWeekStart('2027-03-02')).toBe(false)
    expect(isWeekStart('2027-3-1')).toBe(false)
    expect(isWeekStart('2027-02-30')).toBe(false)
  })
})

describe('promotional price', () => {
  test('a price-discount promotion takes its discount off, rounded half away from zero', () => {
    expect(promotionalPrice(1999, { mechanics: 'price_discount', discountBp: 1500 })).toBe(1699)
    // 10.05 less 10 %: the discount of 100.5 cents rounds to 101, as on an invoice line, leaving 9.04.
    expect(promotionalPrice(1005, { mechanics: 'price_discount', discountBp: 1000 })).toBe(904)
  })

  test('other mechanics, or no discount set, keep the price', () => {
    expect(promotionalPrice(1999, { mechanics: 'display', discountBp: 1500 })).toBe(1999)
    expect(promotionalPrice(1999, { mechanics: 'price_discount', discountBp: null })).toBe(1999)
  })
})

describe('units as typed', () => {
  test('whole numbers from 0, blank as no figure, Persian digits as digits', () => {
    expect(parseUnits(' 42 ')).toEqual({ ok: true, value: 42 })
    expect(parseUnits('0')).toEqual({ ok: true, value: 0 })
    expect(parseUnits('')).toEqual({ ok: true, value: null })
    expect(parseUnits('۱۲۰')).toEqual({ ok: true, value: 120 })
  })

  test('negative, fractional and text are refused; so is more than a billion', () => {
    for (const text of ['-1', '1.5', '12a', '1e3'])
      expect(parseUnits(text)).toEqual({ ok: false, message: 'volumes:errors.units' })
    expect(parseUnits('1000000001')).toEqual({ ok: false, message: 'volumes:errors.unitsTooLarge' })
  })
})

describe('actuals CSV', () => {
  const options = { skus: ['AC-FR-300', 'AC-DW-12'], weeks: ['2027-03-01', '2027-03-08'], maxRows: 100 }
  const read = (text: string) => readVolumesCsv(text, options)
  const errorsOf = (text: string) => {
    const result = read(text)
    if (result.ok) throw new Error('expected the file to be refused')
    return result.errors.map((e) => `${e.line}:${e.column ?? '-'}:${e.message}`)
  }

  test('reads every row with its line; blank actual_units means no figure', () => {
    const result = read('sku,week_start,actual_units\nAC-FR-300,2027-03-01,12\n\nAC-DW-12,2027-03-08,\n')
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, sku: 'AC-FR-300', weekStart: '2027-03-01', actualUnits: 12 },
        { line: 4, sku: 'AC-DW-12', weekStart: '2027-03-08', actualUnits: null },
      ],
    })
  })

  test('every problem of every row is listed by line and column, and nothing is read', () => {
    const text = [
      'SKU;Week Start;Actual Units',
      'AC-FR-300;2027-03-01;10',
      'NOPE;2027-03-01;5',
      'AC-FR-300;2027-03-15;-3',
      'AC-DW-12;2027-03-02;4',
      'AC-DW-12;March;x',
      'AC-FR-300;2027-03-01;11',
      ';2027-03-08;1',
    ].join('\n')
    expect(errorsOf(text)).toEqual([
      '3:sku:volumes:import.unknownSku',
      '4:week_start:volumes:import.weekOutside',
      '4:actual_units:volumes:errors.units',
      '5:week_start:volumes:import.notMonday',
      '6:week_start:volumes:import.weekInvalid',
      '6:actual_units:volumes:errors.units',
      '7:-:volumes:import.duplicateRow',
      '8:sku:volumes:import.skuRequired',
    ])
  })

  test('the header must name the three columns once each', () => {
    expect(errorsOf('sku,week,actual_units\nAC-FR-300,2027-03-01,1')).toEqual([
      '1:-:volumes:import.unknownColumn',
      '1:-:volumes:import.missingColumns',
    ])
    expect(errorsOf('sku,week_start,actual_units\n')).toEqual(['1:-:volumes:import.noRows'])
    expect(errorsOf('sku,week_start,actual_units\nAC-FR-300,2027-03-01')).toEqual([
      '2:-:volumes:import.cellCount',
    ])
  })

  test('a file longer than the limit is refused as a whole', () => {
    const rows = Array.from({ length: 3 }, () => 'AC-FR-300,2027-03-01,1')
    expect(
      readVolumesCsv(['sku,week_start,actual_units', ...rows].join('\n'), { ...options, maxRows: 2 }),
    ).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'volumes:import.tooManyRows', values: { max: 2 } }],
    })
  })

  test('what the export writes reads back to the same figures', () => {
    const rows = [
      { sku: 'AC-FR-300', weekStart: '2027-03-01', actualUnits: 12 },
      { sku: 'AC-FR-300', weekStart: '2027-03-08', actualUnits: null },
      { sku: 'AC-DW-12', weekStart: '2027-03-01', actualUnits: 0 },
    ]
    const csv = volumesToCsv(rows)
    expect(csv.startsWith('\uFEFFsku,week_start,actual_units\r\n')).toBe(true)
    const decoded = decodeVolumesCsv(new TextEncoder().encode(csv))
    if (!decoded.ok) throw new Error(decoded.message)
    const result = read(decoded.text)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.rows.map(({ line: _, ...r }) => r)).toEqual(rows)
  })

  test('binary bytes are refused before reading', () => {
    expect(decodeVolumesCsv(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({
      ok: false,
      message: 'volumes:import.notText',
    })
    expect(decodeVolumesCsv(new Uint8Array([0x0a]))).toEqual({ ok: false, message: 'volumes:import.empty' })
  })
})

describe('pasting a spreadsheet block', () => {
  test('rows by line, cells by tab; the trailing line break is not a row', () => {
    expect(parsePastedBlock('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ])
    expect(isPastedBlock('12\n')).toBe(false)
    expect(isPastedBlock('12\t13')).toBe(true)
  })

  test('fills from the focused cell, drops what falls outside, reads thousands separators', () => {
    const block = parsePastedBlock('1,200\t5\t6\n7\t8\t9\n10\t11\t12')
    expect(placeBlock(block, { row: 1, column: 1 }, { rows: 3, columns: 3 })).toEqual([
      { row: 1, column: 1, value: '1200' },
      { row: 1, column: 2, value: '5' },
      { row: 2, column: 1, value: '7' },
      { row: 2, column: 2, value: '8' },
    ])
  })
})

describe('the grid as a form', () => {
  const p = '0b5c9f3e-8a8e-4b7a-9d55-0f3c1e2a4b6c'
  const form = (fields: Record<string, string>) => {
    const data = new FormData()
    for (const [k, v] of Object.entries(fields)) data.append(k, v)
    return data
  }

  test('only cells whose text differs from what they were typed over are edits, with that version', () => {
    const read = readGridForm(
      form({
        [`u.${p}.2027-03-01`]: '12',
        [`b.${p}.2027-03-01`]: '3:10',
        [`u.${p}.2027-03-08`]: '10',
        [`b.${p}.2027-03-08`]: '2:10',
        [`u.${p}.2027-03-15`]: '',
        [`b.${p}.2027-03-15`]: '1:4',
      }),
      'baseline',
    )
    expect(read.cells).toEqual([
      { promotionProductId: p, weekStart: '2027-03-01', value: 12, baseVersion: 3 },
      // A baseline cleared plans no units.
      { promotionProductId: p, weekStart: '2027-03-15', value: 0, baseVersion: 1 },
    ])
    expect(read.invalid).toEqual({})
  })

  test('a blank actual is "not known"; text that is not a whole number is kept as typed and marked', () => {
    const read = readGridForm(
      form({
        [`u.${p}.2027-03-01`]: '',
        [`b.${p}.2027-03-01`]: '1:7',
        [`u.${p}.2027-03-08`]: '4.5',
        [`b.${p}.2027-03-08`]: '0:',
      }),
      'actual',
    )
    expect(read.cells).toEqual([
      { promotionProductId: p, weekStart: '2027-03-01', value: null, baseVersion: 1 },
    ])
    expect(read.invalid).toEqual({ [`${p}.2027-03-08`]: 'volumes:errors.units' })
    // After a save, the refused cell keeps what was typed and is based on the other person's figure.
    const kept = unsavedEdits(read, [
      { promotionProductId: p, weekStart: '2027-03-01', mine: null, theirs: 9, version: 2, by: 'Maya' },
    ])
    expect(kept).toEqual({
      [`${p}.2027-03-08`]: { value: '4.5', baseVersion: 0, baseValue: '' },
      [`${p}.2027-03-01`]: { value: '', baseVersion: 2, baseValue: '9' },
    })
  })

  test('a suggestion becomes edits of every week whose saved baseline differs', () => {
    const edits = suggestionEdits(
      [
        { promotionProductId: p, weekly: 11 },
        { promotionProductId: 'none', weekly: null },
      ],
      ['2027-03-01', '2027-03-08'],
      { [`${p}.2027-03-08`]: { baseline: 11, version: 4 } },
    )
    expect(edits).toEqual({ [`${p}.2027-03-01`]: { value: '11', baseVersion: 0, baseValue: '' } })
  })
})
