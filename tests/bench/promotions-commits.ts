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
               coalesce(sum(t.amount) filter (where t.kind in ('allocate', 'adjust', 'release')), 0)
                 - coalesce(sum(t.amount) filter (where t.kind = 'commit'), 0) as available
        from fund_allocations a left join ledger_totals t on t.allocation_id = a.id
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
  await reset(raw, { check: true })
  return result
}

/**
 * The same first `count` commitments as raw SQL: the same lock and check in one owner transaction, the balance
 * summed from `source`. Over ledger_entries the trigger is off: the path as it was before ledger_totals.
 */
export async function commitLockedRaw(
  world: PromotionsWorld,
  raw: Db,
  plan: CommitPlan,
  count: number,
  source: 'ledger_totals' | 'ledger_entries',
) {
  const before = source === 'ledger_entries'
  const name = before
    ? 'raw SQL: lock, sum the entries, insert, no trigger (before ledger_totals)'
    : 'raw SQL: lock, sum ledger_totals, insert (owner)'
  if (before) await setTrigger(raw, false)
  const result = await drive(name, plan.ops.slice(0, count), null, async (op) => {
    const inserted = await raw.transaction(async (tx) => {
      await tx.execute(sql`select id from fund_allocations where id = ${op.allocationId} for no key update`)
      const [b] = await rowsOf<{ available: string | number }>(
        tx,
        sql`select coalesce(sum(amount) filter (where kind in ('allocate', 'adjust', 'release')), 0)
                   - coalesce(sum(amount) filter (where kind = 'commit'), 0) as available
          from ${sql.raw(source)} where allocation_id = ${op.allocationId}`,
      )
      if (op.amount > Number(b.available)) return false
      await tx.execute(insert(op, world))
      return true
    })
    return inserted ? 'ok' : 'refused'
  })
  if (before) await setTrigger(raw, true)
  await reset(raw, { check: !before })
  return result
}

/**
 * The same first `count` commitments as bare single-statement inserts: no lock, no balance check; with the
 * ledger_totals trigger or without it (the difference is what the trigger costs an insert).
 */
export async function commitInsertRaw(
  world: PromotionsWorld,
  raw: Db,
  plan: CommitPlan,
  count: number,
  trigger: boolean,
) {
  const name = `raw SQL: single INSERT, no lock, no check, ${trigger ? 'with' : 'without'} the trigger`
  if (!trigger) await setTrigger(raw, false)
  const result = await drive(name, plan.ops.slice(0, count), null, async (op) => {
    await raw.execute(insert(op, world))
    return 'ok'
  })
  if (!trigger) await setTrigger(raw, true)
  await reset(raw, { check: trigger })
  return result
}

type ExplainReport = { 'Execution Time': number; Triggers?: { 'Trigger Name': string; Time: number }[] }
const quantiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

/**
 * What the trigger costs one insert, timed inside the server: the first `count` commitments as bare inserts one
 * at a time (no queueing behind other workers), each under EXPLAIN ANALYZE, which reports the statement's
 * execution time and each trigger's (the foreign-key checks are triggers too). The first 20 only warm up.
 */
export async function insertCost(world: PromotionsWorld, raw: Db, plan: CommitPlan, count: number) {
  const execution: number[] = []
  const totals: number[] = []
  const foreignKeys: number[] = []
  for (let i = 0; i < count + 20; i++) {
    const [row] = await rawRows<{ 'QUERY PLAN': string | ExplainReport[] }>(
      raw,
      sql`explain (analyze, format json) ${insert(plan.ops[i], world)}`,
    )
    const plans = row['QUERY PLAN']
    const [report] = typeof plans === 'string' ? (JSON.parse(plans) as ExplainReport[]) : plans
    if (i < 20) continue
    const triggers = report.Triggers ?? []
    const time = (match: (name: string) => boolean) =>
      triggers.filter((t) => match(t['Trigger Name'])).reduce((sum, t) => sum + t.Time, 0)
    execution.push(report['Execution Time'])
    totals.push(time((name) => name === 'ledger_totals_add'))
    foreignKeys.push(time((name) => name.startsWith('RI_ConstraintTrigger')))
  }
  await reset(raw, { check: true })
  return {
    runs: count,
    execution: quantiles(execution),
    trigger: quantiles(totals),
    foreignKeys: quantiles(foreignKeys),
  }
}
export type InsertCost = Awaited<ReturnType<typeof insertCost>>

const insert = (op: Op, world: PromotionsWorld) =>
  sql`insert into ledger_entries (fund_id, allocation_id, org_id, partnership_id, kind, amount, reason, created_by_id)
      values (${op.fundId}, ${op.allocationId}, ${world.hostOrgId}, ${op.partnershipId}, 'commit', ${op.amount},
              'Bench commitment', ${world.managerId})`

/** Bench database only: the ledger_totals trigger off for a "before" path, and on again. */
async function setTrigger(raw: Db, on: boolean) {
  await raw.execute(
    sql.raw(`alter table ledger_entries ${on ? 'enable' : 'disable'} trigger ledger_totals_add`),
  )
}

/**
 * How many ledger_totals rows differ from the sums of their entries (either side missing counts too): 0 after
 * thousands of concurrent commitments is the trigger keeping up at scale.
 */
export async function totalsDiffering(raw: Db) {
  const key = sql.raw('fund_id, allocation_id, org_id, partnership_id, kind, source_type, source_id')
  const summed = sql`select ${key}, sum(amount)::bigint as amount, count(*) as entries from ledger_entries group by ${key}`
  const stored = sql`select ${key}, amount, entries from ledger_totals`
  const [row] = await rawRows<{ n: string | number }>(
    raw,
    sql`select count(*) as n from ((${summed} except all ${stored}) union all (${stored} except all ${summed})) d`,
  )
  return Number(row.n)
}

/**
 * Every path starts from the seeded balances: the bench's own entries are removed (as the owner, in the bench
 * database only; the app role can never delete ledger entries) and the totals rebuilt from what is left, so the
 * locked paths meet the same refusals. First, where the trigger ran, the totals must equal the entries.
 */
async function reset(raw: Db, { check }: { check: boolean }) {
  if (check) {
    const differing = await totalsDiffering(raw)
    if (differing > 0) throw new Error(`${differing} ledger_totals rows differ from their entries`)
  }
  await raw.transaction(async (tx) => {
    await tx.execute(sql`delete from ledger_entries where reason = 'Bench commitment'`)
    await tx.execute(sql`select ledger_totals_rebuild()`)
  })
  await raw.execute(sql`vacuum analyze ledger_entries, ledger_totals`)
}
