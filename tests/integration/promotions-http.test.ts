import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fundPartnership } from './funded-partnership.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { promotionPlan } from './promotion-plan.ts'
import { createWorld, type Identity, type World } from './world.ts'

// Promotion pages over HTTP against the built server: a retailer drafts, the manufacturer edits, the retailer's
// stale save is refused with the other's values and keeps what was typed, then funding is requested and approved.

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
const plan = { ...promotionPlan('Spring end-caps'), description: '12 stores' }

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['manager', 'viewer', 'partner-retailer', 'customer-portal'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  await fundPartnership(world, { name: `Promo ${world.marker}` })
})

afterAll(async () => {
  await h?.close()
})

describe('promotion pages', () => {
  test('draft, concurrent edit refused with the other’s values, submit, approve', async () => {
    const created = await h.request('/promotions/new', {
      cookie: cookies['partner-retailer'],
      form: { ...plan, intent: 'save', partnershipId: world.partnerships.ar.id },
    })
    expect(created.status).toBe(302)
    const url = locationOf(created) as string

    // The manufacturer saves version 1 first…
    const hostSave = await h.request(url, {
      cookie: cookies.manager,
      form: {
        ...plan,
        intent: 'save',
        version: '1',
        name: 'Spring end-caps and flyers',
        plannedSpend: '3500.00',
      },
    })
    expect(hostSave.status).toBe(302)
    // …so the retailer's save of version 1 is refused, shows the other values and keeps what the retailer typed.
    const stale = await h.request(url, {
      cookie: cookies['partner-retailer'],
      form: { ...plan, intent: 'save', version: '1', name: 'My own name' },
    })
    expect(stale.status).toBe(409)
    const page = await stale.text()
    expect(page).toContain('Spring end-caps and flyers')
    expect(page).toContain('My own name')

    const page2 = await (await h.request(url, { cookie: cookies['partner-retailer'] })).text()
    const allocationId = /name="allocationId"[^>]*>\s*<option value="([0-9a-f-]{36})"/.exec(page2)?.[1]
    expect(allocationId).toBeTruthy()
    const submitted = await h.request(url, {
      cookie: cookies['partner-retailer'],
      form: { intent: 'submit', allocationId: allocationId as string, amount: '2000.00' },
    })
    expect(locationOf(submitted)).toBe(`${url}?done=submitted`)
    // Viewers and the partner cannot decide.
    expect(
      (
        await h.request(url, {
          cookie: cookies['partner-retailer'],
          form: { intent: 'approve', amount: '2000.00' },
        })
      ).status,
    ).toBe(403)
    const approved = await h.request(url, {
      cookie: cookies.manager,
      form: { intent: 'approve', amount: '1500.00' },
    })
    expect(locationOf(approved)).toBe(`${url}?done=approved`)
    const after = await (await h.request(url, { cookie: cookies['partner-retailer'] })).text()
    expect(after).toMatch(/Approved/)
    expect(after).toContain('1,500.00')
    // A customer of the same manufacturer sees nothing of it.
    expect((await h.request(url, { cookie: cookies['customer-portal'] })).status).toBe(404)
  })
})
