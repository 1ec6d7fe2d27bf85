import { describe, expect, test } from 'vitest'
import { allocationBalance, fundBalance } from './balances.ts'

describe('balances from ledger sums', () => {
  test('a commitment, a partial spend and a release', () => {
    // 10,000.00 allocated; 4,000.00 committed; 1,500.00 of it spent; 500.00 released.
    const b = allocationBalance({ allocate: 1_000_000, commit: 400_000, spend: 150_000, release: 50_000 })
    expect(b).toEqual({ allocated: 1_000_000, committed: 200_000, spent: 150_000, available: 650_000 })
  })

  test('adjustments change what is allocated; nothing is ever negative by construction of the inputs', () => {
    expect(allocationBalance({ allocate: 100, adjust: -40 })).toEqual({
      allocated: 60,
      committed: 0,
      spent: 0,
      available: 60,
    })
    expect(allocationBalance({})).toEqual({ allocated: 0, committed: 0, spent: 0, available: 0 })
  })

  test('a fund is its budget less its allocations', () => {
    const a = allocationBalance({ allocate: 300 })
    const b = allocationBalance({ allocate: 200, adjust: 50 })
    expect(fundBalance(1_000, [a, b])).toEqual({ budget: 1_000, allocated: 550, unallocated: 450 })
  })
})
