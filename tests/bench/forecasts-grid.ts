import { gzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { getForecastGrid } from '#app/features/forecasts/get-forecast-grid.server.ts'
import type { ForecastGrid } from '#app/features/forecasts/grid-types.ts'
import { rowsOf } from '#db/rows.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { asCaller } from '#tests/integration/service-context.ts'
import type { ForecastWorld } from './forecasts-seed.ts'
import { interleaved, runs, warmup } from './forecasts-timing.ts'
import type { Latency } from './timing.ts'

export type GridResults = {
  service: Latency
  rawRls: Latency
  rawOwner: Latency
  /** JSON.stringify of the grid, and gzip of that (compression() in server/app.ts, zlib's default level). */
  stringify: Latency
  gzip: Latency
  jsonBytes: number
  gzipBytes: number
  /** The raw rows as JSON, for contrast with the grid's flat arrays. */
  rawJsonBytes: number
  rawGzipBytes: number
  exceptions: number
  events: number
}

const rawRead = (forecastId: string) =>
  sql`select forecast_product_id, week_start, line, value, version, proposed, proposed_by_org_id
      from forecast_cells where forecast_id = ${forecastId}`

const filled = (values: (number | null)[]) => values.filter((v) => v !== null).length

/** The grid must be the whole plan, not an error or an empty answer. */
function checkGrid(world: ForecastWorld, grid: ForecastGrid) {
  const cells = world.productIds.length * world.weeks.length
  const lines = [grid.lines.host, grid.lines.partner, grid.lines.consensus].map((l) => filled(l.values))
  if (grid.products.length !== world.productIds.length || lines.some((n) => n !== cells)) {
    throw new Error(`grid has ${grid.products.length} products and ${lines.join('/')} filled cells`)
  }
}

/**
 * getForecastGrid as the host's manager (RLS, one transaction), against the same cell read as raw SQL through the
 * same driver: as the same RLS-scoped user (withTenant) and as the owner (asSystem), interleaved.
 */
export async function timeGridLoad(world: ForecastWorld): Promise<GridResults> {
  const { host, forecastId } = world
  const grid = await asCaller(host, (ctx) => getForecastGrid(ctx, forecastId))
  checkGrid(world, grid)
  const scope = { orgId: host.orgId, userId: host.userId }
  const raw = await withTenant(scope, (tx) => rowsOf(tx, rawRead(forecastId)))
  if (raw.length !== world.counts.forecast_cells) {
    throw new Error(`raw read as the host returned ${raw.length} of ${world.counts.forecast_cells} cells`)
  }
  const json = JSON.stringify(grid)
  const rawJson = JSON.stringify(raw)
  const none = async () => undefined
  const [service, rawRls, rawOwner, stringify, gzip] = await interleaved(
    [
      {
        name: 'service',
        prepare: none,
        run: () => asCaller(host, (ctx) => getForecastGrid(ctx, forecastId)),
      },
      {
        name: 'raw, RLS',
        prepare: none,
        run: () => withTenant(scope, (tx) => rowsOf(tx, rawRead(forecastId))),
      },
      { name: 'raw, owner', prepare: none, run: () => asSystem((tx) => rowsOf(tx, rawRead(forecastId))) },
      { name: 'stringify', prepare: none, run: async () => JSON.stringify(grid) },
      { name: 'gzip', prepare: none, run: async () => gzipSync(json) },
    ],
    runs,
    warmup,
  )
  return {
    service,
    rawRls,
    rawOwner,
    stringify,
    gzip,
    jsonBytes: Buffer.byteLength(json),
    gzipBytes: gzipSync(json).length,
    rawJsonBytes: Buffer.byteLength(rawJson),
    rawGzipBytes: gzipSync(rawJson).length,
    exceptions: grid.exceptions.length,
    events: grid.events.length,
  }
}

/** BENCH_EXPLAIN=1: the cell read's plan as the RLS-scoped host and as the owner, to stderr. */
export async function explainGridRead(world: ForecastWorld, log: (m: string) => void) {
  const explain = sql`explain (analyze, buffers) select forecast_product_id, week_start, line, value, version,
      proposed, proposed_by_org_id from forecast_cells where forecast_id = ${world.forecastId}`
  const scope = { orgId: world.host.orgId, userId: world.host.userId }
  for (const [label, rows] of [
    ['RLS, host', await withTenant(scope, (tx) => rowsOf<{ 'QUERY PLAN': string }>(tx, explain))],
    ['owner', await asSystem((tx) => rowsOf<{ 'QUERY PLAN': string }>(tx, explain))],
  ] as const) {
    log(`EXPLAIN ANALYZE, ${label}:\n${rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`)
  }
}
