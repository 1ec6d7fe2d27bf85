import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  addMoney,
  documentTotals,
  formatMoney,
  formatRate,
  lineAmounts,
  minorUnitExponent,
  parseAmount,
  parseQuantity,
  sumByCurrency,
  toDecimalString,
} from './money.ts'

const quantity = fc
  .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, milli]) => `${whole}.${String(milli).padStart(3, '0')}`)
const line = fc.record({
  quantity,
  unitPrice: fc.integer({ min: 0, max: 10_000_000 }),
  discountBp: fc.integer({ min: 0, max: 10_000 }),
  taxRateBp: fc.oneof(fc.constantFrom(0, 500, 700, 1900, 2000, 2100), fc.integer({ min: 0, max: 10_000 })),
})

describe('lineAmounts', () => {
  test('a worked example: 3 × 19.99 less 10%, 20% tax', () => {
    expect(lineAmounts({ quantity: '3', unitPrice: 1999, discountBp: 1000, taxRateBp: 2000 })).toEqual({
      gross: 5997,
      discount: 600, // 599.7 rounds half away from zero
      net: 5397,
      tax: 1079, // 1079.4
      total: 6476,
    })
  })

  test('fractional quantities round half away from zero', () => {
    expect(lineAmounts({ quantity: '0.5', unitPrice: 1, discountBp: 0, taxRateBp: 0 }).net).toBe(1)
    expect(lineAmounts({ quantity: '1.333', unitPrice: 300, discountBp: 0, taxRateBp: 0 }).net).toBe(400)
  })

  test('refuses bad input instead of guessing', () => {
    expect(() => lineAmounts({ quantity: '1.2345', unitPrice: 1, discountBp: 0, taxRateBp: 0 })).toThrow()
    expect(() => lineAmounts({ quantity: '1', unitPrice: 1.5, discountBp: 0, taxRateBp: 0 })).toThrow()
    expect(() => lineAmounts({ quantity: '1', unitPrice: 1, discountBp: 10_001, taxRateBp: 0 })).toThrow()
    expect(() =>
      lineAmounts({ quantity: '99999999999', unitPrice: 9_000_000_000, discountBp: 0, taxRateBp: 0 }),
    ).toThrow(/too large/)
  })

  test('each rounded amount is within half a minor unit of the exact value (no drift)', () => {
    fc.assert(
      fc.property(line, (l) => {
        const a = lineAmounts(l)
        const [whole, milli] = l.quantity.split('.').map(BigInt)
        const qtyMilli = whole * 1000n + milli
        // Exact values scaled by 2·1000 so that "within half a unit" is an integer comparison.
        const exactGross2k = 2n * qtyMilli * BigInt(l.unitPrice)
        expect(abs(BigInt(a.gross) * 2000n - exactGross2k) <= 1000n).toBe(true)
        const exactDiscount2 = 2n * BigInt(a.gross) * BigInt(l.discountBp)
        expect(abs(BigInt(a.discount) * 20_000n - exactDiscount2) <= 10_000n).toBe(true)
        const exactTax2 = 2n * BigInt(a.net) * BigInt(l.taxRateBp)
        expect(abs(BigInt(a.tax) * 20_000n - exactTax2) <= 10_000n).toBe(true)
        expect(a.net).toBe(a.gross - a.discount)
        expect(a.total).toBe(a.net + a.tax)
        expect(a.net).toBeGreaterThanOrEqual(0)
        expect(a.net).toBeLessThanOrEqual(a.gross)
        for (const v of Object.values(a)) expect(Number.isSafeInteger(v)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('documentTotals', () => {
  const lines = fc.array(line, { minLength: 0, maxLength: 60 })

  test('the total is the sum of the line totals, and subtotal + tax = total', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const computed = ls.map((l) => ({ ...lineAmounts(l), taxRateBp: l.taxRateBp }))
        const totals = documentTotals(computed)
        expect(totals.total).toBe(computed.reduce((s, l) => s + l.total, 0))
        expect(totals.subtotal).toBe(computed.reduce((s, l) => s + l.net, 0))
        expect(totals.subtotal + totals.taxTotal).toBe(totals.total)
        expect(totals.taxes.reduce((s, t) => s + t.tax, 0)).toBe(totals.taxTotal)
        expect(totals.taxes.reduce((s, t) => s + t.base, 0)).toBe(totals.subtotal)
      }),
      { numRuns: 1000 },
    )
  })

  test('the order of lines does not change the totals', () => {
    fc.assert(
      fc.property(lines, fc.integer(), (ls, seed) => {
        const computed = ls.map((l) => ({ ...lineAmounts(l), taxRateBp: l.taxRateBp }))
        const shuffled = [...computed].sort((a, b) => ((a.total ^ seed) & 7) - ((b.total ^ seed) & 7))
        expect(documentTotals(shuffled)).toEqual(documentTotals(computed))
      }),
    )
  })

  test('an empty document totals zero', () => {
    expect(documentTotals([])).toEqual({ subtotal: 0, taxTotal: 0, total: 0, taxes: [] })
  })
})

describe('currencies', () => {
  test('minor units follow ISO 4217', () => {
    expect(minorUnitExponent('USD')).toBe(2)
    expect(minorUnitExponent('JPY')).toBe(0)
    expect(minorUnitExponent('KWD')).toBe(3)
  })

  test('amounts parse and print exactly, both ways', () => {
    expect(parseAmount('12.5', 'USD')).toBe(1250)
    expect(parseAmount('12,50', 'EUR')).toBe(1250)
    expect(parseAmount('0.001', 'USD')).toBeNull()
    expect(parseAmount('abc', 'USD')).toBeNull()
    expect(parseAmount('1500', 'JPY')).toBe(1500)
    expect(toDecimalString(-5, 'USD')).toBe('-0.05')
    expect(toDecimalString(1234567, 'KWD')).toBe('1234.567')
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (n, c) => {
          expect(parseAmount(toDecimalString(n, c), c)).toBe(n)
        },
      ),
    )
  })

  test('formats for the reader’s locale without floating point', () => {
    expect(formatMoney(900719925474099, 'USD', 'en')).toBe('$9,007,199,254,740.99')
    expect(formatMoney(123456, 'EUR', 'de').replace(/\s/g, ' ')).toBe('1.234,56 €')
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500')
    expect(formatRate(2000)).toBe('20%')
    expect(formatRate(1250)).toBe('12.5%')
  })

  test('different currencies are never added together', () => {
    expect(() => addMoney({ amount: 1, currency: 'USD' }, { amount: 1, currency: 'EUR' })).toThrow(TypeError)
    expect(
      sumByCurrency([
        { amount: 100, currency: 'USD' },
        { amount: 5, currency: 'EUR' },
        { amount: 250, currency: 'USD' },
      ]),
    ).toEqual([
      { currency: 'EUR', amount: 5 },
      { currency: 'USD', amount: 350 },
    ])
  })

  test('quantities take up to three decimals', () => {
    expect(parseQuantity('2')).toBe(2000n)
    expect(parseQuantity('0.125')).toBe(125n)
    expect(parseQuantity('1.0001')).toBeNull()
  })
})

function abs(n: bigint) {
  return n < 0n ? -n : n
}

describe('amounts in a currency that is not one', () => {
  test('do not parse (a form with a tampered currency is refused, not a server error)', () => {
    expect(parseAmount('10.00', 'USD¿\'"(')).toBeNull()
    expect(parseAmount('10.00', 'usd')).toBeNull()
    expect(parseAmount('10.00', '')).toBeNull()
  })
})
