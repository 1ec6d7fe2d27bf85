import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { findRecordThreadId } from '#app/features/chat/open-channel.server.ts'
import { findPromotion } from '#app/features/promotions/find-promotion.server.ts'
import type { RecordChanged } from '#app/features/promotions/publish-promotion-change.server.ts'
import { createPromotion, updatePromotion } from '#app/features/promotions/save-promotion.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, type Caller } from './service-context.ts'
import { collect, connected, connectSocket, nextEvent } from './socket-client.ts'
import { createWorld, type World } from './world.ts'

// Co-planning a promotion: saves merge field by field against the plan each form was loaded with; a field two
// people changed differently is refused with the other's value and who changed it, never overwritten. The new plan
// fields, the promotion's discussion thread, and the live push to both sides (and nobody else) after a change.

let world: World
let h: Harness
let manager: Caller
let owner: Caller
let retailer: Caller
let n = 0
const open: Socket[] = []

const plan = promotionPlan
const draft = (name = `Coplan ${++n}`) =>
  asCaller(retailer, (ctx) => createPromotion(ctx, world.partnerships.ar.id, plan(name)))

beforeAll(async () => {
  h = await startHarness({ realtime: true })
  world = await createWorld()
  manager = {
    orgId: world.a.org.id,
    userId: world.a.members.manager.id,
    orgKind: 'manufacturer',
    role: 'manager',
  }
  owner = { orgId: world.a.org.id, userId: world.a.members.owner.id, orgKind: 'manufacturer', role: 'owner' }
  retailer = { orgId: world.r.org.id, userId: world.r.owner.id, orgKind: 'retailer', role: 'owner' }
})

afterEach(() => {
  for (const s of open.splice(0)) s.disconnect()
})

afterAll(async () => {
  await h?.close()
})

describe('plan fields', () => {
  test('a draft gets a claim deadline 60 days after its end unless one is given; channels and regions are kept', async () => {
    const p = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, {
        ...plan('Fields'),
        channels: ['online', 'in_store', 'online'],
        regions: 'North region',
      }),
    )
    expect(p).toMatchObject({
      claimDeadline: '2027-05-30',
      channels: ['in_store', 'online'],
      regions: 'North region',
    })
    expect(p.discountBp).toBeNull()
    const later = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, { ...plan('Later'), claimDeadline: '2027-07-01' }),
    )
    expect(later.claimDeadline).toBe('2027-07-01')
  })

  test('a price discount needs its percentage; the partner cannot contribute more than the planned spend', async () => {
    const noDiscount = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, { ...plan('Discount'), mechanics: 'price_discount' }),
    ).catch((e) => e)
    expect(noDiscount.message).toBe('promotions:errors.discount')
    const discounted = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, {
        ...plan('Discount'),
        mechanics: 'price_discount',
        discount: '12.5',
      }),
    )
    expect(discounted.discountBp).toBe(1250)
    const over = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, { ...plan('Over'), partnerContribution: '3000.01' }),
    ).catch((e) => e)
    expect(over.message).toBe('promotions:errors.contributionOverSpend')
  })
})

describe('field-level merge', () => {
  test('two people saving different fields of the same version both succeed, and both changes are kept', async () => {
    const p = await draft()
    const base = plan(p.name)
    await asCaller(manager, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, plannedSpend: '3500.00', channels: ['online'] }, 1, base),
    )
    const second = await asCaller(retailer, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, name: 'Spring end-caps', regions: 'All Berlin stores' }, 1, base),
    )
    expect(second).toMatchObject({
      version: 3,
      name: 'Spring end-caps',
      regions: 'All Berlin stores',
      plannedSpend: 350_000,
      channels: ['online'],
    })
  })

  test('the same field changed by both is refused with the other’s value and who changed it; nothing is saved', async () => {
    const p = await draft()
    const base = plan(p.name)
    await asCaller(manager, (ctx) => updatePromotion(ctx, p.id, { ...base, name: 'Their name' }, 1, base))
    const refused = await asCaller(retailer, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, name: 'My name', expectedLift: '30' }, 1, base),
    ).catch((e) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused.message).toBe('promotions:errors.fieldConflict')
    expect(refused.details.conflicts).toEqual([{ field: 'name', theirs: 'Their name', mine: 'My name' }])
    expect(refused.details.changedBy).toEqual({ kind: 'otherSide', name: world.a.org.name })
    // The merge it would have made keeps their name and my lift, but none of it was written.
    expect(refused.details.merged).toMatchObject({ name: 'Their name', expectedLift: '30' })
    const { promotion: saved } = await asCaller(retailer, (ctx) => findPromotion(ctx, p.id))
    expect(saved).toMatchObject({ version: 2, name: 'Their name', expectedLiftBp: 2500 })
  })

  test('a colleague’s save is named as the colleague’s', async () => {
    const p = await draft()
    const base = plan(p.name)
    await asCaller(owner, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, plannedSpend: '100.00', partnerContribution: '0' }, 1, base),
    )
    const refused = await asCaller(manager, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, plannedSpend: '200.00', partnerContribution: '0' }, 1, base),
    ).catch((e) => e)
    expect(refused.details.changedBy).toEqual({ kind: 'colleague', name: world.a.members.owner.name })
    expect(refused.details.conflicts.map((c: { field: string }) => c.field)).toEqual(['plannedSpend'])
  })

  test('a merge of valid changes that no longer adds up (their start after my end) is refused', async () => {
    const p = await draft()
    const base = plan(p.name)
    await asCaller(manager, (ctx) => updatePromotion(ctx, p.id, { ...base, startsOn: '2027-03-25' }, 1, base))
    const refused = await asCaller(retailer, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, endsOn: '2027-03-20' }, 1, base),
    ).catch((e) => e)
    expect(refused.message).toBe('promotions:errors.mergeInvalid')
  })

  test('saving what is already saved changes nothing (no new version)', async () => {
    const p = await draft()
    const base = plan(p.name)
    const same = await asCaller(manager, (ctx) =>
      updatePromotion(ctx, p.id, { ...base, expectedLift: '25.00' }, 1, base),
    )
    expect(same.version).toBe(1)
  })
})

const form = (
  values: Record<string, string | string[]>,
  base: Record<string, string | string[]>,
  version: number,
) => ({
  ...values,
  intent: 'save',
  version: String(version),
  base: JSON.stringify(base),
})

describe('over HTTP', () => {
  test('different fields both save; the same field is refused, showing theirs beside what was typed', async () => {
    const p = await draft()
    const url = `/promotions/${p.id}`
    const base = { ...plan(p.name), discount: '', channels: [], regions: '', claimDeadline: '' }
    const cookies = {
      manager: await signInAs(manager.userId, manager.orgId),
      retailer: await signInAs(retailer.userId, retailer.orgId),
    }
    const host = await h.request(url, {
      cookie: cookies.manager,
      form: form({ ...base, plannedSpend: '3500.00' }, base, 1),
    })
    expect(host.status).toBe(302)
    const partner = await h.request(url, {
      cookie: cookies.retailer,
      form: form({ ...base, regions: 'Berlin' }, base, 1),
    })
    expect(locationOf(partner)).toBe(`${url}?saved=1`)
    const page = await (await h.request(url, { cookie: cookies.retailer })).text()
    expect(page).toContain('value="Berlin"')
    expect(page).toContain('value="3500.00"')

    const current = { ...base, plannedSpend: '3500.00', regions: 'Berlin' }
    await h.request(url, {
      cookie: cookies.manager,
      form: form({ ...current, name: 'Host’s name' }, current, 3),
    })
    const clash = await h.request(url, {
      cookie: cookies.retailer,
      form: form({ ...current, name: 'Partner’s name' }, current, 3),
    })
    expect(clash.status).toBe(409)
    const html = await clash.text()
    expect(html).toContain(`${world.a.org.name} changed this to “Host’s name”`)
    expect(html).toContain('value="Partner’s name"')
    expect(html).toContain('Use theirs')
    // The form is now based on the saved version, so keeping my value and saving again is a decision, not a clash.
    expect(html).toContain('name="version" value="4"')
  })
})

describe('discussion thread', () => {
  test('either side opens the promotion’s thread beside the plan; another partner cannot', async () => {
    const p = await draft()
    const retailerCookie = await signInAs(retailer.userId, retailer.orgId)
    const opened = await h.request(`/promotions/${p.id}/thread`, { cookie: retailerCookie, form: {} })
    expect(opened.headers.get('location')).toBe(`/promotions/${p.id}#discussion`)
    const threadId = await asCaller(manager, (ctx) => findRecordThreadId(ctx, 'promotion', p.id))
    expect(threadId).toBeTruthy()
    const managerCookie = await signInAs(manager.userId, manager.orgId)
    expect((await h.request(`/chat/${threadId}`, { cookie: managerCookie })).status).toBe(200)
    expect((await h.request(`/chat/${threadId}`, { cookie: retailerCookie })).status).toBe(200)
    // Opening it again finds the same thread.
    await h.request(`/promotions/${p.id}/thread`, { cookie: managerCookie, form: {} })
    expect(await asCaller(manager, (ctx) => findRecordThreadId(ctx, 'promotion', p.id))).toBe(threadId)

    const customer = await signInAs(world.who['customer-portal'].userId, world.who['customer-portal'].orgId)
    expect((await h.request(`/promotions/${p.id}/thread`, { cookie: customer, form: {} })).status).toBe(404)
    expect((await h.request(`/promotions/${p.id}/thread`, { cookie: customer })).status).toBe(404)
    expect((await h.request(`/chat/${threadId}`, { cookie: customer })).status).toBe(404)
  })
})

describe('live changes', () => {
  async function socketAs(userId: string, orgId: string) {
    const socket = connectSocket(h.origin, { cookie: await signInAs(userId, orgId) })
    open.push(socket)
    await connected(socket)
    return socket
  }

  test('a plan save pushes record:changed to both orgs’ sockets and not to a foreign org’s', async () => {
    const p = await draft()
    const partnerSocket = await socketAs(retailer.userId, retailer.orgId)
    const colleagueSocket = await socketAs(owner.userId, owner.orgId)
    const foreignSocket = await socketAs(world.foreign.zOwner.id, world.foreign.z.id)
    const leaked = collect<RecordChanged>(foreignSocket, 'record:changed')
    const mine = (e: RecordChanged) => e.id === p.id
    const toPartner = nextEvent<RecordChanged>(partnerSocket, 'record:changed', 3000, mine)
    const toColleague = nextEvent<RecordChanged>(colleagueSocket, 'record:changed', 3000, mine)
    const base = { ...plan(p.name), discount: '', channels: [], regions: '', claimDeadline: '' }
    const saved = await h.request(`/promotions/${p.id}`, {
      cookie: await signInAs(manager.userId, manager.orgId),
      form: form({ ...base, name: 'Pushed' }, base, 1),
    })
    expect(saved.status).toBe(302)
    expect(await toPartner).toEqual({ type: 'promotion', id: p.id, version: 2 })
    expect(await toColleague).toEqual({ type: 'promotion', id: p.id, version: 2 })
    await new Promise((r) => setTimeout(r, 200))
    expect(leaked).toEqual([])
  })

  test('a refused save pushes nothing; a status change pushes its new version', async () => {
    const p = await draft()
    const partnerSocket = await socketAs(retailer.userId, retailer.orgId)
    const seen = collect<RecordChanged>(partnerSocket, 'record:changed')
    const cookie = await signInAs(manager.userId, manager.orgId)
    // A stale save without a base is refused whole: rolled back, so nobody is told anything changed.
    const stale = await h.request(`/promotions/${p.id}`, {
      cookie,
      form: { ...plan('Nope'), intent: 'save', version: '0' },
    })
    expect(stale.status).toBe(409)
    const cancelled = nextEvent<RecordChanged>(partnerSocket, 'record:changed', 3000, (e) => e.id === p.id)
    await h.request(`/promotions/${p.id}`, { cookie, form: { intent: 'cancel', reason: 'Not this year' } })
    expect(await cancelled).toEqual({ type: 'promotion', id: p.id, version: 2 })
    expect(seen.filter((e) => e.id === p.id)).toEqual([{ type: 'promotion', id: p.id, version: 2 }])
  })
})
