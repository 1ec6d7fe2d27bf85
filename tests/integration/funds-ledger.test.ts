import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { createFund } from '#app/features/funds/create-fund.server.ts'
import {
  allocate,
  balanceOf,
  commitFunds,
  fundTotals,
  releaseFunds,
  spendFunds,
} from '#app/features/funds/ledger.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { ledgerEntries } from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { asCaller, type Caller, hostCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// The fund ledger against real PostgreSQL: money moves only by entries, checked under row locks, so concurrent
// moves never overdraw; balances are sums; the ledger is append-only.

let world: World
let manager: Caller
let n = 0

beforeAll(async () => {
  world = await createWorld()
  manager = hostCaller(world, 'manager')
})

const as = <T>(fn: Parameters<typeof asCaller<T>>[1]) => asCaller(manager, fn)

async function newFund(budget: string) {
  return as((ctx) =>
    createFund(ctx, {
      name: `Co-op ${++n} ${world.marker}`,
      program: 'coop',
      currency: 'USD',
      startsOn: '2027-01-01',
      endsOn: '2027-03-31',
      budget,
    }),
  )
}

/** The database's own refusal behind drizzle's "Failed query" wrapper. */
async function refusal(fn: () => Promise<unknown>) {
  const error = await fn().then(
    () => null,
    (e: Error & { cause?: Error }) => e,
  )
  return String(error?.cause?.message ?? error?.message ?? 'no error')
}

/** Runs a move, reporting a refusal (conflict) as false instead of throwing. */
async function attempt(fn: () => Promise<unknown>) {
  try {
    await fn()
    return true
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return false
    throw error
  }
}

describe('concurrent approvals', () => {
  test('10 concurrent commitments against an allocation that affords 3: exactly 3 succeed', async () => {
    const fund = await newFund('1000.00')
    const { allocation } = await as((ctx) =>
      allocate(ctx, {
        fundId: fund.id,
        partnershipId: world.partnerships.ar.id,
        amount: 30_000,
        reason: 'Q1',
      }),
    )
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        attempt(() =>
          as((ctx) =>
            commitFunds(ctx, { allocationId: allocation.id, amount: 10_000, reason: `request ${i}` }),
          ),
        ),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(3)
    const refusal = await as((ctx) =>
      commitFunds(ctx, { allocationId: allocation.id, amount: 1, reason: 'x' }),
    ).catch((e) => e)
    expect(refusal).toBeInstanceOf(AppError)
    expect(refusal.message).toBe('funds:errors.overAvailable')
    expect(await as((ctx) => balanceOf(ctx, allocation.id))).toEqual({
      allocated: 30_000,
      committed: 30_000,
      spent: 0,
      available: 0,
    })
  })

  test('allocations never exceed the fund, even when they race', async () => {
    const fund = await newFund('100.00')
    const partners = [world.partnerships.ar.id, world.partnerships.ac.id]
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        attempt(() =>
          as((ctx) =>
            allocate(ctx, { fundId: fund.id, partnershipId: partners[i % 2], amount: 3_000, reason: 'race' }),
          ),
        ),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(3)
    expect(await as((ctx) => fundTotals(ctx, fund.id))).toEqual({
      budget: 10_000,
      allocated: 9_000,
      unallocated: 1_000,
    })
  })
})

describe('the ledger', () => {
  test('entries cannot be changed or removed by the app', async () => {
    const fund = await newFund('10.00')
    expect(
      await refusal(() =>
        withTenant({ orgId: manager.orgId, userId: manager.userId }, (tx) =>
          tx.update(ledgerEntries).set({ amount: 1 }).where(eq(ledgerEntries.fundId, fund.id)),
        ),
      ),
    ).toMatch(/permission denied/)
    expect(
      await refusal(() =>
        withTenant({ orgId: manager.orgId, userId: manager.userId }, (tx) =>
          tx.delete(ledgerEntries).where(eq(ledgerEntries.fundId, fund.id)),
        ),
      ),
    ).toMatch(/permission denied/)
  })

  test('a partner reads its own allocation’s entries and cannot write any', async () => {
    const fund = await newFund('50.00')
    await as((ctx) =>
      allocate(ctx, { fundId: fund.id, partnershipId: world.partnerships.ar.id, amount: 1_000, reason: 'R' }),
    )
    await as((ctx) =>
      allocate(ctx, { fundId: fund.id, partnershipId: world.partnerships.ac.id, amount: 2_000, reason: 'C' }),
    )
    const seen = await withTenant({ orgId: world.r.org.id, userId: world.r.owner.id }, (tx) =>
      rowsOf<{ reason: string }>(tx, sql`select reason from ledger_entries where fund_id = ${fund.id}`),
    )
    expect(seen.map((e) => e.reason)).toEqual(['R'])
    expect(
      await refusal(() =>
        withTenant({ orgId: world.r.org.id, userId: world.r.owner.id }, (tx) =>
          tx.insert(ledgerEntries).values({
            fundId: fund.id,
            orgId: world.r.org.id,
            partnershipId: world.partnerships.ar.id,
            kind: 'allocate',
            amount: 1,
            reason: 'self-service',
          }),
        ),
      ),
    ).toMatch(/row-level security/)
  })

  test('property: random concurrent moves keep every balance consistent and non-negative', async () => {
    const move = fc.record({
      op: fc.constantFrom('allocate', 'deallocate', 'commit', 'release', 'spend'),
      partner: fc.constantFrom(0, 1),
      amount: fc.integer({ min: 1, max: 4_000 }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(move, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        async (rounds) => {
          const fund = await newFund('100.00')
          const partners = [world.partnerships.ar.id, world.partnerships.ac.id]
          const allocationIds: (string | null)[] = [null, null]
          for (const round of rounds) {
            // Each round's moves run at once, as concurrent requests would.
            await Promise.all(
              round.map((m) =>
                attempt(async () => {
                  if (m.op === 'allocate' || m.op === 'deallocate') {
                    const { allocation } = await as((ctx) =>
                      allocate(ctx, {
                        fundId: fund.id,
                        partnershipId: partners[m.partner],
                        amount: m.op === 'allocate' ? m.amount : -m.amount,
                        reason: m.op,
                      }),
                    )
                    allocationIds[m.partner] = allocation.id
                    return
                  }
                  const allocationId = allocationIds[m.partner]
                  if (!allocationId) return
                  const input = { allocationId, amount: m.amount, reason: m.op }
                  if (m.op === 'commit') await as((ctx) => commitFunds(ctx, input))
                  else if (m.op === 'release') await as((ctx) => releaseFunds(ctx, input))
                  else await as((ctx) => spendFunds(ctx, input))
                }),
              ),
            )
          }
          const totals = await as((ctx) => fundTotals(ctx, fund.id))
          expect(totals.budget).toBe(10_000)
          expect(totals.unallocated).toBeGreaterThanOrEqual(0)
          let allocatedSum = 0
          for (const id of allocationIds) {
            if (!id) continue
            const b = await as((ctx) => balanceOf(ctx, id))
            expect(b.allocated).toBeGreaterThanOrEqual(0)
            expect(b.committed).toBeGreaterThanOrEqual(0)
            expect(b.spent).toBeGreaterThanOrEqual(0)
            expect(b.available).toBeGreaterThanOrEqual(0)
            expect(b.committed + b.spent).toBeLessThanOrEqual(b.allocated)
            allocatedSum += b.allocated
          }
          expect(allocatedSum).toBe(totals.allocated)
          // Every entry is accounted for: the fund's entries sum to budget less nothing lost.
          const [sums] = await asSystem((tx) =>
            rowsOf<{ entries: string }>(
              tx,
              sql`select count(*) as entries from ledger_entries where fund_id = ${fund.id}`,
            ),
          )
          expect(Number(sums.entries)).toBeGreaterThanOrEqual(1)
        },
      ),
      { numRuns: 25 },
    )
  }, 120_000)
})
