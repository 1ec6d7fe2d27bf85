import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { funds } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { foreignRecordFor } from './records.ts'
import { createWorld, type Identity, type World } from './world.ts'

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

// Funds pages over HTTP against the built server: a manufacturer creates a fund and allocates it; the partner sees
// its own allocation's balances and nothing of another partner's; a foreign fund is not found.

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
let fundId: string

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['manager', 'member', 'partner-retailer', 'customer-portal'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
})

afterAll(async () => {
  await h?.close()
})

describe('funds', () => {
  test('a manager creates a fund; its budget is a ledger entry; bad input stays on the form', async () => {
    const bad = await h.request('/funds?index', {
      cookie: cookies.manager,
      form: {
        name: 'Co-op Q1',
        program: 'coop',
        currency: 'USD',
        startsOn: '2027-03-31',
        endsOn: '2027-01-01',
        budget: '50000',
      },
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('The end must not be before the start.')
    const created = await h.request('/funds?index', {
      cookie: cookies.manager,
      form: {
        name: `Co-op Q1 ${world.marker}`,
        program: 'coop',
        currency: 'USD',
        startsOn: '2027-01-01',
        endsOn: '2027-03-31',
        budget: '50000.00',
      },
    })
    expect(created.status).toBe(302)
    fundId = (locationOf(created) as string).split('/').pop() as string
    const page = await (await h.request(`/funds/${fundId}`, { cookie: cookies.manager })).text()
    expect(page).toContain('$50,000.00')
    expect(page).toContain('Initial budget')
    const [row] = await asSystem((tx) => tx.select().from(funds).where(eq(funds.id, fundId)))
    expect(row.orgId).toBe(world.a.org.id)
    // A member reads funds but cannot create them.
    expect((await h.request('/funds?index', { cookie: cookies.member, form: { name: 'x' } })).status).toBe(
      403,
    )
  })

  test('allocating to two partners: each partner sees only its own allocation', async () => {
    const toR = await h.request(`/funds/${fundId}`, {
      cookie: cookies.manager,
      form: { partnershipId: world.partnerships.ar.id, amount: '12500.00', reason: 'Spring end-caps' },
    })
    expect(toR.status).toBe(200)
    await h.request(`/funds/${fundId}`, {
      cookie: cookies.manager,
      form: { partnershipId: world.partnerships.ac.id, amount: '7000.00', reason: 'Hotel program' },
    })
    const over = await h.request(`/funds/${fundId}`, {
      cookie: cookies.manager,
      form: { partnershipId: world.partnerships.ar.id, amount: '40000.00' },
    })
    expect(over.status).toBe(409)
    expect(await over.text()).toContain('more than the fund has unallocated')

    const host = await (await h.request(`/funds/${fundId}`, { cookie: cookies.manager })).text()
    expect(host).toContain('$30,500.00') // unallocated
    const partner = await (
      await h.request(`/funds/${fundId}`, { cookie: cookies['partner-retailer'] })
    ).text()
    expect(partner).toContain('$12,500.00')
    expect(partner).not.toContain('$7,000.00')
    expect(partner).not.toContain('Hotel program')
    expect(partner).not.toContain('$50,000.00')
    const list = await (await h.request('/funds', { cookie: cookies['partner-retailer'] })).text()
    expect(list).toContain(`Co-op Q1 ${world.marker}`)
  })

  test('another org’s fund is not found, and a partner cannot allocate', async () => {
    const foreign = await foreignRecordFor(world, 'fundId')
    expect((await h.request(`/funds/${foreign}`, { cookie: cookies.manager })).status).toBe(404)
    // The retailer's owner manages funds of its own, but this fund is not theirs to move.
    const partnerTry = await h.request(`/funds/${fundId}`, {
      cookie: cookies['partner-retailer'],
      form: { partnershipId: world.partnerships.ar.id, amount: '1.00' },
    })
    expect(partnerTry.status).toBe(404)
  })
})

describe('allocation by rule', () => {
  test('an equal split and a sales split are previewed, then applied all at once', async () => {
    const created = await h.request('/funds?index', {
      cookie: cookies.manager,
      form: {
        name: `MDF next month ${world.marker}`,
        program: 'mdf',
        currency: 'USD',
        // Its "last period" (the 31 days before it) holds the world's invoices, which are issued today.
        startsOn: daysFromToday(1),
        endsOn: daysFromToday(31),
        budget: '1000.00',
      },
    })
    const id = (locationOf(created) as string).split('/').pop() as string
    const equal = await (
      await h.request(`/funds/${id}?rule=equal&ruleAmount=100.00`, { cookie: cookies.manager })
    ).text()
    expect(equal).toContain('Apply this allocation')
    expect(equal.match(/\$50\.00/g)?.length).toBeGreaterThanOrEqual(2)
    // The preview moved nothing.
    expect(await (await h.request(`/funds/${id}`, { cookie: cookies.manager })).text()).toContain(
      'Nothing allocated yet.',
    )

    // Only the customer partnership invoiced in the period before the fund's: it gets the whole amount.
    const sales = await (
      await h.request(`/funds/${id}?rule=sales&ruleAmount=200.00`, { cookie: cookies.manager })
    ).text()
    const planned = (html: string) => [...html.matchAll(/<td class="py-1">([^<]+)<\/td>/g)].map((m) => m[1])
    expect(planned(sales)).toContain(world.c.org.name)
    expect(planned(sales)).not.toContain(world.r.org.name)
    expect(planned(equal)).toEqual(expect.arrayContaining([world.c.org.name, world.r.org.name]))

    const applied = await h.request(`/funds/${id}`, {
      cookie: cookies.manager,
      form: { intent: 'apply-rule', rule: 'equal', amount: '100.00' },
    })
    expect(locationOf(applied)).toBe(`/funds/${id}?applied=2`)
    const after = await (await h.request(`/funds/${id}`, { cookie: cookies.manager })).text()
    expect(after).toContain('Equal split')
    expect(after).toContain('$900.00')

    const tooMuch = await (
      await h.request(`/funds/${id}?rule=equal&ruleAmount=5000.00`, { cookie: cookies.manager })
    ).text()
    expect(tooMuch).toContain('That is more than the fund has unallocated.')
    expect(tooMuch).not.toContain('Apply this allocation')
  })
})
