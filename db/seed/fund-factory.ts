import type { Tx } from '#db/client.ts'
import { fundAllocations, funds, type LedgerKind, ledgerEntries } from '#db/schema/index.ts'

// Funds for the demo seed and the tests, written as the owner (asSystem). Balances come only from entries, as in
// the services; these write entries that keep every balance non-negative.

export async function createFundRecord(
  tx: Tx,
  input: {
    orgId: string
    name: string
    currency?: string
    budget: number
    createdById?: string
    startsOn?: string
    endsOn?: string
    program?: 'coop' | 'mdf'
  },
) {
  const [fund] = await tx
    .insert(funds)
    .values({
      orgId: input.orgId,
      name: input.name,
      program: input.program ?? 'coop',
      currency: input.currency ?? 'USD',
      startsOn: input.startsOn ?? '2026-01-01',
      endsOn: input.endsOn ?? '2026-12-31',
      createdById: input.createdById ?? null,
    })
    .returning()
  await tx.insert(ledgerEntries).values({
    fundId: fund.id,
    orgId: input.orgId,
    kind: 'adjust',
    amount: input.budget,
    reason: 'Initial budget',
    createdById: input.createdById ?? null,
  })
  return fund
}

/** An allocation with the given movements, in order (e.g. allocate 1000, commit 400, spend 100). */
export async function createAllocationRecord(
  tx: Tx,
  input: {
    fund: typeof funds.$inferSelect
    partnershipId: string
    createdById?: string
    entries: { kind: Exclude<LedgerKind, 'adjust'> | 'adjust'; amount: number; reason?: string }[]
  },
) {
  const [allocation] = await tx
    .insert(fundAllocations)
    .values({ fundId: input.fund.id, orgId: input.fund.orgId, partnershipId: input.partnershipId })
    .returning()
  for (const entry of input.entries) {
    await tx.insert(ledgerEntries).values({
      fundId: input.fund.id,
      allocationId: allocation.id,
      orgId: input.fund.orgId,
      partnershipId: input.partnershipId,
      kind: entry.kind,
      amount: entry.amount,
      reason: entry.reason ?? entry.kind,
      createdById: input.createdById ?? null,
    })
  }
  return allocation
}

/** One more movement on an existing allocation, with the record that caused it (a claim's spend, a promotion's commit). */
export async function createLedgerEntryRecord(
  tx: Tx,
  input: {
    allocation: typeof fundAllocations.$inferSelect
    kind: LedgerKind
    amount: number
    reason?: string
    source?: { type: string; id: string }
    createdById?: string
  },
) {
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      fundId: input.allocation.fundId,
      allocationId: input.allocation.id,
      orgId: input.allocation.orgId,
      partnershipId: input.allocation.partnershipId,
      kind: input.kind,
      amount: input.amount,
      reason: input.reason ?? input.kind,
      sourceType: input.source?.type ?? null,
      sourceId: input.source?.id ?? null,
      createdById: input.createdById ?? null,
    })
    .returning()
  return entry
}
