import os from 'node:os'
import { HOT, type InsertCost, type Throughput, WORKERS } from './promotions-commits.ts'
import type { PromotionsWorld } from './promotions-seed.ts'
import type { ViewTimings } from './promotions-views.ts'
import { fmt, loadAverage, table } from './table.ts'
import type { Latency } from './timing.ts'

export type PromotionsResults = {
  database: string
  scale: number
  seedSeconds: number
  world: PromotionsWorld
  /** An RLS transaction with one trivial statement: what every service call costs before its own queries. */
  emptyTransaction: Latency
  views: ViewTimings[]
  commits: {
    shipped: Throughput
    locked: Throughput
    bare: Throughput
    lockedBefore: Throughput
    bareNoTrigger: Throughput
    oneInsert: InsertCost
    hotAvailable: number[]
  }
}

const n = (v: number) => v.toLocaleString('en')
const RATIO_GOAL = 1.5
const MS_GOAL = 100

function verdict(ms: number, raw: number) {
  const met = ms / raw <= RATIO_GOAL && ms < MS_GOAL
  return `${fmt(ms / raw, 2)}× raw, ${fmt(ms, 1)} ms: ${met ? 'met' : 'NOT met'}`
}

/** Prints the figures and whether the goals are met; figures, not pass/fail. */
export function printPromotionsReport(r: PromotionsResults) {
  const c = r.world.counts
  const load = loadAverage()
  const row = (label: string, t: Latency, raw: number) => [
    label,
    fmt(t.median, 1),
    fmt(t.p95, 1),
    fmt(t.median / raw, 2),
    String(t.runs),
  ]
  const viewRows = r.views.flatMap((v) => [
    [v.name, '', '', '', ''],
    row('  1. service as a manager (RLS), reading ledger_totals', v.service, v.raw.median),
    row(`  2. raw SQL, owner: ${v.rawSql}`, v.raw, v.raw.median),
    row('  3. raw SQL over ledger_entries, covering indexes (before ledger_totals)', v.entries, v.raw.median),
  ])
  const goals = r.views.map(
    (v) =>
      `${v.name.split(' (')[0]}:  ${verdict(v.service.median, v.raw.median)}   ` +
      `(${fmt(v.entries.median / v.service.median, 1)}× faster than summing the entries)`,
  )
  const { shipped, locked, bare, lockedBefore, bareNoTrigger } = r.commits
  const commitRows = [shipped, locked, bare, lockedBefore, bareNoTrigger].map((t) => [
    t.name,
    n(t.ops),
    fmt(t.perSecond, 0),
    fmt(t.p50, 1),
    fmt(t.p99, 1),
    n(t.refusals),
    n(t.errors),
    fmt(t.perSecond / bareNoTrigger.perSecond, 2),
  ])
  const one = r.commits.oneInsert
  const out = [
    '',
    `Promotions and funds · ${r.database} · scale ${r.scale}`,
    `data: ${n(c.partnerships)} partnerships, ${n(c.fund_allocations)} allocations in ${r.world.fundIds.length} funds, ` +
      `${n(c.promotions)} promotions (${n(c.promotion_products)} products, ${n(c.promotion_volumes)} weekly volumes, ` +
      `${n(c.claims)} claims), ${n(c.ledger_entries)} ledger entries in ${n(c.ledger_totals)} ledger_totals rows; ` +
      `seeded in ${fmt(r.seedSeconds, 1)} s`,
    `machine: ${os.cpus().length} CPUs, load average ${load} (the bench shares the machine with everything else)`,
    '',
    `Views: one request at a time after 3 warm-ups, up to ${process.env.BENCH_ITERATIONS ?? 30} runs, rotating ` +
      'over the funds; 1. and 2. call by call in turn (40 s a pair of series), 3. alone afterwards (20 s)',
    ...table(['', 'median ms', 'p95 ms', '× raw', 'runs'], viewRows),
    `An empty RLS transaction as the manager (BEGIN, role and settings, SELECT 1, COMMIT): median ` +
      `${fmt(r.emptyTransaction.median, 2)} ms, p95 ${fmt(r.emptyTransaction.p95, 2)} ms`,
    '',
    `Goal: within ${RATIO_GOAL}× raw SQL and under ${MS_GOAL} ms (median)`,
    ...goals,
    '',
    `Commitments: ${WORKERS} concurrent workers, half of the commitments on the ${HOT} allocations with the least ` +
      `money available (${r.commits.hotAvailable.map((a) => n(Math.round(a / 100))).join(', ')} units each), ` +
      'the rest spread over the others; every path starts from the seeded balances',
    ...table(
      ['path', 'operations', 'per s', 'p50 ms', 'p99 ms', 'refusals', 'errors', '÷ INSERT, no trigger'],
      commitRows,
    ),
    `One bare insert at a time, timed by EXPLAIN ANALYZE (${n(one.runs)} inserts): execution median ` +
      `${fmt(one.execution.median, 3)} ms (p95 ${fmt(one.execution.p95, 3)}), of which the ledger_totals trigger ` +
      `${fmt(one.trigger.median, 3)} ms (p95 ${fmt(one.trigger.p95, 3)}) and the foreign-key checks ` +
      `${fmt(one.foreignKeys.median, 3)} ms (p95 ${fmt(one.foreignKeys.p95, 3)})`,
    '',
  ]
  process.stdout.write(out.join('\n'))
}
