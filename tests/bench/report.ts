import os from 'node:os'
import type { Measurement } from './measure.ts'
import type { QueryLatency } from './query-latency.ts'
import { loadAverage } from './table.ts'

export type Row = { name: string; m: Measurement; bytes: number }

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')

/** Prints the figures and whether the goals are met; figures, not pass/fail. */
export function printReport(database: string, partnerships: number, rows: Row[], query: QueryLatency) {
  const [portal, bareRls, bareSystem] = rows
  const header = ['server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'bytes/page']
  const lines = rows.map((r) => [
    r.name,
    fmt(r.m.rps, 1),
    fmt(r.m.p50),
    fmt(r.m.p99),
    String(r.m.requests),
    String(r.m.non2xx),
    String(r.m.errors),
    String(r.bytes),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')

  const ratio = bareRls.m.rps > 0 ? portal.m.rps / bareRls.m.rps : Number.NaN
  const rlsCost = bareSystem.m.rps > 0 ? (1 - bareRls.m.rps / bareSystem.m.rps) * 100 : Number.NaN
  const queryCost = (query.rls / query.system - 1) * 100
  const load = loadAverage()
  const out = [
    '',
    `GET /partners (page 1, 50 of ${partnerships} partnerships) · ${database} · 20 connections`,
    `machine: ${os.cpus().length} CPUs, load average ${load} (the bench shares the machine with everything else)`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...lines.map(line),
    '',
    `portal / bare (RLS on):  ${fmt(ratio, 2)}   goal ≥ 0.60: ${ratio >= 0.6 ? 'met' : 'NOT met'}`,
    `cost of RLS (bare, RLS on vs off):  ${fmt(rlsCost, 1)} % fewer req/s   goal < 10 %: ${rlsCost < 10 ? 'met' : 'NOT met'}`,
    `query alone, one at a time (median):  RLS on ${fmt(query.rls, 1)} ms · off ${fmt(query.system, 1)} ms · +${fmt(queryCost, 0)} %`,
    '',
  ]
  process.stdout.write(out.join('\n'))
}
