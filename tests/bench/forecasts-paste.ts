import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import { lockForEdit } from '#app/features/forecasts/find-forecast.server.ts'
import type { CellEdit } from '#app/features/forecasts/grid-types.ts'
import { refreshExceptions } from '#app/features/forecasts/refresh-exceptions.server.ts'
import { saveForecastCells } from '#app/features/forecasts/save-forecast-cells.server.ts'
import type { Tx } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import { forecastCells, forecasts } from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { asCaller } from '#tests/integration/service-context.ts'
import type { ForecastWorld } from './forecasts-seed.ts'
import { interleaved, runs, type TimedCase, warmup } from './forecasts-timing.ts'
import type { Latency } from './timing.ts'

// A block paste: 20 products × 50 weeks of the host line (1,000 cells). Each path writes its own blocks, so the
// service always finds the exceptions its own last save left (a raw write in between would skew that work).
const BLOCK_PRODUCTS = 20
const BLOCK_WEEKS = 50
export const PASTE_CELLS = BLOCK_PRODUCTS * BLOCK_WEEKS
const SERVICE_BLOCKS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
const RLS_BLOCKS = [12, 13, 14, 15, 16, 17, 18]
const OWNER_BLOCKS = [19, 20, 21, 22, 23, 24]

export type PasteResults = {
  rulesOn: Latency
  rulesOff: Latency
  /** refreshExceptions alone on the cells just saved (its transaction and the plan lock; nothing left to change). */
  recheck: Latency
  rawRls: Latency
  rawOwner: Latency
  /** Exception events (opened, reopened, cleared) per save with the rules on. */
  eventsPerSave: number
}

type Block = { cells: CellEdit[] }

/**
 * Fresh figures for a block, at its current versions: on a block's 1st, 3rd, … paste half the cells (even weeks)
 * well above the partner's figure (past the side-gap rule), on the others all within it, so every save opens,
 * reopens or clears about 500 exceptions.
 */
async function nextBlock(world: ForecastWorld, block: number, visits: Map<number, number>): Promise<Block> {
  const visit = visits.get(block) ?? 0
  visits.set(block, visit + 1)
  const ids = world.productIds.slice(block * BLOCK_PRODUCTS, (block + 1) * BLOCK_PRODUCTS)
  const rows = await asSystem((tx) =>
    tx
      .select({
        p: forecastCells.forecastProductId,
        w: forecastCells.weekStart,
        line: forecastCells.line,
        value: forecastCells.value,
        version: forecastCells.version,
      })
      .from(forecastCells)
      .where(
        and(
          eq(forecastCells.forecastId, world.forecastId),
          inArray(forecastCells.line, ['host', 'partner']),
          inArray(forecastCells.forecastProductId, ids),
          lt(forecastCells.weekStart, world.weeks[BLOCK_WEEKS]),
        ),
      ),
  )
  const at = new Map(rows.map((r) => [`${r.p}|${r.w}|${r.line}`, r]))
  const cells: CellEdit[] = []
  for (const productId of ids) {
    for (let w = 0; w < BLOCK_WEEKS; w++) {
      const weekStart = world.weeks[w]
      const host = at.get(`${productId}|${weekStart}|host`)
      const partner = at.get(`${productId}|${weekStart}|partner`)?.value ?? 0
      let value = visit % 2 === 0 && w % 2 === 0 ? Math.round(partner * 1.5) + 60 : partner + (visit % 5)
      if (value === host?.value) value++
      cells.push({ productId, weekStart, value, baseVersion: host?.version ?? 0 })
    }
  }
  return { cells }
}

/** The same cells as one raw INSERT … ON CONFLICT DO UPDATE (the history trigger fires as for the service). */
async function rawUpsert(tx: Tx, world: ForecastWorld, cells: CellEdit[]) {
  const { host } = world
  const values = sql.join(
    cells.map(
      (c) =>
        sql`(${c.productId}, ${c.weekStart}, 'host', ${world.forecastId}, ${world.partnershipId}, ${c.value},
             ${host.userId}, ${host.orgId})`,
    ),
    sql`, `,
  )
  const rows = await rowsOf(
    tx,
    sql`insert into forecast_cells (forecast_product_id, week_start, line, forecast_id, partnership_id, value,
          updated_by_id, updated_by_org_id)
        values ${values}
        on conflict (forecast_product_id, week_start, line) do update set value = excluded.value,
          updated_by_id = excluded.updated_by_id, updated_by_org_id = excluded.updated_by_org_id,
          version = forecast_cells.version + 1, updated_at = now()
        returning version`,
  )
  if (rows.length !== cells.length)
    throw new Error(`raw upsert wrote ${rows.length} of ${cells.length} cells`)
}

async function save(world: ForecastWorld, cells: CellEdit[]) {
  const result = await asCaller(world.host, (ctx) =>
    saveForecastCells(ctx, world.forecastId, { line: 'host', cells }),
  )
  if (result.saved.length !== cells.length || result.conflicts.length > 0) {
    throw new Error(
      `paste saved ${result.saved.length} of ${cells.length} (${result.conflicts.length} conflicts)`,
    )
  }
}

const countEvents = async (world: ForecastWorld) =>
  Number(
    (
      await asSystem((tx) =>
        rowsOf<{ n: number | string }>(
          tx,
          sql`select count(*) as n from forecast_exception_events e
              join forecast_exceptions x on x.id = e.exception_id where x.forecast_id = ${world.forecastId}`,
        ),
      )
    )[0].n,
  )

/** Sets the plan's rules (as a setup change would) and re-checks the whole plan, as updateForecastSetup does. */
async function setRules(world: ForecastWorld, on: boolean) {
  const rules = on
    ? { gapBp: 2000, gapUnits: 50, shiftBp: 3000 }
    : { gapBp: null, gapUnits: null, shiftBp: null }
  await asSystem((tx) => tx.update(forecasts).set(rules).where(eq(forecasts.id, world.forecastId)))
  await asCaller(world.host, async (ctx) => refreshExceptions(ctx, await lockForEdit(ctx, world.forecastId)))
}

export async function timePaste(world: ForecastWorld, log: (m: string) => void): Promise<PasteResults> {
  const visits = new Map<number, number>()
  const scope = { orgId: world.host.orgId, userId: world.host.userId }
  let lastSaved: CellEdit[] = []
  const serviceCase: TimedCase<Block> = {
    name: 'saveForecastCells',
    prepare: (i) => nextBlock(world, SERVICE_BLOCKS[i % SERVICE_BLOCKS.length], visits),
    run: async (b) => {
      await save(world, b.cells)
      lastSaved = b.cells
    },
  }
  const eventsBefore = await countEvents(world)
  log(
    `  rules on: saveForecastCells, the re-check alone, raw upserts (RLS and owner), ${warmup} + ${runs} rounds`,
  )
  const [rulesOn, recheck, rawRls, rawOwner] = await interleaved<Block>(
    [
      serviceCase,
      {
        name: 're-check',
        prepare: async () => ({ cells: lastSaved }),
        run: (b) =>
          asCaller(world.host, async (ctx) =>
            refreshExceptions(ctx, await lockForEdit(ctx, world.forecastId), b.cells),
          ),
      },
      {
        name: 'raw, RLS',
        prepare: (i) => nextBlock(world, RLS_BLOCKS[i % RLS_BLOCKS.length], visits),
        run: (b) => withTenant(scope, (tx) => rawUpsert(tx, world, b.cells)),
      },
      {
        name: 'raw, owner',
        prepare: (i) => nextBlock(world, OWNER_BLOCKS[i % OWNER_BLOCKS.length], visits),
        run: (b) => asSystem((tx) => rawUpsert(tx, world, b.cells)),
      },
    ],
    runs,
    warmup,
  )
  const eventsPerSave = (await countEvents(world)) - eventsBefore
  log('  rules off (whole plan re-checked first, as a change of rules does): saveForecastCells')
  await setRules(world, false)
  const [rulesOff] = await interleaved<Block>([serviceCase], runs, warmup)
  await setRules(world, true)
  return { rulesOn, rulesOff, recheck, rawRls, rawOwner, eventsPerSave: eventsPerSave / (runs + warmup) }
}
