import { and, asc, eq, ne } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  explainException,
  reopenException,
  resolveException,
  setExceptionOwner,
} from '#app/features/forecasts/exception-actions.server.ts'
import { getException } from '#app/features/forecasts/get-exception.server.ts'
import type { CellEdit } from '#app/features/forecasts/grid-types.ts'
import { listExceptions } from '#app/features/forecasts/list-exceptions.server.ts'
import { saveForecastCells } from '#app/features/forecasts/save-forecast-cells.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { setRealtimeSink } from '#app/lib/realtime/publish.server.ts'
import { channels, forecastExceptionEvents, forecastExceptions } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { createPlan, planPeople } from './forecast-plan.ts'
import { type Harness, locationOf, startHarness } from './harness.ts'
import { readable } from './html.ts'
import { asCaller, type Caller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// Co-forecast exceptions against real PostgreSQL and the built server: saves of both sides raise exactly the cells
// worked out by hand below, listed largest gap first; an owner from either org, explain, resolve and reopen each
// keep an event with who and what, a stale version is refused with the exception as it is now, viewers only read,
// and another partnership's people get 404s. Each change asks open grids to reload, after commit.

let h: Harness
let world: World
let host: Caller
let retailer: Caller
let viewer: Caller
let foreign: Caller
let forecastId: string
let rows: string[]
const cookies: Record<'host' | 'retailer' | 'viewer' | 'foreign', string> = {} as never
const weeks = ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']
const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
const sku = (i: number) => `EX-${'ABC'[i]}-${tag}`
const pushes: { room: string; payload: unknown }[] = []

// The plan's rules are the factory's: side gap when more than 20 % (2000 bp of the larger) AND more than 50 units
// apart; consensus shift 30 %. Figures (null: no figure), rows A, B, C × four weeks:
const hostLine = [
  [100, 200, 300, 0],
  [500, 80, 1000, 60],
  [50, null, 400, 1000],
]
const partnerLine = [
  [80, 140, 250, 100],
  [440, 20, 750, 110],
  [120, 300, 500, null],
]
// Worked by hand (diff = host − partner, share = |diff| × 10000 / larger, rounded half up):
//  A w0: 20, 2000 bp — not above 2000     A w1: 60, 3000 — BREAKS      A w2: 50, 1667 — no
//  A w3: −100, 10000 — BREAKS             B w0: 60, 1200 — no          B w1: 60, 7500 — BREAKS
//  B w2: 250, 2500 — BREAKS               B w3: −50 units, not above 50 — no
//  C w0: −70, 5833 — BREAKS               C w1: no host figure         C w2: −100, 2000 — not above 2000
//  C w3: no partner figure
// Largest gap first (|units|, then share): B w2, A w3, C w0, B w1 (7500) before A w1 (3000).
const expected = [
  `${sku(1)} ${weeks[2]} +250 2500`,
  `${sku(0)} ${weeks[3]} -100 10000`,
  `${sku(2)} ${weeks[0]} -70 5833`,
  `${sku(1)} ${weeks[1]} +60 7500`,
  `${sku(0)} ${weeks[1]} +60 3000`,
]

const line = (figures: (number | null)[][]): CellEdit[] =>
  figures.flatMap((r, p) =>
    r.flatMap((value, w) =>
      value === null ? [] : [{ productId: rows[p], weekStart: weeks[w], value, baseVersion: 0 }],
    ),
  )

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e
      return `${e.code} ${e.message}`
    },
  )

const list = (caller: Caller, filter: Partial<Parameters<typeof listExceptions>[2]> = {}) =>
  asCaller(caller, (ctx) =>
    listExceptions(ctx, forecastId, { page: { page: 1, pageSize: 50, offset: 0 }, ...filter }),
  )

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))
const summary = (r: { sku: string; weekStart: string; varianceUnits: number; varianceBp: number }) =>
  `${r.sku} ${r.weekStart} ${signed(r.varianceUnits)} ${r.varianceBp}`

async function exceptionAt(row: number, week: number) {
  const all = await list(retailer)
  const found = all.rows.find((r) => r.sku === sku(row) && r.weekStart === weeks[week])
  if (!found) throw new Error(`no exception at ${sku(row)} ${weeks[week]}`)
  const [e] = await asSystem((tx) =>
    tx.select().from(forecastExceptions).where(eq(forecastExceptions.id, found.id)),
  )
  return e
}

async function post(path: string, cookie: string, form: Record<string, string>) {
  const res = await h.request(path, { cookie, form })
  return { status: res.status, location: locationOf(res), body: readable(await res.text()) }
}

async function get(path: string, cookie: string) {
  const res = await h.request(path, { cookie })
  return { status: res.status, body: readable(await res.text()) }
}

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  const people = await planPeople(world)
  ;({ host, retailer, viewer, foreign } = people)
  Object.assign(cookies, people.cookies)
  ;({ forecastId, rows } = await createPlan(world, host.userId, {
    name: `Exceptions ${tag}`,
    weeks,
    products: [0, 1, 2].map((i) => ({ sku: sku(i), name: `Product ${'ABC'[i]}` })),
  }))
  setRealtimeSink({
    emit: (room, _event, payload) => pushes.push({ room, payload }),
    disconnectSession: () => {},
  })
  await asCaller(host, (ctx) => saveForecastCells(ctx, forecastId, { line: 'host', cells: line(hostLine) }))
  await asCaller(retailer, (ctx) =>
    saveForecastCells(ctx, forecastId, { line: 'partner', cells: line(partnerLine) }),
  )
})

afterAll(async () => {
  setRealtimeSink(undefined)
  await h?.close()
})

describe('raised by saves', () => {
  test('both sides saving their lines flags exactly the hand-worked cells, largest gap first', async () => {
    const view = await list(retailer)
    expect(view.rows.map(summary)).toEqual(expected)
    expect(view.rows.every((r) => r.rule === 'side_gap' && r.status === 'open' && r.breaking)).toBe(true)
    expect(view.total).toBe(5)
    expect(view.counts).toEqual({ open: 5, explained: 0, resolved: 0 })
    // The figures compared are as saved: host left, partner right.
    const bw2 = view.rows[0]
    expect([bw2.left, bw2.right, bw2.productName]).toEqual([1000, 750, 'Product B'])
  })

  test('filters by rule, product and status; a page at a time; a viewer reads the same list', async () => {
    expect((await list(viewer, { productId: rows[1] })).rows.map(summary)).toEqual([expected[0], expected[3]])
    expect((await list(host, { rule: 'consensus_shift' })).total).toBe(0)
    expect((await list(host, { status: 'resolved' })).rows).toEqual([])
    const second = await list(host, { page: { page: 2, pageSize: 2, offset: 2 } })
    expect(second.rows.map(summary)).toEqual(expected.slice(2, 4))
    expect(second.total).toBe(5)
  })

  test("another partnership's people find neither the list nor an exception", async () => {
    const e = await exceptionAt(0, 1)
    expect(await refusal(list(foreign))).toBe('not_found forecasts:errors.notFound')
    expect(await refusal(asCaller(foreign, (ctx) => getException(ctx, forecastId, e.id)))).toMatch(
      /^not_found/,
    )
    expect(
      await refusal(
        asCaller(foreign, (ctx) =>
          explainException(ctx, { forecastId, exceptionId: e.id, version: e.version, note: 'x' }),
        ),
      ),
    ).toMatch(/^not_found/)
    // The world's own plan (on A's customer partnership) has an exception: asked for under this plan, not found.
    const [other] = await asSystem((tx) =>
      tx
        .select({ id: forecastExceptions.id })
        .from(forecastExceptions)
        .where(
          and(
            eq(forecastExceptions.partnershipId, world.partnerships.ac.id),
            ne(forecastExceptions.forecastId, forecastId),
          ),
        ),
    )
    expect(await refusal(asCaller(host, (ctx) => getException(ctx, forecastId, other.id)))).toBe(
      'not_found forecastExceptions:errors.notFound',
    )
  })
})

describe('working an exception', () => {
  test('owner: someone of either org with an editing role; a viewer, a stranger and a viewer as owner are refused', async () => {
    const e = await exceptionAt(1, 2)
    const ref = { forecastId, exceptionId: e.id, version: e.version }
    expect(
      await refusal(asCaller(viewer, (ctx) => setExceptionOwner(ctx, { ...ref, ownerId: host.userId }))),
    ).toBe('forbidden forecastExceptions:errors.readOnly')
    expect(
      await refusal(
        asCaller(host, (ctx) => setExceptionOwner(ctx, { ...ref, ownerId: world.a.members.viewer.id })),
      ),
    ).toBe('invalid forecastExceptions:errors.owner')
    expect(
      await refusal(
        asCaller(host, (ctx) => setExceptionOwner(ctx, { ...ref, ownerId: world.foreign.zOwner.id })),
      ),
    ).toBe('invalid forecastExceptions:errors.owner')
    const detail = await asCaller(host, (ctx) => getException(ctx, forecastId, e.id))
    expect(detail.candidates.map((c) => c.id)).toContain(retailer.userId)
    expect(detail.candidates.map((c) => c.id)).not.toContain(world.a.members.viewer.id)
    const owned = await asCaller(host, (ctx) => setExceptionOwner(ctx, { ...ref, ownerId: retailer.userId }))
    expect([owned.ownerId, owned.version]).toEqual([retailer.userId, e.version + 1])
  })

  test('explain, resolve, reopen: each an event saying who and what; a stale version is refused with the current values', async () => {
    pushes.length = 0
    const e = await exceptionAt(0, 1)
    const ref = { forecastId, exceptionId: e.id }
    const explained = await asCaller(retailer, (ctx) =>
      explainException(ctx, { ...ref, version: e.version, note: 'Our end-cap starts in week 2' }),
    )
    expect(explained.status).toBe('explained')
    // The host typed over the version it loaded before the retailer's explanation.
    const stale = await asCaller(host, (ctx) =>
      resolveException(ctx, { ...ref, version: e.version, note: 'Plan on 170' }),
    ).catch((error: AppError) => error)
    expect(stale).toBeInstanceOf(AppError)
    expect([(stale as AppError).code, (stale as AppError).message]).toEqual([
      'conflict',
      'forecastExceptions:errors.stale',
    ])
    expect((stale as AppError).details?.current).toEqual({
      status: 'explained',
      ownerId: null,
      ownerName: null,
      note: 'Our end-cap starts in week 2',
      breaking: true,
      version: explained.version,
    })
    expect(
      await refusal(
        asCaller(host, (ctx) => resolveException(ctx, { ...ref, version: explained.version, note: '  ' })),
      ),
    ).toBe('invalid forecastExceptions:errors.noteRequired')
    const resolved = await asCaller(host, (ctx) =>
      resolveException(ctx, {
        ...ref,
        version: explained.version,
        note: 'Both plan on 170: the end-cap adds 30',
      }),
    )
    expect([resolved.status, resolved.resolvedById, resolved.resolvedAt !== null]).toEqual([
      'resolved',
      host.userId,
      true,
    ])
    expect(
      await refusal(
        asCaller(host, (ctx) => explainException(ctx, { ...ref, version: resolved.version, note: 'x' })),
      ),
    ).toBe('conflict forecastExceptions:errors.resolved')
    const reopened = await asCaller(retailer, (ctx) =>
      reopenException(ctx, { ...ref, version: resolved.version, note: 'The end-cap moved' }),
    )
    expect([reopened.status, reopened.resolvedById, reopened.resolvedAt]).toEqual(['open', null, null])

    const events = await asSystem((tx) =>
      tx
        .select()
        .from(forecastExceptionEvents)
        .where(eq(forecastExceptionEvents.exceptionId, e.id))
        .orderBy(asc(forecastExceptionEvents.createdAt), asc(forecastExceptionEvents.id)),
    )
    expect(events.map((ev) => [ev.action, ev.fromStatus, ev.toStatus, ev.actorId, ev.note])).toEqual([
      ['opened', null, 'open', retailer.userId, ''],
      ['explained', 'open', 'explained', retailer.userId, 'Our end-cap starts in week 2'],
      ['resolved', 'explained', 'resolved', host.userId, 'Both plan on 170: the end-cap adds 30'],
      ['reopened', 'resolved', 'open', retailer.userId, 'The end-cap moved'],
    ])
    const detail = await asCaller(viewer, (ctx) => getException(ctx, forecastId, e.id))
    // The page lists the newest step first, each with who took it.
    expect(detail.events.map((ev) => `${ev.action} ${ev.actorName}`)).toEqual([
      `reopened ${world.r.owner.name}`,
      `resolved ${world.a.members.manager.name}`,
      `explained ${world.r.owner.name}`,
      `opened ${world.r.owner.name}`,
    ])
    expect(detail.canAct).toBe(false)
    // Three changes, three reloads of the plan's open grids; nothing for the refused ones.
    expect(
      pushes
        .filter((p) => p.room === `forecast:${forecastId}`)
        .map((p) => (p.payload as { reload?: boolean }).reload),
    ).toEqual([true, true, true])
  })

  test('a figure back within the rule clears the exception; a cleared one is not reopened', async () => {
    const e = await exceptionAt(2, 0)
    // C w0: the partner moves from 120 to 90: 40 units apart, within the rule.
    await asCaller(retailer, (ctx) =>
      saveForecastCells(ctx, forecastId, {
        line: 'partner',
        cells: [{ productId: rows[2], weekStart: weeks[0], value: 90, baseVersion: 1 }],
      }),
    )
    const [cleared] = await asSystem((tx) =>
      tx.select().from(forecastExceptions).where(eq(forecastExceptions.id, e.id)),
    )
    expect([cleared.status, cleared.breaking, cleared.resolvedById]).toEqual([
      'resolved',
      false,
      retailer.userId,
    ])
    expect(
      await refusal(
        asCaller(host, (ctx) =>
          reopenException(ctx, { forecastId, exceptionId: e.id, version: cleared.version }),
        ),
      ),
    ).toBe('conflict forecastExceptions:errors.notBreaking')
  })
})

describe('over HTTP', () => {
  test('the list and an exception page show the figures; a viewer sees no forms', async () => {
    const listPage = await get(`/forecasts/${forecastId}/exceptions`, cookies.retailer)
    expect(listPage.status).toBe(200)
    for (const s of [sku(0), sku(1)]) expect(listPage.body).toContain(s)
    const e = await exceptionAt(1, 1)
    const asViewer = await get(`/forecasts/${forecastId}/exceptions/${e.id}`, cookies.viewer)
    expect(asViewer.status).toBe(200)
    expect(asViewer.body).toContain(sku(1))
    expect(asViewer.body).not.toContain('name="intent" value="resolve"')
    const asHost = await get(`/forecasts/${forecastId}/exceptions/${e.id}`, cookies.host)
    expect(asHost.body).toContain('name="intent" value="resolve"')
  })

  test('explain as a viewer is 403, as a stranger 404, stale 409 with what it is now, then done', async () => {
    const e = await exceptionAt(1, 1)
    const path = `/forecasts/${forecastId}/exceptions/${e.id}`
    const form = { intent: 'explain', version: String(e.version), note: 'Listing change at the retailer' }
    expect((await post(path, cookies.viewer, form)).status).toBe(403)
    expect((await post(path, cookies.foreign, form)).status).toBe(404)
    expect((await post(`/forecasts/${rows[0]}/exceptions/${e.id}`, cookies.host, form)).status).toBe(404)
    expect((await post(path, cookies.host, { ...form, note: '' })).status).toBe(400)
    const done = await post(path, cookies.retailer, form)
    expect([done.status, done.location]).toEqual([302, `${path}?done=explain`])
    const stale = await post(path, cookies.host, {
      intent: 'resolve',
      version: String(e.version),
      note: 'Plan on 50',
    })
    expect(stale.status).toBe(409)
    expect(stale.body).toContain('Someone changed this exception while you were looking at it.')
    expect(stale.body).toContain('Listing change at the retailer')
  })

  test('the discussion thread opens from the exception and both orgs read it; strangers get 404', async () => {
    const e = await exceptionAt(1, 1)
    const path = `/forecasts/${forecastId}/exceptions/${e.id}/thread`
    expect((await post(path, cookies.foreign, {})).status).toBe(404)
    expect((await get(path, cookies.foreign)).status).toBe(404)
    const opened = await post(path, cookies.retailer, {})
    // (locationOf drops the #discussion anchor.)
    expect(opened.location).toBe(`/forecasts/${forecastId}/exceptions/${e.id}`)
    const [thread] = await asSystem((tx) => tx.select().from(channels).where(eq(channels.recordId, e.id)))
    expect([thread.recordType, thread.partnershipId, thread.name]).toEqual([
      'forecast_exception',
      world.partnerships.ar.id,
      `Exceptions ${tag}: ${sku(1)} ${weeks[1]}`,
    ])
    for (const who of ['host', 'retailer', 'viewer'] as const) {
      expect((await get(`/chat/${thread.id}`, cookies[who])).status, who).toBe(200)
    }
    expect((await get(`/chat/${thread.id}`, cookies.foreign)).status).toBe(404)
    expect((await get('/chat', cookies.host)).body).toContain(`Exceptions ${tag}: ${sku(1)}`)
    // Opening again finds the same thread.
    await post(path, cookies.host, {})
    expect(
      await asSystem((tx) => tx.select().from(channels).where(eq(channels.recordId, e.id))),
    ).toHaveLength(1)
  })
})
