import os from 'node:os'
import { HOT, type Throughput, WORKERS } from './promotions-commits.ts'
import { COUNT_CAP } from './promotions-proposals.ts'
import type { PromotionsWorld } from './promotions-seed.ts'
import type { ViewTimings } from './promotions-views.ts'
import { fmt, table } from './table.ts'
import type { Latency } from './timing.ts'

export type PromotionsResults = {
  database: string
  scale: number
  seedSeconds: number
  world: PromotionsWorld
  views: ViewTimings[]
  proposedIndexes: string[]
  commits: {
    shipped: Throughput
    proposed: Throughput
    locked: Throughput
    bare: Throughput
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
  const load = os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')
  const row = (label: string, t: Latency, raw: number) => [
    label,
    fmt(t.median, 1),
    fmt(t.p95, 1),
    fmt(t.median / raw, 2),
    String(t.runs),
  ]
  const viewRows = r.views.flatMap((v) => [
    [v.name, '', '', '', ''],
    row('  1. service as a manager (RLS), as shipped', v.service, v.raw.median),
    row(`  2. raw SQL, owner, covering indexes: ${v.rawSql}`, v.raw, v.raw.median),
    row('  3. service, proposed indexes', v.proposed, v.raw.median),
    ...(v.rewritten
      ? [
          row(
            `  4. proposed rewrite (count capped at ${n(COUNT_CAP)}), proposed indexes`,
            v.rewritten,
            v.raw.median,
          ),
        ]
      : []),
  ])
  const goals = r.views.map(
    (v) =>
      `${v.name.split(' (')[0]}:  as shipped ${verdict(v.service.median, v.raw.median)}   ` +
      `proposed indexes ${verdict(v.proposed.median, v.raw.median)}` +
      (v.rewritten ? `   proposed rewrite ${verdict(v.rewritten.median, v.raw.median)}` : ''),
  )
  const { shipped, proposed, locked, bare } = r.commits
  const commitRows = [shipped, proposed, locked, bare].map((t) => [
    t.name,
    n(t.ops),
    fmt(t.perSecond, 0),
    fmt(t.p50, 1),
    fmt(t.p99, 1),
    n(t.refusals),
    n(t.errors),
    fmt(t.perSecond / bare.perSecond, 2),
  ])
  const out = [
    '',
    `Promotions and funds · ${r.database} · scale ${r.scale}`,
    `data: ${n(c.partnerships)} partnerships, ${n(c.fund_allocations)} allocations in ${r.world.fundIds.length} funds, ` +
      `${n(c.promotions)} promotions (${n(c.promotion_products)} products, ${n(c.promotion_volumes)} weekly volumes, ` +
      `${n(c.claims)} claims), ${n(c.ledger_entries)} ledger entries; seeded in ${fmt(r.seedSeconds, 1)} s`,
    `machine: ${os.cpus().length} CPUs, load average ${load} (the bench shares the machine with everything else)`,
    '',
    `Views: one request at a time after 3 warm-ups, up to ${process.env.BENCH_ITERATIONS ?? 30} runs (20 s a series), rotating over the funds`,
    ...table(['', 'median ms', 'p95 ms', '× raw', 'runs'], viewRows),
    '',
    `Goal: within ${RATIO_GOAL}× raw SQL and under ${MS_GOAL} ms (median)`,
    ...goals,
    '',
    'Proposed indexes (3.), created in the bench database only:',
    ...r.proposedIndexes.map((s) => `  ${s};`),
    '',
    `Commitments: ${WORKERS} concurrent workers, half of the commitments on the ${HOT} allocations with the least ` +
      `money available (${r.commits.hotAvailable.map((a) => n(Math.round(a / 100))).join(', ')} units each), ` +
      'the rest spread over the others; every path starts from the seeded balances',
    ...table(
      ['path', 'operations', 'per s', 'p50 ms', 'p99 ms', 'refusals', 'errors', '÷ raw INSERT'],
      commitRows,
    ),
    '',
  ]
  process.stdout.write(out.join('\n'))
}
