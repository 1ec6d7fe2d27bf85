import { sql } from 'drizzle-orm'
import { commitFunds } from '#app/features/funds/ledger.server.ts'
import { AppError } from '#app/lib/errors.ts'
import type { Db } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import { asCaller } from '#tests/integration/service-context.ts'
import type { PromotionsWorld } from './promotions-seed.ts'
import { managerOf, rawRows } from './promotions-views.ts'
import { percentile } from './timing.ts'

export const WORKERS = 8
export const HOT = 4
const seconds = Number(process.env.BENCH_COMMIT_SECONDS ?? 10)

export type Throughput = {
  name: string
  ops: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  refusals: number
  errors: number
}

type Op = { allocationId: string; fundId: string; partnershipId: string; amount: number }
type Outcome = 'ok' | 'refused'

/** A small seeded PRNG, so every path runs exactly the same list of commitments. */
function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Half of the commitments go to the HOT allocations with the least money available (they queue on one row lock
 * and run dry, so refusals show), the other half spread over all the others; 1 to 10 units of currency each.
 */
async function planOps(raw: Db, count: number): Promise<{ ops: Op[]; hotAvailable: number[] }> {
  const rows = await rawRows<{
    id: string
    fund_id: string
    partnership_id: string
    available: string | number
  }>(
    raw,
    sql`select a.id, a.fund_id, a.partnership_id,
               coalesce(sum(e.amount) filter (where e.kind in ('allocate', 'adjust', 'release')), 0)
                 - coalesce(sum(e.amount) filter (where e.kind = 'commit'), 0) as available
        from fund_allocations a left join ledger_entries e on e.allocation_id = a.id
        group by a.id order by available, a.id`,
  )
  const hot = rows.slice(0, HOT)
  const cold = rows.slice(HOT)
  const random = mulberry32(5)
  const ops = Array.from({ length: count }, () => {
    const pool = random() < 0.5 ? hot : cold
    const a = pool[Math.floor(random() * pool.length)]
    return {
      allocationId: a.id,
      fundId: a.fund_id,
      partnershipId: a.partnership_id,
      amount: 100 + Math.floor(random() * 901),
    }
  })
  return { ops, hotAvailable: hot.map((a) => Number(a.available)) }
}

/** WORKERS loops take the next op until the deadline passes or the ops run out. */
async function drive(name: string, ops: Op[], until: number | null, run: (op: Op) => Promise<Outcome>) {
  const latencies: number[] = []
  let next = 0
  let refusals = 0
  let errors = 0
  let firstError: unknown
  const started = performance.now()
  const deadline = until === null ? Number.POSITIVE_INFINITY : started + until * 1000
  const worker = async () => {
    while (next < ops.length && performance.now() < deadline) {
      const op = ops[next++]
      const t = performance.now()
      try {
        if ((await run(op)) === 'refused') refusals++
      } catch (error) {
        errors++
        firstError ??= error
      }
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
  const elapsed = (performance.now() - started) / 1000
  if (firstError) process.stderr.write(`[bench:promotions] ${name}: first error: ${String(firstError)}\n`)
  latencies.sort((a, b) => a - b)
  return {
    name,
    ops: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    refusals,
    errors,
  }
}

/** The list of commitments every path runs (the time-bounded service run sets how many). */
export async function planCommits(raw: Db) {
  return planOps(raw, 200_000)
}
export type CommitPlan = Awaited<ReturnType<typeof planCommits>>

/** commitFunds through a manager's RLS transaction, WORKERS at once, for BENCH_COMMIT_SECONDS. */
export async function commitThroughService(world: PromotionsWorld, raw: Db, plan: CommitPlan, name: string) {
  const manager = managerOf(world)
  const result = await drive(name, plan.ops, seconds, async (op) => {
    try {
      await asCaller(manager, (ctx) =>
        commitFunds(ctx, { allocationId: op.allocationId, amount: op.amount, reason: 'Bench commitment' }),
      )
      return 'ok'
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return 'refused'
      throw error
    }
  })
  await reset(raw)
  return result
}

/** The same first `count` commitments as raw SQL: the same lock and check in one owner transaction. */
export async function commitLockedRaw(world: PromotionsWorld, raw: Db, plan: CommitPlan, count: number) {
  const result = await drive(
    'raw SQL: lock, sum, insert (owner)',
    plan.ops.slice(0, count),
    null,
    async (op) => {
      const inserted = await raw.transaction(async (tx) => {
        await tx.execute(sql`select id from fund_allocations where id = ${op.allocationId} for no key update`)
        const [b] = await rowsOf<{ available: string | number }>(
          tx,
          sql`select coalesce(sum(amount) filter (where kind in ('allocate', 'adjust', 'release')), 0)
                     - coalesce(sum(amount) filter (where kind = 'commit'), 0) as available
            from ledger_entries where allocation_id = ${op.allocationId}`,
        )
        if (op.amount > Number(b.available)) return false
        await tx.execute(insert(op, world))
        return true
      })
      return inserted ? 'ok' : 'refused'
    },
  )
  await reset(raw)
  return result
}

/** The same first `count` commitments as bare single-statement inserts: no lock, no balance check. */
export async function commitInsertRaw(world: PromotionsWorld, raw: Db, plan: CommitPlan, count: number) {
  const name = 'raw SQL: single INSERT, no lock, no check'
  const result = await drive(name, plan.ops.slice(0, count), null, async (op) => {
    await raw.execute(insert(op, world))
    return 'ok'
  })
  await reset(raw)
  return result
}

const insert = (op: Op, world: PromotionsWorld) =>
  sql`insert into ledger_entries (fund_id, allocation_id, org_id, partnership_id, kind, amount, reason, created_by_id)
      values (${op.fundId}, ${op.allocationId}, ${world.hostOrgId}, ${op.partnershipId}, 'commit', ${op.amount},
              'Bench commitment', ${world.managerId})`

/**
 * Every path starts from the seeded balances: the bench's own entries are removed (as the owner, in the bench
 * database only; the app role can never delete ledger entries), so the locked paths meet the same refusals.
 */
async function reset(raw: Db) {
  await raw.execute(sql`delete from ledger_entries where reason = 'Bench commitment'`)
  await raw.execute(sql`vacuum analyze ledger_entries`)
}
