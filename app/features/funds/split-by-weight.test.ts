import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { splitByWeight } from './split-by-weight.ts'

describe('splitByWeight', () => {
  test('worked examples', () => {
    expect(splitByWeight(100_00, [1, 1, 1])).toEqual([3334, 3333, 3333])
    // Sales of 60,000, 30,000 and 10,000 share 5,000.00.
    expect(splitByWeight(500_000, [6_000_000, 3_000_000, 1_000_000])).toEqual([300_000, 150_000, 50_000])
    expect(splitByWeight(10, [0, 0])).toEqual([5, 5])
    expect(splitByWeight(7, [])).toEqual([])
  })

  test('property: shares are whole, non-negative, add up exactly, and follow the weights within one unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }),
        (amount, weights) => {
          const shares = splitByWeight(amount, weights)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount)
          const total = weights.reduce((a, b) => a + b, 0)
          shares.forEach((share, i) => {
            expect(Number.isInteger(share) && share >= 0).toBe(true)
            const exact = total > 0 ? (amount * weights[i]) / total : amount / weights.length
            expect(Math.abs(share - exact)).toBeLessThan(1)
          })
        },
      ),
    )
  })
})
