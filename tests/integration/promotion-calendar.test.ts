import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { calendarRange } from '#app/features/promotions/calendar.ts'
import { listCalendar } from '#app/features/promotions/list-calendar.server.ts'
import { promotions } from '#db/schema/index.ts'
import { createPromotionProductRecord } from '#db/seed/promotion-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { asCaller, type Caller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// The promotion calendar against real PostgreSQL: which promotions a month shows (including those running over its
// edges), which ones are flagged as overlapping (same partner, both running, dates touching), the filters, and that
// each side sees only its own partnerships.

let world: World
let manager: Caller
let retailer: Caller
let memberOwn: Caller
const ids: Record<string, string> = {}
const page = { page: 1, pageSize: 25, offset: 0 }
const may = calendarRange('month', '2028-05', '2028-05-14')

type Fixture = {
  key: string
  startsOn: string
  endsOn: string
  status?: (typeof promotions.$inferInsert)['status']
  on?: 'ar' | 'ac'
  by?: 'manager' | 'memberOwn'
  sku?: string
}

// Hand-picked: the lanes and overlaps below are worked out from these dates by hand.
const fixtures: Fixture[] = [
  { key: 'edgeStart', startsOn: '2028-04-20', endsOn: '2028-05-03' },
  { key: 'overlapA', startsOn: '2028-05-03', endsOn: '2028-05-10', sku: 'KET-100' },
  { key: 'overlapB', startsOn: '2028-05-10', endsOn: '2028-05-12', status: 'submitted' },
  { key: 'alone', startsOn: '2028-05-15', endsOn: '2028-05-18', sku: 'TOA-200' },
  { key: 'cancelled', startsOn: '2028-05-16', endsOn: '2028-05-17', status: 'cancelled' },
  { key: 'edgeEnd', startsOn: '2028-05-25', endsOn: '2028-06-10' },
  { key: 'june', startsOn: '2028-06-01', endsOn: '2028-06-05' },
  { key: 'april', startsOn: '2028-04-01', endsOn: '2028-04-15' },
  { key: 'customer', startsOn: '2028-05-05', endsOn: '2028-05-20', on: 'ac' },
  { key: 'mine', startsOn: '2028-05-28', endsOn: '2028-05-29', by: 'memberOwn' },
]

beforeAll(async () => {
  world = await createWorld()
  manager = hostCaller(world, 'manager')
  memberOwn = hostCaller(world, 'member_own')
  retailer = retailerCaller(world)
  await asSystem(async (tx) => {
    for (const f of fixtures) {
      const partnership = world.partnerships[f.on ?? 'ar']
      const [row] = await tx
        .insert(promotions)
        .values({
          partnershipId: partnership.id,
          hostOrgId: world.a.org.id,
          createdByOrgId: world.a.org.id,
          createdById: f.by === 'memberOwn' ? memberOwn.userId : manager.userId,
          name: `Cal ${f.key}`,
          mechanics: 'display',
          startsOn: f.startsOn,
          endsOn: f.endsOn,
          currency: 'USD',
          status: f.status ?? 'draft',
        })
        .returning()
      ids[f.key] = row.id
      if (f.sku) {
        await createPromotionProductRecord(tx, { promotion: row, sku: f.sku, name: f.sku, unitPrice: 100 })
      }
    }
  })
})

const names = (lanes: Awaited<ReturnType<typeof listCalendar>>['lanes']) =>
  lanes.flatMap((l) => l.items.map((i) => i.name)).sort()
const overlapsOf = (lanes: Awaited<ReturnType<typeof listCalendar>>['lanes']) =>
  Object.fromEntries(
    lanes.flatMap((l) =>
      l.items.map((i) => [i.name.replace('Cal ', ''), i.overlaps.map((o) => o.name).sort()]),
    ),
  )

describe('the range', () => {
  test('a month is its first to last day; a quarter is the calendar quarter holding the start', () => {
    expect(may).toMatchObject({
      from: '2028-05-01',
      to: '2028-05-31',
      days: 31,
      prev: '2028-04',
      next: '2028-06',
    })
    const q = calendarRange('quarter', '2028-05', '2028-05-14')
    expect(q).toMatchObject({
      start: '2028-04',
      from: '2028-04-01',
      to: '2028-06-30',
      days: 91,
      next: '2028-07',
    })
    expect(q.months.map((m) => [m.key, m.startDay, m.days])).toEqual([
      ['2028-04', 0, 30],
      ['2028-05', 30, 31],
      ['2028-06', 61, 30],
    ])
    expect(calendarRange('month', 'nonsense', '2028-02-10').from).toBe('2028-02-01')
  })

  test('a month shows the promotions touching it, including those over its edges, and none outside it', async () => {
    const { lanes, totalLanes } = await asCaller(manager, (ctx) =>
      listCalendar(ctx, { range: may, filters: {}, page }),
    )
    expect(names(lanes)).toEqual(
      ['alone', 'cancelled', 'customer', 'edgeEnd', 'edgeStart', 'mine', 'overlapA', 'overlapB'].map(
        (k) => `Cal ${k}`,
      ),
    )
    // One lane per partner, by the partner's name: Home … Hotels, then Home … Retail.
    expect(totalLanes).toBe(2)
    expect(lanes.map((l) => l.partnershipId)).toEqual([world.partnerships.ac.id, world.partnerships.ar.id])
  })
})

describe('overlaps', () => {
  test('flagged exactly for running promotions of the same partner whose dates touch', async () => {
    const { lanes } = await asCaller(manager, (ctx) => listCalendar(ctx, { range: may, filters: {}, page }))
    expect(overlapsOf(lanes)).toEqual({
      edgeStart: ['Cal overlapA'], // 3 May, the last day of one and the first of the other
      overlapA: ['Cal edgeStart', 'Cal overlapB'],
      overlapB: ['Cal overlapA'],
      alone: [], // the cancelled promotion on the same days does not count
      cancelled: [],
      edgeEnd: ['Cal june', 'Cal mine'], // June's is found even though June is not shown
      mine: ['Cal edgeEnd'],
      customer: [], // same days as overlapA, but another partner
    })
    const ar = lanes.find((l) => l.partnershipId === world.partnerships.ar.id)
    const row = (key: string) => ar?.items.find((i) => i.name === `Cal ${key}`)?.row
    // Overlapping bars stack on separate rows; the next free row is reused.
    expect([row('edgeStart'), row('overlapA'), row('overlapB')]).toEqual([0, 1, 0])
    expect(row('alone')).not.toBe(row('cancelled'))
  })

  test('a filter does not hide an overlap with a promotion it leaves out', async () => {
    const { lanes } = await asCaller(manager, (ctx) =>
      listCalendar(ctx, { range: may, filters: { status: 'submitted' }, page }),
    )
    expect(overlapsOf(lanes)).toEqual({ overlapB: ['Cal overlapA'] })
  })
})

describe('filters and isolation', () => {
  test('by status, by product SKU (any case) and by partner', async () => {
    const list = (filters: Parameters<typeof listCalendar>[1]['filters']) =>
      asCaller(manager, (ctx) => listCalendar(ctx, { range: may, filters, page })).then((r) => names(r.lanes))
    expect(await list({ status: 'cancelled' })).toEqual(['Cal cancelled'])
    expect(await list({ sku: 'ket-100' })).toEqual(['Cal overlapA'])
    expect(await list({ sku: 'NOPE' })).toEqual([])
    expect(await list({ partnershipId: world.partnerships.ac.id })).toEqual(['Cal customer'])
  })

  test('the retailer sees only its own partnership; a foreign partnership shows nothing', async () => {
    const own = await asCaller(retailer, (ctx) => listCalendar(ctx, { range: may, filters: {}, page }))
    expect(own.lanes.map((l) => l.partnershipId)).toEqual([world.partnerships.ar.id])
    expect(names(own.lanes)).not.toContain('Cal customer')
    const foreign = await asCaller(retailer, (ctx) =>
      listCalendar(ctx, { range: may, filters: { partnershipId: world.partnerships.ac.id }, page }),
    )
    expect(foreign.lanes).toEqual([])
    const outsider: Caller = {
      orgId: world.foreign.z.id,
      userId: world.foreign.zOwner.id,
      orgKind: 'manufacturer',
      role: 'owner',
    }
    expect(
      (await asCaller(outsider, (ctx) => listCalendar(ctx, { range: may, filters: {}, page }))).lanes,
    ).toEqual([])
  })

  test('a member_own sees, and is told of overlaps with, only the promotions they started', async () => {
    const { lanes } = await asCaller(memberOwn, (ctx) => listCalendar(ctx, { range: may, filters: {}, page }))
    expect(overlapsOf(lanes)).toEqual({ mine: [] })
  })

  test('lanes paginate whole: a page of one lane holds every promotion of that partner', async () => {
    const second = await asCaller(manager, (ctx) =>
      listCalendar(ctx, { range: may, filters: {}, page: { page: 2, pageSize: 1, offset: 1 } }),
    )
    expect(second.totalLanes).toBe(2)
    expect(second.lanes).toHaveLength(1)
    expect(second.lanes[0].items).toHaveLength(7)
  })
})

describe('the page', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h?.close()
  })

  test('renders lanes with a link per promotion, the overlap badge, navigation and the legend', async () => {
    const cookie = await signInAs(manager.userId, manager.orgId)
    const res = await h.request('/promotions/calendar?view=month&start=2028-05', { cookie })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`href="/promotions/${ids.overlapA}"`)
    expect(html).toContain('overlaps with Cal edgeStart, Cal overlapB')
    expect(html).toContain('start=2028-04')
    expect(html).toContain('start=2028-06')
    expect(html).not.toContain(`/promotions/${ids.june}"`)
    expect(html).not.toContain(world.foreign.markers[0])
    const quarter = await (
      await h.request('/promotions/calendar?view=quarter&start=2028-05', { cookie })
    ).text()
    expect(quarter).toContain(`href="/promotions/${ids.june}"`)
    expect(quarter).toContain(`href="/promotions/${ids.april}"`)
    const empty = await (await h.request('/promotions/calendar?start=2031-01', { cookie })).text()
    expect(empty).toContain('No promotions in this period.')
  })

  test('the retailer’s page shows none of the customer’s promotions', async () => {
    const cookie = await signInAs(retailer.userId, retailer.orgId)
    const html = await (await h.request('/promotions/calendar?start=2028-05', { cookie })).text()
    expect(html).toContain(`/promotions/${ids.overlapA}"`)
    expect(html).not.toContain(`/promotions/${ids.customer}"`)
  })
})
