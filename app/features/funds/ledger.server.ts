import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { fundAllocations, funds, type LedgerKind, ledgerEntries, partnerships } from '#db/schema/index.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type AllocationBalance, allocationBalance } from './balances.ts'

type Source = { type: string; id: string }

/**
 * The only way money moves (docs/architecture.md, “Money and records edited by two people”): one appended entry, after the balance it affects was checked under a row
 * lock — the fund's row for allocating, the allocation's for committing, releasing and spending — so two
 * concurrent moves can never both pass a check that only one of them fits. The locks are FOR NO KEY UPDATE: they
 * exclude each other but not the key-share locks that inserting an entry (its foreign keys) takes, which would
 * otherwise deadlock an allocation against a commitment.
 */
async function append(
  ctx: ServiceContext,
  entry: {
    fundId: string
    allocationId: string | null
    partnershipId: string | null
    kind: LedgerKind
    amount: number
    reason: string
    source?: Source
  },
) {
  if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) {
    throw new AppError('invalid', 'funds:errors.amount')
  }
  const [row] = await ctx.tx
    .insert(ledgerEntries)
    .values({
      fundId: entry.fundId,
      allocationId: entry.allocationId,
      orgId: ctx.orgId,
      partnershipId: entry.partnershipId,
      kind: entry.kind,
      amount: entry.amount,
      reason: entry.reason,
      sourceType: entry.source?.type ?? null,
      sourceId: entry.source?.id ?? null,
      createdById: ctx.userId,
    })
    .returning()
  return row
}

/**
 * Sums of an allocation's entries by kind, turned into its balance; read from ledger_totals, which the insert of
 * each entry updates in the same transaction, so after the allocation's lock it is as current as the entries.
 */
export async function balanceOf(
  ctx: Pick<ServiceContext, 'tx'>,
  allocationId: string,
): Promise<AllocationBalance> {
  const rows = await rowsOf<{ kind: LedgerKind; total: string | number }>(
    ctx.tx,
    sql`select kind, sum(amount) as total from ledger_totals where allocation_id = ${allocationId} group by kind`,
  )
  return allocationBalance(Object.fromEntries(rows.map((r) => [r.kind, Number(r.total)])))
}

/** The fund's size (its own adjust entries) and what its allocations hold (allocate + allocation-level adjust). */
export async function fundTotals(ctx: Pick<ServiceContext, 'tx'>, fundId: string) {
  const [row] = await rowsOf<{ budget: string | number | null; allocated: string | number | null }>(
    ctx.tx,
    sql`select sum(amount) filter (where allocation_id is null) as budget,
               sum(amount) filter (where allocation_id is not null and kind in ('allocate', 'adjust')) as allocated
        from ledger_totals where fund_id = ${fundId}`,
  )
  const budget = Number(row?.budget ?? 0)
  const allocated = Number(row?.allocated ?? 0)
  return { budget, allocated, unallocated: budget - allocated }
}

async function lockFund(ctx: ServiceContext, fundId: string) {
  const [fund] = await ctx.tx
    .select()
    .from(funds)
    .where(and(eq(funds.id, fundId), eq(funds.orgId, ctx.orgId)))
    .for('no key update')
  if (!fund) throw new AppError('not_found', 'funds:errors.notFound')
  return fund
}

async function lockAllocation(ctx: ServiceContext, allocationId: string) {
  const [allocation] = await ctx.tx
    .select()
    .from(fundAllocations)
    .where(and(eq(fundAllocations.id, allocationId), eq(fundAllocations.orgId, ctx.orgId)))
    .for('no key update')
  if (!allocation) throw new AppError('not_found', 'funds:errors.allocationNotFound')
  return allocation
}

/** Grows (or, negative, shrinks) a fund's budget; it can never shrink below what is allocated. */
export async function adjustFund(
  ctx: ServiceContext,
  input: { fundId: string; amount: number; reason: string },
) {
  await lockFund(ctx, input.fundId)
  const totals = await fundTotals(ctx, input.fundId)
  if (totals.unallocated + input.amount < 0) {
    throw new AppError('conflict', 'funds:errors.belowAllocated', { unallocated: totals.unallocated })
  }
  return append(ctx, { ...input, allocationId: null, partnershipId: null, kind: 'adjust' })
}

/**
 * Sets money aside for a partnership from the fund's unallocated part (creating the allocation on first use); a
 * negative amount gives unused money back, never more than is available.
 */
export async function allocate(
  ctx: ServiceContext,
  input: { fundId: string; partnershipId: string; amount: number; reason: string },
) {
  const [partnership] = await ctx.tx
    .select({ status: partnerships.status })
    .from(partnerships)
    .where(and(eq(partnerships.id, input.partnershipId), eq(partnerships.hostOrgId, ctx.orgId)))
  if (!partnership) throw new AppError('not_found', 'funds:errors.partnershipNotFound')
  assertPartnershipAllows(partnership.status, 'write')
  await lockFund(ctx, input.fundId)
  await ctx.tx
    .insert(fundAllocations)
    .values({ fundId: input.fundId, orgId: ctx.orgId, partnershipId: input.partnershipId })
    .onConflictDoNothing()
  const [allocation] = await ctx.tx
    .select()
    .from(fundAllocations)
    .where(
      and(eq(fundAllocations.fundId, input.fundId), eq(fundAllocations.partnershipId, input.partnershipId)),
    )
    .for('no key update')
  if (!allocation) throw new AppError('not_found', 'funds:errors.partnershipNotFound')
  if (input.amount > 0) {
    const totals = await fundTotals(ctx, input.fundId)
    if (input.amount > totals.unallocated) {
      throw new AppError('conflict', 'funds:errors.overFund', { unallocated: totals.unallocated })
    }
  } else {
    const balance = await balanceOf(ctx, allocation.id)
    if (-input.amount > balance.available) {
      throw new AppError('conflict', 'funds:errors.overAvailable', { available: balance.available })
    }
  }
  const entry = await append(ctx, {
    fundId: input.fundId,
    allocationId: allocation.id,
    partnershipId: input.partnershipId,
    kind: 'allocate',
    amount: input.amount,
    reason: input.reason,
  })
  return { allocation, entry }
}

/** Commits money of an allocation (an approved fund request); refused when it would exceed what is available. */
export async function commitFunds(
  ctx: ServiceContext,
  input: { allocationId: string; amount: number; reason: string; source?: Source },
) {
  if (input.amount <= 0) throw new AppError('invalid', 'funds:errors.amount')
  const allocation = await lockAllocation(ctx, input.allocationId)
  const balance = await balanceOf(ctx, allocation.id)
  if (input.amount > balance.available) {
    throw new AppError('conflict', 'funds:errors.overAvailable', { available: balance.available })
  }
  return append(ctx, {
    ...input,
    fundId: allocation.fundId,
    partnershipId: allocation.partnershipId,
    kind: 'commit',
  })
}

/** Gives committed money back to the allocation (a cancelled promotion, a partly approved claim). */
export async function releaseFunds(
  ctx: ServiceContext,
  input: { allocationId: string; amount: number; reason: string; source?: Source },
) {
  if (input.amount <= 0) throw new AppError('invalid', 'funds:errors.amount')
  const allocation = await lockAllocation(ctx, input.allocationId)
  const balance = await balanceOf(ctx, allocation.id)
  if (input.amount > balance.committed) {
    throw new AppError('conflict', 'funds:errors.overCommitted', { committed: balance.committed })
  }
  return append(ctx, {
    ...input,
    fundId: allocation.fundId,
    partnershipId: allocation.partnershipId,
    kind: 'release',
  })
}

/** Spends committed money (an approved claim); never more than is committed. */
export async function spendFunds(
  ctx: ServiceContext,
  input: { allocationId: string; amount: number; reason: string; source?: Source },
) {
  if (input.amount <= 0) throw new AppError('invalid', 'funds:errors.amount')
  const allocation = await lockAllocation(ctx, input.allocationId)
  const balance = await balanceOf(ctx, allocation.id)
  if (input.amount > balance.committed) {
    throw new AppError('conflict', 'funds:errors.overCommitted', { committed: balance.committed })
  }
  return append(ctx, {
    ...input,
    fundId: allocation.fundId,
    partnershipId: allocation.partnershipId,
    kind: 'spend',
  })
}
