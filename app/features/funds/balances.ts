import type { LedgerKind } from '#db/schema/funds.ts'

/** Where an allocation's money stands; every figure is a sum of ledger entries, in the fund's minor units. */
export type AllocationBalance = { allocated: number; committed: number; spent: number; available: number }

export type EntrySums = Partial<Record<LedgerKind, number>>

/**
 * allocated = allocate + adjust; committed = commit − release − spend (spending uses up a commitment);
 * spent = spend; available = allocated − committed − spent.
 */
export function allocationBalance(sums: EntrySums): AllocationBalance {
  const n = (k: LedgerKind) => sums[k] ?? 0
  const allocated = n('allocate') + n('adjust')
  const committed = n('commit') - n('release') - n('spend')
  const spent = n('spend')
  return { allocated, committed, spent, available: allocated - committed - spent }
}

/** A fund's own balance: its size (fund-level adjust entries) less what its allocations hold. */
export function fundBalance(budget: number, allocations: AllocationBalance[]) {
  const allocated = allocations.reduce((sum, a) => sum + a.allocated, 0)
  return { budget, allocated, unallocated: budget - allocated }
}
