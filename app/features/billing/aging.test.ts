import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addDays } from '#app/lib/dates.ts'
import { agingSummary, bucketOf } from './aging.ts'

describe('aging', () => {
  test('bucket edges', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, -5].map(bucketOf)).toEqual([
      'current',
      'd1_30',
      'd1_30',
      'd31_60',
      'd31_60',
      'd61_90',
      'd61_90',
      'd90_plus',
      'current',
    ])
  })

  test('per currency, the buckets add up to the open balances; currencies are never mixed', () => {
    const asOf = '2026-11-23'
    const item = fc.record({
      currency: fc.constantFrom('USD', 'EUR', 'JPY'),
      balance: fc.integer({ min: 1, max: 1_000_000_000 }),
      dueDate: fc.integer({ min: -200, max: 60 }).map((d) => addDays(asOf, -d)),
    })
    fc.assert(
      fc.property(fc.array(item, { maxLength: 80 }), (items) => {
        const summary = agingSummary(items, asOf)
        for (const row of summary) {
          const own = items.filter((i) => i.currency === row.currency)
          expect(row.total).toBe(own.reduce((s, i) => s + i.balance, 0))
          expect(Object.values(row.buckets).reduce((s, v) => s + v, 0)).toBe(row.total)
        }
        expect(summary.map((r) => r.currency)).toEqual([...new Set(items.map((i) => i.currency))].sort())
      }),
    )
  })
})
