import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { createFund } from '#app/features/funds/create-fund.server.ts'
import { getFund } from '#app/features/funds/get-fund.server.ts'
import {
  adjustFund,
  allocate,
  commitFunds,
  releaseFunds,
  spendFunds,
} from '#app/features/funds/ledger.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { funds, type LedgerKind, ledgerEntries, ledgerTotals } from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { asCaller, type Caller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// ledger_totals against real PostgreSQL: the ledger summed per (allocation, kind, source, fund) by the insert
// trigger alone, always equal to the entries it sums, readable under the ledger's own policy, writable by nobody
// but the trigger.

let world: World
let manager: Caller
let n = 0

beforeAll(async () => {
  world = await createWorld()
  manager = hostCaller(world, 'manager')
})

const as = <T>(fn: Parameters<typeof asCaller<T>>[1]) => asCaller(manager, fn)

function newFund(budget = '100.00') {
  return as((ctx) =>
    createFund(ctx, {
      name: `Totals ${++n} ${world.marker}`,
      program: 'mdf',
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

/** A refused move (no money for it) is part of the game; anything else fails the test. */
async function attempt(fn: () => Promise<unknown>) {
  try {
    await fn()
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error
  }
}

type Row = {
  allocation_id: string | null
  kind: string
  source_type: string | null
  source_id: string | null
  org_id: string
  partnership_id: string | null
  amount: string | number
  entries: string | number
}

/** The fund's totals as stored, and as summed from its entries now, both read by the owner, in key order. */
async function storedAndSummed(fundId: string) {
  const key = sql.raw('allocation_id, kind, source_type, source_id')
  return asSystem(async (tx) => ({
    stored: await rowsOf<Row>(
      tx,
      sql`select ${key}, org_id, partnership_id, amount, entries from ledger_totals
          where fund_id = ${fundId} order by ${key}`,
    ),
    summed: await rowsOf<Row>(
      tx,
      sql`select ${key}, org_id, partnership_id, sum(amount) as amount, count(*) as entries from ledger_entries
          where fund_id = ${fundId} group by ${key}, org_id, partnership_id order by ${key}`,
    ),
  }))
}

const normal = (rows: Row[]) =>
  rows.map((r) => ({ ...r, amount: Number(r.amount), entries: Number(r.entries) }))

describe('ledger_totals', () => {
  test('property: after random concurrent rounds of ledger writes, every total equals the sums of its entries', async () => {
    const sources = [null, randomUUID(), randomUUID()]
    const move = fc.record({
      op: fc.constantFrom('adjust', 'allocate', 'deallocate', 'commit', 'release', 'spend', 'batch'),
      partner: fc.constantFrom(0, 1),
      source: fc.constantFrom(0, 1, 2),
      amount: fc.integer({ min: 1, max: 4_000 }),
      // A batch: several entries in ONE statement, so the trigger groups keys within a statement too.
      batch: fc.array(
        fc.record({
          kind: fc.constantFrom<LedgerKind>('commit', 'release', 'spend'),
          source: fc.constantFrom(0, 1, 2),
          amount: fc.integer({ min: 1, max: 500 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(move, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        async (rounds) => {
          const fund = await newFund()
          const partners = [world.partnerships.ar.id, world.partnerships.ac.id]
          // Each partner gets its allocation up front, so every round has somewhere to move money.
          const allocations = await Promise.all(
            partners.map(async (partnershipId) => {
              const { allocation } = await as((ctx) =>
                allocate(ctx, { fundId: fund.id, partnershipId, amount: 2_000, reason: 'start' }),
              )
              return allocation
            }),
          )
          for (const round of rounds) {
            // Each round's writes run at once, as concurrent requests would.
            await Promise.all(
              round.map((m) =>
                attempt(async () => {
                  const allocation = allocations[m.partner]
                  const sourceId = sources[m.source]
                  const source = sourceId ? { type: 'promotion', id: sourceId } : undefined
                  const input = { allocationId: allocation.id, amount: m.amount, reason: m.op, source }
                  if (m.op === 'adjust') {
                    await as((ctx) => adjustFund(ctx, { fundId: fund.id, amount: m.amount, reason: 'grow' }))
                  } else if (m.op === 'allocate' || m.op === 'deallocate') {
                    const amount = m.op === 'allocate' ? m.amount : -m.amount
                    await as((ctx) =>
                      allocate(ctx, {
                        fundId: fund.id,
                        partnershipId: partners[m.partner],
                        amount,
                        reason: m.op,
                      }),
                    )
                  } else if (m.op === 'commit') await as((ctx) => commitFunds(ctx, input))
                  else if (m.op === 'release') await as((ctx) => releaseFunds(ctx, input))
                  else if (m.op === 'spend') await as((ctx) => spendFunds(ctx, input))
                  else {
                    // The owner, without the allocation's lock: concurrent upserts of one key must still add up.
                    await asSystem((tx) =>
                      tx.insert(ledgerEntries).values(
                        m.batch.map((e) => ({
                          fundId: fund.id,
                          allocationId: allocation.id,
                          orgId: allocation.orgId,
                          partnershipId: allocation.partnershipId,
                          kind: e.kind,
                          amount: e.amount,
                          reason: 'batch',
                          sourceType: sources[e.source] ? 'claim' : null,
                          sourceId: sources[e.source],
                        })),
                      ),
                    )
                  }
                }),
              ),
            )
          }
          const { stored, summed } = await storedAndSummed(fund.id)
          expect(normal(stored)).toEqual(normal(summed))
        },
      ),
      { numRuns: 20 },
    )
  }, 180_000)

  test('the fund page counts and sums what the entries hold', async () => {
    const fund = await newFund('50.00')
    const { allocation } = await as((ctx) =>
      allocate(ctx, {
        fundId: fund.id,
        partnershipId: world.partnerships.ar.id,
        amount: 3_000,
        reason: 'Q1',
      }),
    )
    for (const amount of [500, 700, 300]) {
      await as((ctx) => commitFunds(ctx, { allocationId: allocation.id, amount, reason: 'request' }))
    }
    await as((ctx) => spendFunds(ctx, { allocationId: allocation.id, amount: 400, reason: 'claim' }))
    const page = await as((ctx) => getFund(ctx, fund.id, { page: 1, pageSize: 2, offset: 0 }))
    // Initial budget, the allocation, three commitments, one spend.
    expect(page.entriesTotal).toBe(6)
    expect(page.entries).toHaveLength(2)
    expect(page.totals).toEqual({ budget: 5_000, allocated: 3_000, unallocated: 2_000 })
    expect(
      page.allocations.map(({ allocated, committed, spent, available }) => ({
        allocated,
        committed,
        spent,
        available,
      })),
    ).toEqual([{ allocated: 3_000, committed: 1_100, spent: 400, available: 1_500 }])
    const partnerPage = await asCaller(retailerCaller(world), (ctx) =>
      getFund(ctx, fund.id, { page: 1, pageSize: 50, offset: 0 }),
    )
    // The partner's count leaves out the fund's own budget entry, as its list does.
    expect(partnerPage.entriesTotal).toBe(5)
    expect(partnerPage.entries).toHaveLength(5)
  })

  test('the app role cannot insert, update or delete totals, not even its own org’s', async () => {
    const fund = await newFund('10.00')
    const scope = { orgId: manager.orgId, userId: manager.userId }
    expect(
      await refusal(() =>
        withTenant(scope, (tx) =>
          tx.insert(ledgerTotals).values({
            fundId: fund.id,
            orgId: manager.orgId,
            kind: 'adjust',
            sourceType: 'forged',
            amount: 1_000_000,
            entries: 1,
          }),
        ),
      ),
    ).toMatch(/permission denied/)
    expect(
      await refusal(() =>
        withTenant(scope, (tx) =>
          tx.update(ledgerTotals).set({ amount: 1_000_000 }).where(eq(ledgerTotals.fundId, fund.id)),
        ),
      ),
    ).toMatch(/permission denied/)
    expect(
      await refusal(() =>
        withTenant(scope, (tx) => tx.delete(ledgerTotals).where(eq(ledgerTotals.fundId, fund.id))),
      ),
    ).toMatch(/permission denied/)
    const { stored } = await storedAndSummed(fund.id)
    expect(normal(stored).map((r) => [r.kind, r.amount, r.entries])).toEqual([['adjust', 1_000, 1]])
  })

  test('a partner sees only its own partnership’s totals; another org sees none', async () => {
    const fund = await newFund('50.00')
    for (const [partnershipId, amount] of [
      [world.partnerships.ar.id, 1_000],
      [world.partnerships.ac.id, 2_000],
    ] as const) {
      await as((ctx) => allocate(ctx, { fundId: fund.id, partnershipId, amount, reason: 'Q1' }))
    }
    const read = (orgId: string, userId: string) =>
      withTenant({ orgId, userId }, (tx) =>
        rowsOf<{ partnership_id: string | null; amount: string | number }>(
          tx,
          sql`select partnership_id, amount from ledger_totals where fund_id = ${fund.id} order by amount`,
        ),
      )
    const asNumbers = (rows: { partnership_id: string | null; amount: string | number }[]) =>
      rows.map((r) => [r.partnership_id, Number(r.amount)])
    expect(asNumbers(await read(world.r.org.id, world.r.owner.id))).toEqual([
      [world.partnerships.ar.id, 1_000],
    ])
    expect(asNumbers(await read(manager.orgId, manager.userId))).toEqual([
      [world.partnerships.ar.id, 1_000],
      [world.partnerships.ac.id, 2_000],
      [null, 5_000],
    ])
    expect(await read(world.foreign.z.id, world.foreign.zOwner.id)).toEqual([])
  })

  test('totals go with their fund', async () => {
    const fund = await newFund('10.00')
    await asSystem((tx) => tx.delete(funds).where(eq(funds.id, fund.id)))
    const { stored } = await storedAndSummed(fund.id)
    expect(stored).toEqual([])
  })
})
