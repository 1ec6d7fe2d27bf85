import os from 'node:os'
import type { FanoutResults } from './forecasts-fanout.ts'
import type { GridResults } from './forecasts-grid.ts'
import { PASTE_CELLS, type PasteResults } from './forecasts-paste.ts'
import type { ForecastWorld } from './forecasts-seed.ts'
import { runs, warmup } from './forecasts-timing.ts'
import { fmt, loadAverage, table } from './table.ts'
import type { Latency } from './timing.ts'

export type ForecastsResults = {
  database: string
  seedSeconds: number
  world: ForecastWorld
  grid: GridResults
  paste: PasteResults
  fanout: FanoutResults
}

const n = (v: number) => v.toLocaleString('en')
const GRID_RATIO_GOAL = 2
const PASTE_MS_GOAL = 300

function pasteVerdict(t: Latency) {
  if (t.median >= PASTE_MS_GOAL) return 'NOT met'
  return t.p95 < PASTE_MS_GOAL ? 'met' : 'met at the median, not at p95'
}

/** Prints the figures and whether the goals are met; figures, not pass/fail. */
export function printForecastsReport(r: ForecastsResults) {
  const c = r.world.counts
  const load = loadAverage()
  const row = (label: string, t: Latency, ...bases: number[]) => [
    label,
    fmt(t.median, 1),
    fmt(t.p95, 1),
    ...bases.map((b) => fmt(t.median / b, 2)),
  ]
  const { grid, paste, fanout } = r
  const gridRatio = grid.service.median / grid.rawRls.median
  const gridRows = [
    row(
      'getForecastGrid, host manager (RLS, one transaction)',
      grid.service,
      grid.rawRls.median,
      grid.rawOwner.median,
    ),
    row('raw SQL, same user (RLS, one transaction)', grid.rawRls, grid.rawRls.median, grid.rawOwner.median),
    row('raw SQL, owner (one transaction)', grid.rawOwner, grid.rawRls.median, grid.rawOwner.median),
    row('JSON.stringify of the grid', grid.stringify, grid.rawRls.median, grid.rawOwner.median),
    row('gzip of that JSON (zlib default level)', grid.gzip, grid.rawRls.median, grid.rawOwner.median),
  ]
  const pasteRows = [
    row('saveForecastCells, rules on', paste.rulesOn, paste.rawRls.median, paste.rawOwner.median),
    row('saveForecastCells, rules off', paste.rulesOff, paste.rawRls.median, paste.rawOwner.median),
    row(
      'refreshExceptions alone on the saved cells (nothing to change)',
      paste.recheck,
      paste.rawRls.median,
      paste.rawOwner.median,
    ),
    row(
      'raw INSERT … ON CONFLICT DO UPDATE, same user (RLS)',
      paste.rawRls,
      paste.rawRls.median,
      paste.rawOwner.median,
    ),
    row(
      'raw INSERT … ON CONFLICT DO UPDATE, owner',
      paste.rawOwner,
      paste.rawRls.median,
      paste.rawOwner.median,
    ),
  ]
  const spreadRow = (label: string, s: { p50: number; p99: number }) => [label, fmt(s.p50, 1), fmt(s.p99, 1)]
  const fanoutRows = [
    spreadRow('save started → last viewer has it', fanout.saveToLast),
    spreadRow('commit → last viewer has it', fanout.commitToLast),
    spreadRow('saveForecastCells alone (until it returned)', fanout.save),
    spreadRow('same push, emitted without the database → last viewer', fanout.emitToLast),
  ]
  const refreshShare = (paste.rulesOn.median - paste.rulesOff.median) / paste.rulesOn.median
  const out = [
    '',
    `Co-forecasts · ${r.database}`,
    `data: one plan of ${n(c.forecast_products)} products × ${r.world.weeks.length} weeks, ${n(c.forecast_cells)} cells ` +
      `(host, partner, consensus), ${n(c.forecast_cell_changes)} history rows, version 1 (${n(c.forecast_version_cells)} ` +
      `cells), ${n(c.forecast_exceptions)} exceptions, ${grid.events} promotions on the grid, one lift ` +
      `(${n(c.forecast_adjustment_cells)} cells); seeded in ${fmt(r.seedSeconds, 1)} s`,
    `machine: ${os.cpus().length} CPUs, load average ${load} (the bench shares the machine with everything else)`,
    '',
    `Grid load: one call at a time, the paths interleaved, ${warmup} warm-up rounds + ${runs} measured`,
    ...table(['', 'median ms', 'p95 ms', '× raw RLS', '× raw owner'], gridRows),
    `payload: the grid as JSON ${n(grid.jsonBytes)} bytes, gzip ${n(grid.gzipBytes)} bytes ` +
      `(${grid.exceptions} exceptions); the raw rows as JSON ${n(grid.rawJsonBytes)} bytes, gzip ${n(grid.rawGzipBytes)}`,
    `Goal: grid load within ${GRID_RATIO_GOAL}× raw SQL (same user): ${fmt(gridRatio, 2)}×, ` +
      `${gridRatio <= GRID_RATIO_GOAL ? 'met' : 'NOT met'} (${fmt(grid.service.median / grid.rawOwner.median, 2)}× the owner's read)`,
    '',
    `Block paste: ${n(PASTE_CELLS)} changed cells (20 products × 50 weeks, host line), fresh figures at their ` +
      `versions; every other paste of a block puts half of them past the side-gap rule (${fmt(paste.eventsPerSave, 0)} ` +
      'exception events per save); the raw upserts write their own blocks',
    ...table(['', 'median ms', 'p95 ms', '× raw RLS', '× raw owner'], pasteRows),
    `rules on vs off: the exception work is ${fmt(refreshShare * 100, 0)} % of the save's median ` +
      '(rules-off rounds ran after the rules-on ones, not interleaved)',
    `Goal: a ${n(PASTE_CELLS)}-cell paste saved in under ${PASTE_MS_GOAL} ms: median ${fmt(paste.rulesOn.median, 1)} ms, ` +
      `p95 ${fmt(paste.rulesOn.p95, 1)} ms: ${pasteVerdict(paste.rulesOn)}`,
    '',
    `Live fan-out: ${fanout.viewers} viewers (real sessions, joined like opening the plan) in one room of the app's ` +
      `socket.io gateway, ${fanout.edits} one-cell edits; push ${fanout.bytes.save} bytes as received ` +
      `(the no-database push: ${fanout.bytes.emit} bytes)`,
    ...table(['', 'p50 ms', 'p99 ms'], fanoutRows),
    `commit → last viewer vs the no-database emit (p50): ${fmt(fanout.commitToLast.p50 / fanout.emitToLast.p50, 2)}×`,
    '',
  ]
  process.stdout.write(out.join('\n'))
}
