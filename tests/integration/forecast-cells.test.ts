import { and, asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decideProposals } from '#app/features/forecasts/decide-proposals.server.ts'
import { getForecastGrid } from '#app/features/forecasts/get-forecast-grid.server.ts'
import type { CellEdit } from '#app/features/forecasts/grid-types.ts'
import { applyPromotionLift, undoAdjustment } from '#app/features/forecasts/promotion-lift.server.ts'
import { saveForecastCells } from '#app/features/forecasts/save-forecast-cells.server.ts'
import { setRealtimeSink } from '#app/lib/realtime/publish.server.ts'
import { closeDatabase } from '#db/client.ts'
import {
  forecastCellChanges,
  forecastCells,
  forecastExceptionEvents,
  forecastExceptions,
  promotionProducts,
  promotions,
} from '#db/schema/index.ts'
import { createForecastRecord } from '#db/seed/forecast-factory.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { refusal as failure } from '#tests/support/failure.ts'
import { ensureMigrated } from './db.ts'
import { asCaller, type Caller, foreignCaller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// The co-forecast grid's figures against real PostgreSQL: two people saving one cell at one version (one wins, the
// other is told the saved figure and loses nothing), each side only on its own line (services and RLS), consensus
// proposed by one side and accepted by the other, every change kept with who/old/new, rules re-checked on save,
// a promotion's lift applied and undone, and viewers pushed the figures after commit.

await ensureMigrated()

let world: World
let host: Caller
let host2: Caller
let retailer: Caller
let viewer: Caller
let forecastId: string
let rows: string[]
const weeks = ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']
const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
const pushes: { room: string; event: string; payload: unknown }[] = []

const edit = (row: number, week: number, value: number | null, baseVersion = 0): CellEdit => ({
  productId: rows[row],
  weekStart: weeks[week],
  value,
  baseVersion,
})

const cellOf = (row: number, week: number, line: string) =>
  asSystem(async (tx) => {
    const [cell] = await tx
      .select()
      .from(forecastCells)
      .where(
        and(
          eq(forecastCells.forecastProductId, rows[row]),
          eq(forecastCells.weekStart, weeks[week]),
          sql`${forecastCells.line} = ${line}`,
        ),
      )
    return cell
  })

beforeAll(async () => {
  world = await createWorld()
  host = hostCaller(world, 'manager')
  host2 = hostCaller(world, 'member')
  retailer = retailerCaller(world)
  viewer = hostCaller(world, 'viewer')
  const { forecast, products } = await asSystem((tx) =>
    createForecastRecord(tx, {
      partnershipId: world.partnerships.ar.id,
      hostOrgId: world.a.org.id,
      createdByOrgId: world.a.org.id,
      createdById: host.userId,
      name: `Cells ${tag}`,
      startWeek: weeks[0],
      horizonWeeks: weeks.length,
      products: [
        { sku: `FC-A-${tag}`, name: 'Kettle' },
        { sku: `FC-B-${tag}`, name: 'Toaster' },
      ],
    }),
  )
  forecastId = forecast.id
  rows = products.map((p) => p.id)
  setRealtimeSink({
    emit: (room, event, payload) => pushes.push({ room, event, payload }),
    disconnectSession: () => {},
  })
})

afterAll(async () => {
  setRealtimeSink(undefined)
  await closeDatabase()
})

describe('saving cells', () => {
  test('two sessions save the same cell at the same version: one is written, the other gets the saved figure', async () => {
    const results = await Promise.all([
      asCaller(host, (ctx) => saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(0, 0, 120)] })),
      asCaller(host2, (ctx) =>
        saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(0, 0, 150)] }),
      ),
    ])
    const winner = results.findIndex((r) => r.saved.length === 1)
    const loser = results[1 - winner]
    expect(winner).toBeGreaterThanOrEqual(0)
    expect(loser.saved).toEqual([])
    const won = winner === 0 ? 120 : 150
    expect(loser.conflicts).toEqual([
      {
        productId: rows[0],
        weekStart: weeks[0],
        line: 'host',
        mine: winner === 0 ? 150 : 120,
        theirs: won,
        version: 1,
        by: world.a.members[winner === 0 ? 'manager' : 'member'].name,
      },
    ])
    expect((await cellOf(0, 0, 'host')).value).toBe(won)

    // Nothing is lost: the refused person retries at the version they were shown.
    const retry = await asCaller(winner === 0 ? host2 : host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(0, 0, 130, 1)] }),
    )
    expect(retry.saved.map((s) => [s.value, s.version])).toEqual([[130, 2]])

    const history = await asSystem((tx) =>
      tx
        .select()
        .from(forecastCellChanges)
        .where(
          and(
            eq(forecastCellChanges.forecastProductId, rows[0]),
            eq(forecastCellChanges.weekStart, weeks[0]),
          ),
        )
        .orderBy(asc(forecastCellChanges.id)),
    )
    expect(history.map((c) => [c.kind, c.oldValue, c.newValue, c.version, c.changedByOrgId])).toEqual([
      ['edit', null, won, 1, world.a.org.id],
      ['edit', won, 130, 2, world.a.org.id],
    ])
    expect(history[1].changedById).toBe(winner === 0 ? host2.userId : host.userId)
  })

  test('a cell typed with its saved figure is unchanged and keeps its version, whatever version was typed over', async () => {
    const result = await asCaller(host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(0, 0, 130, 0)] }),
    )
    expect(result).toMatchObject({ saved: [], unchanged: 1, conflicts: [] })
    expect((await cellOf(0, 0, 'host')).version).toBe(2)
  })

  test("each side writes only its own line: the service refuses, and so does the database's policy", async () => {
    expect(
      await failure(() =>
        asCaller(host, (ctx) =>
          saveForecastCells(ctx, forecastId, { line: 'partner', cells: [edit(0, 1, 5)] }),
        ),
      ),
    ).toBe('forbidden:forecasts:errors.notYourLine')
    expect(
      await failure(() =>
        asCaller(retailer, (ctx) =>
          saveForecastCells(ctx, forecastId, { line: 'actual', cells: [edit(0, 1, 5)] }),
        ),
      ),
    ).toBe('forbidden:forecasts:errors.notYourLine')
    const direct = await failure(() =>
      withTenant({ orgId: host.orgId, userId: host.userId }, (tx) =>
        tx.insert(forecastCells).values({
          forecastProductId: rows[0],
          weekStart: weeks[1],
          line: 'partner',
          forecastId,
          partnershipId: world.partnerships.ar.id,
          value: 5,
        }),
      ),
    )
    expect(direct).toMatch(/row-level security/)
    expect(await cellOf(0, 1, 'partner')).toBeUndefined()
  })

  test('viewers read the grid but cannot save; invalid cells are refused whole', async () => {
    const grid = await asCaller(viewer, (ctx) => getForecastGrid(ctx, forecastId))
    expect(grid.canEdit).toBe(false)
    expect(grid.lines.host.values[0]).toBe(130)
    expect(
      await failure(() =>
        asCaller(viewer, (ctx) =>
          saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(0, 1, 1)] }),
        ),
      ),
    ).toBe('forbidden:forecasts:errors.readOnly')
    for (const cells of [
      [edit(0, 1, -1)],
      [edit(0, 1, 1.5)],
      [{ ...edit(0, 1, 1), weekStart: '2027-02-01' }],
      [edit(0, 1, 1), edit(0, 1, 2)],
      // A valid cell beside an invalid one is not written either.
      [edit(0, 2, 5), edit(0, 1, -1)],
    ]) {
      expect(
        await failure(() =>
          asCaller(host, (ctx) => saveForecastCells(ctx, forecastId, { line: 'host', cells })),
        ),
      ).toBe('invalid:forecasts:errors.cell')
    }
    expect(await cellOf(0, 1, 'host')).toBeUndefined()
    expect(await cellOf(0, 2, 'host')).toBeUndefined()
  })

  test("another partnership's people get not found", async () => {
    const foreign = foreignCaller(world)
    expect(await failure(() => asCaller(foreign, (ctx) => getForecastGrid(ctx, forecastId)))).toBe(
      'not_found:forecasts:errors.notFound',
    )
  })
})

describe('consensus', () => {
  test('one side proposes, the other accepts; typing the proposed figure also accepts', async () => {
    const proposed = await asCaller(host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'consensus', cells: [edit(1, 0, 200), edit(1, 1, 210)] }),
    )
    expect(proposed.saved.map((s) => [s.value, s.proposed, s.proposedBy])).toEqual([
      [null, 200, 'host'],
      [null, 210, 'host'],
    ])
    // The proposer cannot accept their own proposal.
    const own = await asCaller(host, (ctx) =>
      decideProposals(ctx, forecastId, {
        decision: 'accept',
        cells: [{ productId: rows[1], weekStart: weeks[0], baseVersion: 1 }],
      }),
    )
    expect(own.saved).toEqual([])
    expect(own.conflicts).toHaveLength(1)

    const accepted = await asCaller(retailer, (ctx) =>
      decideProposals(ctx, forecastId, {
        decision: 'accept',
        cells: [{ productId: rows[1], weekStart: weeks[0], baseVersion: 1 }],
      }),
    )
    expect(accepted.saved.map((s) => [s.value, s.proposed, s.version])).toEqual([[200, null, 2]])
    const typed = await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'consensus', cells: [edit(1, 1, 210, 1)] }),
    )
    expect(typed.saved.map((s) => [s.value, s.proposed])).toEqual([[210, null]])

    // A proposal decided on a stale version is not decided.
    await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'consensus', cells: [edit(1, 2, 90)] }),
    )
    await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'consensus', cells: [edit(1, 2, 95, 1)] }),
    )
    const stale = await asCaller(host, (ctx) =>
      decideProposals(ctx, forecastId, {
        decision: 'accept',
        cells: [{ productId: rows[1], weekStart: weeks[2], baseVersion: 1 }],
      }),
    )
    expect(stale.saved).toEqual([])
    expect(stale.conflicts[0]).toMatchObject({ theirs: 95, version: 2 })
    const declined = await asCaller(host, (ctx) =>
      decideProposals(ctx, forecastId, { decision: 'reject', all: true }),
    )
    expect(declined.saved.map((s) => [s.weekStart, s.value, s.proposed])).toEqual([[weeks[2], null, null]])

    const kinds = await asSystem((tx) =>
      tx
        .select({ kind: forecastCellChanges.kind, week: forecastCellChanges.weekStart })
        .from(forecastCellChanges)
        .where(
          and(eq(forecastCellChanges.forecastProductId, rows[1]), eq(forecastCellChanges.line, 'consensus')),
        )
        .orderBy(asc(forecastCellChanges.id)),
    )
    expect(kinds.map((k) => `${k.week.slice(8)}:${k.kind}`)).toEqual([
      '04:propose',
      '11:propose',
      '04:accept',
      '11:accept',
      '18:propose',
      '18:propose',
      '18:reject',
    ])
  })
})

describe('rules on save', () => {
  test('a side gap beyond 20 % and 50 units opens an exception; bringing the figures together clears it', async () => {
    await asCaller(host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(1, 3, 300)] }),
    )
    // 300 vs 240: 60 units but exactly 2000 bp — not beyond 20 %.
    await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'partner', cells: [edit(1, 3, 240)] }),
    )
    const exceptionsOf = () =>
      asSystem((tx) =>
        tx
          .select()
          .from(forecastExceptions)
          .where(
            and(
              eq(forecastExceptions.forecastProductId, rows[1]),
              eq(forecastExceptions.weekStart, weeks[3]),
            ),
          ),
      )
    expect(await exceptionsOf()).toEqual([])
    await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'partner', cells: [edit(1, 3, 239, 1)] }),
    )
    const [opened] = await exceptionsOf()
    expect(opened).toMatchObject({
      rule: 'side_gap',
      status: 'open',
      left: 300,
      right: 239,
      varianceUnits: 61,
      varianceBp: 2033,
    })
    await asCaller(host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(1, 3, 250, 1)] }),
    )
    const [cleared] = await exceptionsOf()
    expect(cleared).toMatchObject({ status: 'resolved', breaking: false, resolvedById: host.userId })
    const events = await asSystem((tx) =>
      tx
        .select({ action: forecastExceptionEvents.action })
        .from(forecastExceptionEvents)
        .where(eq(forecastExceptionEvents.exceptionId, cleared.id))
        .orderBy(asc(forecastExceptionEvents.createdAt)),
    )
    expect(events.map((e) => e.action)).toEqual(['opened', 'cleared'])
  })
})

describe('promotion lift', () => {
  test("an agreed promotion's lift is applied to one's own line as an adjustment, once, and undone", async () => {
    const promotionId = await asSystem(async (tx) => {
      const [promotion] = await tx
        .insert(promotions)
        .values({
          partnershipId: world.partnerships.ar.id,
          hostOrgId: world.a.org.id,
          createdByOrgId: world.a.org.id,
          name: `Lift ${tag}`,
          mechanics: 'display',
          startsOn: '2027-01-06',
          endsOn: '2027-01-14',
          currency: 'USD',
          expectedLiftBp: 2500,
          status: 'approved',
        })
        .returning()
      await tx.insert(promotionProducts).values({
        promotionId: promotion.id,
        partnershipId: promotion.partnershipId,
        sku: `FC-A-${tag}`,
        name: 'Kettle',
        unitPrice: 1000,
      })
      return promotion.id
    })
    // Row 0 has 130 in week 0 and 7 in week 1; week 2 is outside the promotion.
    await asCaller(host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'host', cells: [edit(0, 1, 7), edit(0, 2, 100)] }),
    )
    const applied = await asCaller(host, (ctx) => applyPromotionLift(ctx, forecastId, promotionId))
    expect(applied.cells).toBe(2)
    const grid = await asCaller(retailer, (ctx) => getForecastGrid(ctx, forecastId))
    expect(grid.events.map((e) => [e.name, e.weekIndexes, e.productIndexes])).toEqual([
      [`Lift ${tag}`, [0, 1], [0]],
    ])
    expect(grid.adjustments).toHaveLength(1)
    // 130 × 25 % = 32.5 → 33; 7 × 25 % = 1.75 → 2.
    expect(grid.adjustments[0]).toMatchObject({ line: 'host', liftBp: 2500, promotionId })
    expect(grid.adjustments[0].units.slice(0, 4)).toEqual([33, 2, 0, 0])
    expect(grid.lines.host.values.slice(0, 3)).toEqual([130, 7, 100])
    expect(
      await failure(() => asCaller(host, (ctx) => applyPromotionLift(ctx, forecastId, promotionId))),
    ).toBe('conflict:forecasts:errors.liftApplied')
    expect(
      await failure(() => asCaller(retailer, (ctx) => undoAdjustment(ctx, forecastId, applied.adjustmentId))),
    ).toBe('not_found:forecasts:errors.adjustmentNotFound')
    await asCaller(host, (ctx) => undoAdjustment(ctx, forecastId, applied.adjustmentId))
    const after = await asCaller(host, (ctx) => getForecastGrid(ctx, forecastId))
    expect(after.adjustments).toEqual([])
    // Applying again after an undo is allowed.
    expect((await asCaller(host, (ctx) => applyPromotionLift(ctx, forecastId, promotionId))).cells).toBe(2)
  })
})

describe('live viewers', () => {
  test("saved figures are pushed to the plan's room after commit, never for a rolled-back save", async () => {
    pushes.length = 0
    await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'partner', cells: [edit(0, 3, 44)] }),
    )
    expect(pushes).toEqual([
      {
        room: `forecast:${forecastId}`,
        event: 'forecast:cells',
        payload: {
          forecastId,
          byUserId: retailer.userId,
          byName: world.r.owner.name,
          updates: [
            {
              productId: rows[0],
              weekStart: weeks[3],
              line: 'partner',
              value: 44,
              proposed: null,
              proposedBy: null,
              version: 1,
            },
          ],
        },
      },
    ])
    pushes.length = 0
    await failure(() =>
      asCaller(retailer, async (ctx) => {
        await saveForecastCells(ctx, forecastId, { line: 'partner', cells: [edit(0, 3, 45, 1)] })
        throw new Error('rolled back')
      }),
    )
    expect(pushes).toEqual([])
  })
})
