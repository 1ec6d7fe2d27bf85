import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compareVersions } from '#app/features/forecasts/compare-versions.server.ts'
import { getAccuracy } from '#app/features/forecasts/get-accuracy.server.ts'
import { listVersions } from '#app/features/forecasts/list-versions.server.ts'
import { publishVersion } from '#app/features/forecasts/publish-version.server.ts'
import { saveForecastCells } from '#app/features/forecasts/save-forecast-cells.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { setRealtimeSink } from '#app/lib/realtime/publish.server.ts'
import {
  forecastCells,
  forecastExceptions,
  forecastProducts,
  forecastVersionCells,
  forecastVersions,
} from '#db/schema/index.ts'
import { createAdjustmentRecord, createCellRecords } from '#db/seed/forecast-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { createPlan, planPeople } from './forecast-plan.ts'
import { type Harness, locationOf, startHarness } from './harness.ts'
import { asCaller, type Caller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// Published versions against real PostgreSQL and the built server: "Publish" freezes the grid as it shows (each
// line plus its lifts; the agreed consensus), numbered under the plan's lock; comparing two versions, or a version
// and the grid now, gives exact deltas and totals; the consensus shift rule follows the newest version; accuracy
// of each side against the actuals equals figures worked out by hand; viewers read only; strangers get 404s.

let h: Harness
let world: World
let host: Caller
let retailer: Caller
let viewer: Caller
let foreign: Caller
let forecastId: string
let rows: string[]
const cookies: Record<'host' | 'retailer' | 'viewer' | 'foreign', string> = {} as never
const weeks = ['2027-01-04', '2027-01-11', '2027-01-18']
const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
const sku = (i: number) => `VR-${'AB'[i]}-${tag}`
const versionIds: Record<number, string> = {}
const pushes: { room: string; payload: unknown }[] = []
const page = (pageSize = 50) => ({ page: 1, pageSize, offset: 0 })

type Cell = [row: number, week: number, value: number]

const edits = (cells: Cell[], versions: Map<string, number> = new Map()) =>
  cells.map(([r, w, value]) => ({
    productId: rows[r],
    weekStart: weeks[w],
    value,
    baseVersion: versions.get(`${rows[r]}|${weeks[w]}`) ?? 0,
  }))

async function versionsOf(line: 'host' | 'partner' | 'consensus') {
  const cells = await asSystem((tx) =>
    tx
      .select()
      .from(forecastCells)
      .where(and(eq(forecastCells.forecastId, forecastId), sql`${forecastCells.line} = ${line}`)),
  )
  return new Map(cells.map((c) => [`${c.forecastProductId}|${c.weekStart}`, c.version]))
}

/** The manufacturer proposes consensus figures and the retailer accepts them (typing the same figures). */
async function agree(cells: Cell[]) {
  const current = await versionsOf('consensus')
  await asCaller(host, (ctx) =>
    saveForecastCells(ctx, forecastId, { line: 'consensus', cells: edits(cells, current) }),
  )
  const proposed = await versionsOf('consensus')
  const accepted = await asCaller(retailer, (ctx) =>
    saveForecastCells(ctx, forecastId, { line: 'consensus', cells: edits(cells, proposed) }),
  )
  expect(accepted.saved).toHaveLength(cells.length)
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e
      return `${e.code} ${e.message}`
    },
  )

/** A frozen version's cells as `sku week: host/partner/consensus`. */
async function frozen(versionId: string) {
  const cells = await asSystem((tx) =>
    tx
      .select({
        sku: forecastProducts.sku,
        week: forecastVersionCells.weekStart,
        host: forecastVersionCells.host,
        partner: forecastVersionCells.partner,
        consensus: forecastVersionCells.consensus,
      })
      .from(forecastVersionCells)
      .innerJoin(forecastProducts, eq(forecastProducts.id, forecastVersionCells.forecastProductId))
      .where(eq(forecastVersionCells.forecastVersionId, versionId))
      .orderBy(asc(forecastProducts.sku), asc(forecastVersionCells.weekStart)),
  )
  return cells.map((c) => `${c.sku} ${c.week}: ${c.host}/${c.partner}/${c.consensus}`)
}

const compare = (versionId: string, other?: string, sides = false) =>
  asCaller(retailer, (ctx) =>
    compareVersions(ctx, forecastId, { versionId, with: other, sides, page: page(), productPage: page() }),
  )

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  const people = await planPeople(world)
  ;({ host, retailer, viewer, foreign } = people)
  Object.assign(cookies, people.cookies)
  ;({ forecastId, rows } = await createPlan(world, host.userId, {
    name: `Versions ${tag}`,
    weeks,
    products: [0, 1].map((i) => ({ sku: sku(i), name: `Product ${'AB'[i]}` })),
  }))
  setRealtimeSink({
    emit: (room, _event, payload) => pushes.push({ room, payload }),
    disconnectSession: () => {},
  })
  // Host A 100 100 100, B 200 200 200; partner A 110 90 100, B 190 210 200 (within the side-gap rule);
  // consensus agreed A 100 100 100, B 200 200 200; a 20-unit lift on the host's B in week 2.
  const all = (a: number[], b: number[]): Cell[] => [
    ...a.map((v, w): Cell => [0, w, v]),
    ...b.map((v, w): Cell => [1, w, v]),
  ]
  await asCaller(host, (ctx) =>
    saveForecastCells(ctx, forecastId, { line: 'host', cells: edits(all([100, 100, 100], [200, 200, 200])) }),
  )
  await asCaller(retailer, (ctx) =>
    saveForecastCells(ctx, forecastId, {
      line: 'partner',
      cells: edits(all([110, 90, 100], [190, 210, 200])),
    }),
  )
  await agree(all([100, 100, 100], [200, 200, 200]))
  await asSystem((tx) =>
    createAdjustmentRecord(
      tx,
      { id: forecastId, partnershipId: world.partnerships.ar.id },
      {
        promotionId: null,
        line: 'host',
        label: 'End-cap lift',
        liftBp: 1000,
        createdByOrgId: world.a.org.id,
        createdById: host.userId,
        cells: [{ forecastProductId: rows[1], weekStart: weeks[1], units: 20 }],
      },
    ),
  )
})

afterAll(async () => {
  setRealtimeSink(undefined)
  await h?.close()
})

describe('publishing', () => {
  test('freezes the grid as it shows, lifts included, as version 1; viewers and strangers are refused', async () => {
    expect(await refusal(asCaller(viewer, (ctx) => publishVersion(ctx, forecastId, {})))).toBe(
      'forbidden forecasts:errors.readOnly',
    )
    expect(await refusal(asCaller(foreign, (ctx) => publishVersion(ctx, forecastId, {})))).toBe(
      'not_found forecasts:errors.notFound',
    )
    pushes.length = 0
    const v1 = await asCaller(retailer, (ctx) =>
      publishVersion(ctx, forecastId, { note: ' Agreed in review ' }),
    )
    versionIds[1] = v1.id
    expect([v1.number, v1.cells]).toEqual([1, 6])
    expect(await frozen(v1.id)).toEqual([
      `${sku(0)} ${weeks[0]}: 100/110/100`,
      `${sku(0)} ${weeks[1]}: 100/90/100`,
      `${sku(0)} ${weeks[2]}: 100/100/100`,
      `${sku(1)} ${weeks[0]}: 200/190/200`,
      `${sku(1)} ${weeks[1]}: 220/210/200`,
      `${sku(1)} ${weeks[2]}: 200/200/200`,
    ])
    const [row] = await asSystem((tx) =>
      tx.select().from(forecastVersions).where(eq(forecastVersions.id, v1.id)),
    )
    expect([row.note, row.publishedById, row.publishedByOrgId]).toEqual([
      'Agreed in review',
      retailer.userId,
      world.r.org.id,
    ])
    expect(pushes.map((p) => [p.room, (p.payload as { reload?: boolean }).reload])).toEqual([
      [`forecast:${forecastId}`, true],
    ])
  })

  test('the consensus shift rule compares with the newest version: opened by a move, cleared by publishing it', async () => {
    // A week 1: consensus 100 → 140 (4000 bp of the published 100, above 3000); B week 3: 200 → 230 (1500, below).
    await agree([
      [0, 0, 140],
      [1, 2, 230],
    ])
    // The host's own line moves too (no rule: 130 vs the partner's 90 is 40 units apart).
    const hostVersions = await versionsOf('host')
    await asCaller(host, (ctx) =>
      saveForecastCells(ctx, forecastId, { line: 'host', cells: edits([[0, 1, 130]], hostVersions) }),
    )
    const shifts = () =>
      asSystem((tx) =>
        tx
          .select()
          .from(forecastExceptions)
          .where(
            and(
              eq(forecastExceptions.forecastId, forecastId),
              eq(forecastExceptions.rule, 'consensus_shift'),
            ),
          ),
      )
    const opened = await shifts()
    expect(
      opened.map((e) => [e.forecastProductId, e.weekStart, e.left, e.right, e.varianceBp, e.status]),
    ).toEqual([[rows[0], weeks[0], 140, 100, 4000, 'open']])
    const v2 = await asCaller(host, (ctx) => publishVersion(ctx, forecastId, {}))
    versionIds[2] = v2.id
    expect(v2.number).toBe(2)
    const cleared = await shifts()
    expect(cleared.map((e) => [e.status, e.breaking, e.resolvedById])).toEqual([
      ['resolved', false, host.userId],
    ])
  })

  test('two people publishing at once get the next two numbers', async () => {
    const [a, b] = await Promise.all([
      asCaller(host, (ctx) => publishVersion(ctx, forecastId, { note: 'host' })),
      asCaller(retailer, (ctx) => publishVersion(ctx, forecastId, { note: 'retailer' })),
    ])
    expect([a.number, b.number].sort()).toEqual([3, 4])
    const listed = await asCaller(viewer, (ctx) => listVersions(ctx, forecastId, page()))
    expect(listed.rows.map((v) => v.number)).toEqual([4, 3, 2, 1])
    expect(listed.total).toBe(4)
    versionIds[3] = a.number === 3 ? a.id : b.id
    versionIds[4] = a.number === 4 ? a.id : b.id
  })
})

describe('comparing', () => {
  test('version 1 with version 2: the consensus cells that moved, with exact deltas and totals', async () => {
    const c = await compare(versionIds[2], versionIds[1])
    expect([c.old, c.new].map((s) => (s.kind === 'version' ? s.number : s.kind))).toEqual([1, 2])
    expect(c.cells.map((x) => [x.sku, x.weekStart, x.consensus])).toEqual([
      [sku(0), weeks[0], { old: 100, new: 140, delta: 40, share: 0.4 }],
      [sku(1), weeks[2], { old: 200, new: 230, delta: 30, share: 0.15 }],
    ])
    expect(c.changedCells).toBe(2)
    expect(c.products.map((p) => [p.sku, p.changedCells, p.consensus])).toEqual([
      [sku(0), 1, { old: 300, new: 340, delta: 40, share: 40 / 300 }],
      [sku(1), 1, { old: 600, new: 630, delta: 30, share: 0.05 }],
    ])
    expect(c.overall.consensus).toEqual({ old: 900, new: 970, delta: 70, share: 70 / 900 })
    // The same pair from version 1's page: the older one is still "old".
    const reverse = await compare(versionIds[1], versionIds[2])
    expect(reverse.cells).toEqual(c.cells)
  })

  test("with each side's line: the host's change shows too, lifts included", async () => {
    const c = await compare(versionIds[1], versionIds[2], true)
    expect(c.lines).toEqual(['consensus', 'host', 'partner'])
    expect(
      c.cells.map((x) => [x.sku, x.weekStart, x.consensus?.delta, x.host?.delta, x.partner?.delta]),
    ).toEqual([
      [sku(0), weeks[0], 40, 0, 0],
      [sku(0), weeks[1], 0, 30, 0],
      [sku(1), weeks[2], 30, 0, 0],
    ])
    // B's host total counts the lift in both: 620 then 620.
    expect(c.products.find((p) => p.sku === sku(1))?.host).toEqual({ old: 620, new: 620, delta: 0, share: 0 })
  })

  test('a version with the grid now; the default is the version before it; a page of changed cells', async () => {
    await agree([[1, 0, 260]])
    const now = await compare(versionIds[4], 'current')
    expect(now.new.kind).toBe('current')
    expect(now.cells.map((x) => [x.sku, x.weekStart, x.consensus])).toEqual([
      [sku(1), weeks[0], { old: 200, new: 260, delta: 60, share: 0.3 }],
    ])
    const byDefault = await compare(versionIds[2])
    expect(byDefault.with).toBe(versionIds[1])
    expect(byDefault.changedCells).toBe(2)
    const first = await compare(versionIds[1])
    expect([first.with, first.changedCells]).toEqual(['current', 3])
    const paged = await asCaller(host, (ctx) =>
      compareVersions(ctx, forecastId, {
        versionId: versionIds[1],
        with: 'current',
        sides: false,
        page: { page: 2, pageSize: 2, offset: 2 },
        productPage: page(),
      }),
    )
    expect(paged.cells.map((x) => [x.sku, x.weekStart])).toEqual([[sku(1), weeks[2]]])
    expect(paged.changedCells).toBe(3)
  })

  test("another plan's version or a stranger is not found", async () => {
    const [other] = await asSystem((tx) =>
      tx
        .select({ id: forecastVersions.id })
        .from(forecastVersions)
        .where(eq(forecastVersions.partnershipId, world.partnerships.ac.id)),
    )
    expect(await refusal(compare(other.id))).toBe('not_found forecastVersions:errors.notFound')
    expect(await refusal(compare(versionIds[1], other.id))).toBe('not_found forecastVersions:errors.notFound')
    expect(
      await refusal(
        asCaller(foreign, (ctx) =>
          compareVersions(ctx, forecastId, {
            versionId: versionIds[1],
            sides: false,
            page: page(),
            productPage: page(),
          }),
        ),
      ),
    ).toBe('not_found forecasts:errors.notFound')
  })
})

describe('accuracy', () => {
  test('no actuals yet: nothing to measure, the version it would use is named', async () => {
    const view = await asCaller(retailer, (ctx) => getAccuracy(ctx, forecastId, { page: page() }))
    expect([view.result, view.firstActualWeek, view.version?.number]).toEqual([null, null, 4])
  })

  test('per product and side, against the newest version published before the first actual week', async () => {
    // Actuals: A 120, 80 (week 3 none); B 0 (not counted: no percentage of nothing), 250.
    await asSystem((tx) =>
      createCellRecords(tx, { id: forecastId, partnershipId: world.partnerships.ar.id }, [
        { forecastProductId: rows[0], weekStart: weeks[0], line: 'actual', value: 120 },
        { forecastProductId: rows[0], weekStart: weeks[1], line: 'actual', value: 80 },
        { forecastProductId: rows[1], weekStart: weeks[0], line: 'actual', value: 0 },
        { forecastProductId: rows[1], weekStart: weeks[1], line: 'actual', value: 250 },
      ]),
    )
    // Versions 2–4 dated after the first actual week: version 1 is what the sides had when sales came in.
    await asSystem((tx) =>
      tx
        .update(forecastVersions)
        .set({ publishedAt: new Date('2027-01-06T09:00:00Z') })
        .where(inArray(forecastVersions.id, [versionIds[2], versionIds[3], versionIds[4]])),
    )
    const view = await asCaller(viewer, (ctx) => getAccuracy(ctx, forecastId, { page: page() }))
    expect([view.version?.number, view.firstActualWeek, view.actualCells]).toEqual([1, weeks[0], 4])
    const result = view.result
    if (!result) throw new Error('no result')
    const [a, b] = result.rows
    // Version 1: host A 100 100, B 220 (with the lift); partner A 110 90, B 210; consensus A 100 100, B 200.
    // Host A: (|120−100|/120 + |80−100|/80) / 2 = (1/6 + 1/4) / 2 = 5/24; bias (200 − 200) / 200 = 0.
    expect(a.sku).toBe(sku(0))
    expect(a.host.mape).toBeCloseTo(5 / 24, 12)
    expect(a.host.bias).toBe(0)
    expect(a.host.weeks).toBe(2)
    // Partner A: (10/120 + 10/80) / 2 = 5/48.
    expect(a.partner.mape).toBeCloseTo(5 / 48, 12)
    expect(a.closer).toBe('partner')
    // B, week 2 only: host |250−220|/250 = 0.12, bias −0.12; partner 40/250 = 0.16; consensus 0.2.
    expect([b.host.mape, b.host.bias, b.host.weeks]).toEqual([0.12, -0.12, 1])
    expect(b.partner.mape).toBeCloseTo(0.16, 12)
    expect(b.consensus.mape).toBeCloseTo(0.2, 12)
    expect(b.closer).toBe('host')
    // Whole plan: host (1/6 + 1/4 + 0.12) / 3, bias (420 − 450) / 450; partner (1/12 + 1/8 + 0.16) / 3.
    expect(result.total.host.mape).toBeCloseTo((1 / 6 + 1 / 4 + 0.12) / 3, 12)
    expect(result.total.host.bias).toBeCloseTo(-30 / 450, 12)
    expect(result.total.partner.mape).toBeCloseTo((1 / 12 + 1 / 8 + 0.16) / 3, 12)
    expect(result.total.partner.bias).toBeCloseTo(-40 / 450, 12)
    expect(result.total.consensus.bias).toBeCloseTo(-50 / 450, 12)
    expect(result.total.closer).toBe('partner')
    expect([result.productsCounted, result.productsWithout]).toEqual([2, 0])
  })

  test('against a chosen version: version 2 has the host A week 2 at 130', async () => {
    const view = await asCaller(host, (ctx) =>
      getAccuracy(ctx, forecastId, { versionId: versionIds[2], page: page() }),
    )
    const a = view.result?.rows[0]
    // (|120−100|/120 + |80−130|/80) / 2; consensus A week 1 was 140 then: (20/120 + 20/80) / 2.
    expect(a?.host.mape).toBeCloseTo((1 / 6 + 50 / 80) / 2, 12)
    expect(a?.consensus.mape).toBeCloseTo((20 / 120 + 20 / 80) / 2, 12)
    expect(await refusal(asCaller(foreign, (ctx) => getAccuracy(ctx, forecastId, { page: page() })))).toBe(
      'not_found forecasts:errors.notFound',
    )
  })
})

describe('over HTTP', () => {
  test('publish from the versions page; viewers 403, strangers 404; the version, its comparison and accuracy show', async () => {
    const path = `/forecasts/${forecastId}/versions`
    const form = { intent: 'publish', note: 'Published over HTTP' }
    expect((await h.request(path, { cookie: cookies.viewer, form })).status).toBe(403)
    expect((await h.request(path, { cookie: cookies.foreign, form })).status).toBe(404)
    const res = await h.request(path, { cookie: cookies.retailer, form })
    const location = locationOf(res) ?? ''
    expect([res.status, location]).toEqual([
      302,
      expect.stringMatching(new RegExp(`^${path}/[0-9a-f-]{36}\\?published=1$`)),
    ])
    const versionPage = await h.request(`${location.split('?')[0]}?with=${versionIds[1]}`, {
      cookie: cookies.viewer,
    })
    const body = await versionPage.text()
    expect(versionPage.status).toBe(200)
    expect(body).toContain('Published over HTTP')
    expect(body).toContain(sku(1))
    const accuracy = await h.request(`/forecasts/${forecastId}/accuracy`, { cookie: cookies.retailer })
    expect(accuracy.status).toBe(200)
    expect(await accuracy.text()).toContain('MAPE')
    for (const url of [path, `${path}/${versionIds[1]}`, `/forecasts/${forecastId}/accuracy`]) {
      expect((await h.request(url, { cookie: cookies.foreign })).status, url).toBe(404)
    }
  })
})
