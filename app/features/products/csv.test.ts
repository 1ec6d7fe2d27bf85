import { describe, expect, test } from 'vitest'
import { bpToPercent, percentToBp } from '#app/lib/money.ts'
import { type CsvRow, decodeCsvText, isTextUpload, productsToCsv, readProductCsv } from './csv.ts'
import { ProductSchema } from './schemas.ts'

const header = 'sku,name,description,unit,unit_price,currency,tax_rate,active'
const read = (text: string, maxRows?: number) => readProductCsv(text, { defaultCurrency: 'EUR', maxRows })

function errorsOf(text: string) {
  const result = read(text)
  if (result.ok) throw new Error('expected the file to be refused')
  return result.errors.map((e) => `${e.line}:${e.column ?? '-'}:${e.message}`)
}

describe('percent and basis points', () => {
  test('percent text with up to 2 decimals becomes basis points exactly', () => {
    expect(percentToBp('20')).toBe(2000)
    expect(percentToBp('7.5')).toBe(750)
    expect(percentToBp('12.34%')).toBe(1234)
    expect(percentToBp('100')).toBe(10_000)
    expect(percentToBp('0')).toBe(0)
    expect(percentToBp('12.345')).toBeNull()
    expect(percentToBp('100.01')).toBeNull()
    expect(percentToBp('-1')).toBeNull()
    expect(percentToBp('abc')).toBeNull()
  })

  test('basis points print as the shortest percent that reads back the same', () => {
    for (const bp of [0, 1, 10, 750, 1250, 2000, 1999, 10_000]) expect(percentToBp(bpToPercent(bp))).toBe(bp)
    expect(bpToPercent(2000)).toBe('20')
    expect(bpToPercent(1250)).toBe('12.5')
    expect(bpToPercent(5)).toBe('0.05')
    expect(bpToPercent(0)).toBe('0')
  })
})

describe('ProductSchema', () => {
  const base = { sku: 'AB-1', name: 'Thing', unit: 'each', currency: 'USD', active: 'on' }

  test('reads a price exactly in the currency’s minor units', () => {
    const usd = ProductSchema.parse({ ...base, unitPrice: '19.99', taxRate: '20' })
    expect(usd).toMatchObject({ unitPrice: 1999, taxRateBp: 2000, active: true, description: '' })
    expect(ProductSchema.parse({ ...base, unitPrice: '1500', currency: 'JPY' }).unitPrice).toBe(1500)
    expect(ProductSchema.parse({ ...base, unitPrice: '0.1', currency: 'usd' })).toMatchObject({
      unitPrice: 10,
      currency: 'USD',
    })
  })

  test('refuses a price finer than the currency, a negative price and an unknown currency', () => {
    const issues = (input: Record<string, unknown>) =>
      ProductSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => `${i.path}:${i.message}`)
    expect(issues({ unitPrice: '0.001' })).toEqual(['unitPrice:products:errors.price'])
    expect(issues({ unitPrice: '15.5', currency: 'JPY' })).toEqual(['unitPrice:products:errors.price'])
    expect(issues({ unitPrice: '-1' })).toEqual(['unitPrice:products:errors.priceNegative'])
    expect(issues({ unitPrice: '1', currency: 'XYZ' })).toEqual(['currency:validation.invalidCurrency'])
    expect(issues({ unitPrice: '1', sku: 'a b' })).toEqual(['sku:products:errors.skuInvalid'])
    expect(issues({ unitPrice: '1', sku: 'x'.repeat(65) })).toEqual(['sku:products:errors.skuTooLong'])
  })

  test('active reads a checkbox or a word, and refuses anything else', () => {
    expect(ProductSchema.parse({ ...base, unitPrice: '1', active: undefined }).active).toBe(false)
    expect(ProductSchema.parse({ ...base, unitPrice: '1', active: 'FALSE' }).active).toBe(false)
    expect(ProductSchema.parse({ ...base, unitPrice: '1', active: 'yes' }).active).toBe(true)
    expect(ProductSchema.safeParse({ ...base, unitPrice: '1', active: 'maybe' }).success).toBe(false)
  })
})

describe('readProductCsv', () => {
  test('reads columns in any order and case, with defaults for currency and tax rate', () => {
    const result = read(
      'Name,SKU,Unit Price,unit,active,description\nKettle,KT-1,34.50,each,true,"Boils, fast"\n',
    )
    expect(result).toEqual({
      ok: true,
      products: [
        {
          line: 2,
          sku: 'KT-1',
          name: 'Kettle',
          description: 'Boils, fast',
          unit: 'each',
          unitPrice: 3450,
          currency: 'EUR',
          taxRateBp: 0,
          active: true,
        },
      ],
    })
  })

  test('every bad row is reported with its line in the file, and nothing is returned', () => {
    const text = [
      header,
      'A-1,Good,,each,1.00,USD,20,true',
      'A-2,,,each,1.00,USD,20,true', // line 3: no name
      'A-3,Cheap,,each,0.001,USD,20,true', // line 4: price too fine
      '',
      'A-4,Taxed,"two',
      'lines",each,5,USD,120,yes', // lines 6–7: one record; tax rate over 100
      'A-5,Fine,,each,2,USD,0,maybe', // line 8: active
    ].join('\n')
    expect(errorsOf(text)).toEqual([
      '3:name:validation.required',
      '4:unit_price:products:errors.price',
      '6:tax_rate:products:errors.taxRateInvalid',
      '8:active:products:errors.activeInvalid',
    ])
  })

  test('lists every problem of a row, one per column, in column order', () => {
    expect(errorsOf(`${header}\n!bad,,,,abc,USD,x,\n`)).toEqual([
      '2:sku:products:errors.skuInvalid',
      '2:name:validation.required',
      '2:unit:validation.required',
      '2:unit_price:products:errors.price',
      '2:tax_rate:products:errors.taxRateInvalid',
      '2:active:products:errors.activeInvalid',
    ])
  })

  test('a SKU twice in one file is an error on its later line', () => {
    const result = read(
      `${header}\nA,One,,each,1,USD,0,true\nB,Two,,each,1,USD,0,true\nA,Again,,each,1,USD,0,true\n`,
    )
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 4, column: 'sku', message: 'products:import.duplicateSku', values: { sku: 'A', first: 2 } },
      ],
    })
  })

  test('the header must name the required columns, and only known ones', () => {
    expect(errorsOf('sku,name,colour\nA,B,red\n')).toEqual([
      '1:-:products:import.unknownColumn',
      '1:-:products:import.missingColumns',
    ])
    expect(errorsOf('sku,sku,name,description,unit,unit_price,active\n')).toEqual([
      '1:-:products:import.duplicateColumn',
    ])
    expect(errorsOf(`${header}\n`)).toEqual(['1:-:products:import.noRows'])
  })

  test('a row with more or fewer values than the header is refused', () => {
    expect(errorsOf(`${header}\nA,B,,each,1,USD,0,true,extra\nC,D\n`)).toEqual([
      '2:-:products:import.cellCount',
      '3:-:products:import.cellCount',
    ])
  })

  test('reads semicolon-separated files and Windows line endings', () => {
    const result = read('sku;name;description;unit;unit_price;active\r\nA;B;;each;2,50;true\r\n')
    expect(result.ok && result.products.map((p) => [p.line, p.unitPrice])).toEqual([[2, 250]])
  })

  test('more rows than the limit is refused as a whole', () => {
    const rows = Array.from({ length: 4 }, (_, i) => `S${i},N,,each,1,USD,0,true`)
    expect(read([header, ...rows].join('\n'), 4).ok).toBe(true)
    expect(read([header, ...rows, 'S9,N,,each,1,USD,0,true'].join('\n'), 4)).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'products:import.tooManyRows', values: { max: 4 } }],
    })
  })
})

describe('productsToCsv', () => {
  const rows: CsvRow[] = [
    {
      sku: 'AB-1',
      name: '=HYPERLINK("x")',
      description: 'Line one\nline "two", with comma',
      unit: 'each',
      unitPrice: 1999,
      currency: 'USD',
      taxRateBp: 2000,
      active: true,
    },
    {
      sku: 'JP-1',
      name: 'تست',
      description: '',
      unit: 'box',
      unitPrice: 1500,
      currency: 'JPY',
      taxRateBp: 750,
      active: false,
    },
  ]

  test('writes exact decimals and percents under the documented header', () => {
    const csv = productsToCsv(rows)
    expect(csv.startsWith(`\uFEFF${header}\r\n`)).toBe(true)
    expect(csv).toContain(',19.99,USD,20,true')
    expect(csv).toContain('JP-1,تست,,box,1500,JPY,7.5,false')
    // A cell a spreadsheet would run as a formula is neutralized.
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
  })

  test('what it writes reads back to the same products', () => {
    const decoded = decodeCsvText(new TextEncoder().encode(productsToCsv(rows)))
    if (!decoded.ok) throw new Error(decoded.message)
    const result = readProductCsv(decoded.text, { defaultCurrency: 'EUR' })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.products.map(({ line: _, ...p }) => p)).toEqual(rows)
  })
})

describe('upload checks', () => {
  test('binary bytes and invalid UTF-8 are refused; a BOM is dropped', () => {
    expect(decodeCsvText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({
      ok: false,
      message: 'products:import.notText',
    })
    expect(decodeCsvText(new Uint8Array([0x73, 0x6b, 0x75, 0x00, 0x01]))).toMatchObject({ ok: false })
    expect(decodeCsvText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' })
    expect(decodeCsvText(new Uint8Array([0x20, 0x0a]))).toEqual({
      ok: false,
      message: 'products:import.empty',
    })
  })

  test('only text types are accepted as uploads', () => {
    for (const type of ['text/csv', 'text/plain; charset=utf-8', 'application/vnd.ms-excel', ''])
      expect(isTextUpload(type), type).toBe(true)
    for (const type of ['image/png', 'application/pdf', 'application/zip'])
      expect(isTextUpload(type), type).toBe(false)
  })
})
