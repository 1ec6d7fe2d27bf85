import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { forecastExceptions, forecastProducts, forecasts, products } from '#db/schema/index.ts'
import { createInvoiceRecord } from '#db/seed/billing-factory.ts'
import { createCellRecords, createVersionRecord } from '#db/seed/forecast-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { createWorld, type World } from './world.ts'

// Co-forecast setup over HTTP against the built server: either side creates a plan on its partnership (the host
// line stays the manufacturer's), refused forms keep what was typed, a stale settings save is refused with the
// saved values, rules changes re-check every cell, rows are added from the catalogue or by SKU and removed only
// while nobody else's figures are on them; viewers change nothing and other organizations see nothing.

let h: Harness
let world: World
const cookies = {} as Record<'manager' | 'viewer' | 'retailer' | 'portal' | 'foreign', string>
const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
const sku = {
  a: `FS-A-${tag}`,
  b: `FS-B-${tag}`,
  c: `FS-C-${tag}`,
  off: `FS-X-${tag}`,
  bought: `FS-R-${tag}`,
}
const catalogue = {} as Record<'a' | 'b' | 'c' | 'off', string>

const readable = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

async function post(path: string, cookie: string, form: Record<string, string>) {
  const res = await h.request(path, { cookie, form })
  return { status: res.status, location: locationOf(res), body: readable(await res.text()) }
}

async function get(path: string, cookie: string) {
  const res = await h.request(path, { cookie })
  return { status: res.status, body: readable(await res.text()) }
}

const plan = (name: string) => ({
  name,
  partnershipId: world.partnerships.ar.id,
  startWeek: '2027-01-06',
  horizonWeeks: '8',
  unit: 'cases',
  gapPercent: '20',
  gapUnits: '50',
  shiftPercent: '30',
})

async function create(cookie: string, name: string) {
  const res = await post('/forecasts/new', cookie, plan(name))
  expect(res.status, res.body.slice(0, 300)).toBe(302)
  const id = /^\/forecasts\/([0-9a-f-]{36})\/setup\?created=1$/.exec(res.location ?? '')?.[1]
  expect(id).toBeTruthy()
  return id as string
}

const forecastRow = async (id: string) =>
  (await asSystem((tx) => tx.select().from(forecasts).where(eq(forecasts.id, id))))[0]

const rowsOf = (id: string) =>
  asSystem((tx) =>
    tx
      .select({ id: forecastProducts.id, sku: forecastProducts.sku, name: forecastProducts.name })
      .from(forecastProducts)
      .where(eq(forecastProducts.forecastId, id))
      .orderBy(asc(forecastProducts.position)),
  )

const setupSave = (id: string, cookie: string, values: Record<string, string>) =>
  post(`/forecasts/${id}/setup`, cookie, {
    intent: 'save',
    name: 'Plan',
    horizonWeeks: '8',
    unit: 'cases',
    gapPercent: '20',
    gapUnits: '50',
    shiftPercent: '30',
    ...values,
  })

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  cookies.manager = await signInAs(world.a.members.manager.id, world.a.org.id)
  cookies.viewer = await signInAs(world.a.members.viewer.id, world.a.org.id)
  cookies.retailer = await signInAs(world.r.owner.id, world.r.org.id)
  cookies.portal = await signInAs(world.c.portal.id, world.c.org.id)
  cookies.foreign = await signInAs(world.foreign.zOwner.id, world.foreign.z.id)
  await asSystem(async (tx) => {
    for (const key of ['a', 'b', 'c', 'off'] as const) {
      const [p] = await tx
        .insert(products)
        .values({
          orgId: world.a.org.id,
          sku: sku[key],
          name: `Catalogue ${key} ${tag}`,
          unitPrice: 1000,
          currency: 'USD',
          active: key !== 'off',
        })
        .returning()
      catalogue[key] = p.id
    }
    // What the retailer bought on the partnership: its SKU can be added without typing a name.
    await createInvoiceRecord(tx, {
      partnershipId: world.partnerships.ar.id,
      hostOrgId: world.a.org.id,
      ownerId: world.a.members.manager.id,
      lines: [{ sku: sku.bought, description: `Bought kettle ${tag}`, quantity: '10', unitPrice: 900 }],
      issued: { number: `FS-${tag}`, issueDate: '2026-11-02', dueDate: '2026-12-02' },
    })
  })
})

afterAll(async () => {
  await h?.close()
})

describe('creating a plan', () => {
  test('the manufacturer creates one: any day becomes its Monday, rules are stored in basis points', async () => {
    const id = await create(cookies.manager, `Host plan ${tag}`)
    const row = await forecastRow(id)
    expect(row).toMatchObject({
      startWeek: '2027-01-04',
      horizonWeeks: 8,
      unit: 'cases',
      gapBp: 2000,
      gapUnits: 50,
      shiftBp: 3000,
      hostOrgId: world.a.org.id,
      createdByOrgId: world.a.org.id,
      version: 1,
    })
    const page = await get(`/forecasts/${id}/setup`, cookies.manager)
    expect(page.status).toBe(200)
    expect(page.body).toContain(`Set up by ${world.a.members.manager.name}`)
  })

  test('the retailer creates one on the same partnership: the host line is still the manufacturer’s', async () => {
    const id = await create(cookies.retailer, `Retailer plan ${tag}`)
    expect(await forecastRow(id)).toMatchObject({
      hostOrgId: world.a.org.id,
      createdByOrgId: world.r.org.id,
    })
    // The manufacturer sees it and may set it up.
    expect((await get(`/forecasts/${id}/setup`, cookies.manager)).status).toBe(200)
  })

  test('a refused form says why and keeps what was typed', async () => {
    const res = await post('/forecasts/new', cookies.manager, {
      ...plan(''),
      horizonWeeks: '200',
      gapPercent: '150',
      gapUnits: '12',
      startWeek: '2027-02-30',
    })
    expect(res.status).toBe(400)
    expect(res.body).toContain('Enter a name for the plan.')
    expect(res.body).toContain('The horizon is a whole number of weeks from 1 to 104.')
    expect(res.body).toContain('Enter the difference as a percentage from 0 to 100')
    expect(res.body).toContain('Enter the first week as a date, YYYY-MM-DD.')
    expect(res.body).toMatch(/name="horizonWeeks"[^>]*value="200"/)
    expect(res.body).toMatch(/name="gapPercent"[^>]*value="150"/)
    expect(res.body).toMatch(/name="startWeek"[^>]*value="2027-02-30"/)
  })

  test('a partnership of other organizations is refused and the form kept', async () => {
    const res = await post('/forecasts/new', cookies.manager, {
      ...plan(`Stray ${tag}`),
      partnershipId: world.foreign.partnership.id,
    })
    expect(res.status).toBe(404)
    expect(res.body).toContain('That partnership does not exist or is not one of yours.')
    expect(res.body).toContain(`Stray ${tag}`)
  })

  test('a viewer cannot create a plan', async () => {
    expect((await get('/forecasts/new', cookies.viewer)).status).toBe(403)
    expect((await post('/forecasts/new', cookies.viewer, plan(`Viewer ${tag}`))).status).toBe(403)
  })
})

describe('settings', () => {
  test('a stale save is refused with the saved values; saving again replaces them', async () => {
    const id = await create(cookies.manager, `Stale ${tag}`)
    const first = await setupSave(id, cookies.manager, { version: '1', name: `Saved by Acme ${tag}` })
    expect(first.location).toBe(`/forecasts/${id}/setup?done=save`)
    const stale = await setupSave(id, cookies.retailer, { version: '1', name: `Typed by retailer ${tag}` })
    expect(stale.status).toBe(409)
    expect(stale.body).toContain('Someone else saved these settings while you were editing.')
    expect(stale.body).toContain(`Saved by Acme ${tag}`)
    expect(stale.body).toMatch(new RegExp(`name="name"[^>]*value="Typed by retailer ${tag}"`))
    // The form now holds the saved version: a second save is a decision to replace.
    expect(stale.body).toMatch(/name="version"[^>]*value="2"/)
    expect((await forecastRow(id)).name).toBe(`Saved by Acme ${tag}`)
    const again = await setupSave(id, cookies.retailer, { version: '2', name: `Typed by retailer ${tag}` })
    expect(again.status).toBe(302)
    expect(await forecastRow(id)).toMatchObject({ name: `Typed by retailer ${tag}`, version: 3 })
  })

  test('changed rules re-check every cell; a shorter horizon may not hide figures', async () => {
    const id = await create(cookies.manager, `Rules ${tag}`)
    await post(`/forecasts/${id}/setup`, cookies.manager, { intent: 'add', productId: catalogue.a })
    const [row] = await rowsOf(id)
    const forecast = await forecastRow(id)
    // 100 against 140: 40 units and 29 % apart, within the 50-unit threshold.
    await asSystem((tx) =>
      createCellRecords(tx, forecast, [
        { forecastProductId: row.id, weekStart: '2027-01-25', line: 'host', value: 100 },
        { forecastProductId: row.id, weekStart: '2027-01-25', line: 'partner', value: 140 },
      ]),
    )
    const exceptions = () =>
      asSystem((tx) =>
        tx
          .select({ status: forecastExceptions.status, breaking: forecastExceptions.breaking })
          .from(forecastExceptions)
          .where(and(eq(forecastExceptions.forecastId, id), eq(forecastExceptions.rule, 'side_gap'))),
      )
    expect(await exceptions()).toEqual([])
    expect((await setupSave(id, cookies.manager, { version: '1', gapUnits: '30' })).status).toBe(302)
    expect(await exceptions()).toEqual([{ status: 'open', breaking: true }])
    expect(
      (await setupSave(id, cookies.manager, { version: '2', gapPercent: '', gapUnits: '' })).status,
    ).toBe(302)
    expect(await exceptions()).toEqual([{ status: 'resolved', breaking: false }])
    // Figures in the week of 25 January (the 4th week): the horizon can shrink to 4 weeks, not 3.
    const short = await setupSave(id, cookies.manager, { version: '3', horizonWeeks: '3' })
    expect(short.status).toBe(409)
    expect(short.body).toContain('The plan has figures up to the week of 2027-01-25')
    expect(short.body).toContain('no shorter than 4 weeks')
    expect((await setupSave(id, cookies.manager, { version: '3', horizonWeeks: '4' })).status).toBe(302)
  })

  test('viewers and archived plans change nothing; archived plans leave the active list', async () => {
    const id = await create(cookies.manager, `Archive ${tag}`)
    expect((await setupSave(id, cookies.viewer, { version: '1', name: 'Viewer' })).status).toBe(403)
    const viewerPage = await get(`/forecasts/${id}/setup`, cookies.viewer)
    expect(viewerPage.status).toBe(200)
    expect(viewerPage.body).not.toContain('Save settings')
    expect((await post(`/forecasts/${id}/setup`, cookies.viewer, { intent: 'archive' })).status).toBe(403)
    const archived = await post(`/forecasts/${id}/setup`, cookies.retailer, { intent: 'archive' })
    expect(archived.location).toBe(`/forecasts/${id}/setup?done=archive`)
    expect((await setupSave(id, cookies.manager, { version: '2', name: 'Later' })).status).toBe(409)
    const active = await get(
      `/forecasts?status=active&q=${encodeURIComponent(`Archive ${tag}`)}`,
      cookies.manager,
    )
    expect(active.body).toContain('No plan matches.')
    const list = await get(
      `/forecasts?status=archived&q=${encodeURIComponent(`Archive ${tag}`)}`,
      cookies.manager,
    )
    expect(list.body).toContain(`Archive ${tag}`)
    await post(`/forecasts/${id}/setup`, cookies.manager, { intent: 'unarchive' })
    expect((await setupSave(id, cookies.manager, { version: '3', name: `Back ${tag}` })).status).toBe(302)
  })
})

describe('who sees a plan', () => {
  test('only the two organizations of the partnership; the list searches by plan and partner', async () => {
    const id = await create(cookies.manager, `Visible ${tag}`)
    for (const who of ['portal', 'foreign'] as const) {
      expect((await get(`/forecasts/${id}/setup`, cookies[who])).status, who).toBe(404)
      expect((await setupSave(id, cookies[who], { version: '1' })).status, who).toBe(404)
      expect((await get(`/forecasts?q=${tag}`, cookies[who])).body, who).not.toContain(`Visible ${tag}`)
    }
    expect(
      (await get(`/forecasts?q=${encodeURIComponent(`visible ${tag}`)}`, cookies.retailer)).body,
    ).toContain(`Visible ${tag}`)
    const byPartner = await get(`/forecasts?q=${encodeURIComponent(world.r.org.name)}`, cookies.manager)
    expect(byPartner.body).toContain(`Visible ${tag}`)
    const byHost = await get(`/forecasts?q=${encodeURIComponent(world.a.org.name)}`, cookies.retailer)
    expect(byHost.body).toContain(`Visible ${tag}`)
    expect((await get(`/forecasts?q=nothing-${tag}`, cookies.manager)).body).toContain('No plan matches.')
  })
})

describe('rows', () => {
  test('the host adds from its active catalogue; the partner by SKU, typed or bought', async () => {
    const id = await create(cookies.manager, `Rows ${tag}`)
    const url = `/forecasts/${id}/setup`
    expect((await post(url, cookies.manager, { intent: 'add', productId: catalogue.a })).location).toBe(
      `${url}?done=add`,
    )
    const inactive = await post(url, cookies.manager, { intent: 'add', productId: catalogue.off })
    expect(inactive.status).toBe(422)
    expect(inactive.body).toContain('That product is not an active product of your catalogue.')
    expect((await post(url, cookies.manager, { intent: 'add', productId: catalogue.a })).status).toBe(409)
    // The partner cannot read the catalogue: its rows carry a SKU and a name.
    expect((await post(url, cookies.retailer, { intent: 'add', sku: sku.bought })).status).toBe(302)
    const unknown = await post(url, cookies.retailer, { intent: 'add', sku: `NEW-${tag}` })
    expect(unknown.status).toBe(422)
    expect(unknown.body).toContain("Enter the product's name")
    expect(unknown.body).toMatch(new RegExp(`name="sku"[^>]*value="NEW-${tag}"`))
    expect(
      (await post(url, cookies.retailer, { intent: 'add', sku: `NEW-${tag}`, name: 'Own label kettle' }))
        .status,
    ).toBe(302)
    expect((await post(url, cookies.retailer, { intent: 'addAll' })).status).toBe(403)
    const all = await post(url, cookies.manager, { intent: 'addAll' })
    expect(all.location).toMatch(new RegExp(`^${url}\\?done=addAll&count=\\d+$`))
    const rows = await rowsOf(id)
    expect(rows.map((r) => r.sku).slice(0, 3)).toEqual([sku.a, sku.bought, `NEW-${tag}`])
    expect(rows.find((r) => r.sku === sku.bought)?.name).toBe(`Bought kettle ${tag}`)
    expect(rows.map((r) => r.sku)).toEqual(expect.arrayContaining([sku.b, sku.c]))
    expect(rows.map((r) => r.sku)).not.toContain(sku.off)
    // Reorder: the last row moves to the top.
    const last = rows[rows.length - 1]
    const moved = await post(`${url}?page=1&q=kettle`, cookies.retailer, {
      intent: 'move',
      rowId: last.id,
      to: '0',
    })
    // Back to the same page of rows and search.
    expect(moved.location).toBe(`${url}?done=move&page=1&q=kettle`)
    expect((await rowsOf(id))[0].id).toBe(last.id)
    expect((await post(url, cookies.viewer, { intent: 'move', rowId: last.id, to: '1' })).status).toBe(403)
  })

  test('a row goes only while the figures on it are the caller’s own', async () => {
    const id = await create(cookies.manager, `Remove ${tag}`)
    const url = `/forecasts/${id}/setup`
    for (const p of [catalogue.a, catalogue.b, catalogue.c])
      await post(url, cookies.manager, { intent: 'add', productId: p })
    const [a, b, c] = await rowsOf(id)
    const forecast = await forecastRow(id)
    const week = '2027-01-04'
    await asSystem(async (tx) => {
      await createCellRecords(tx, forecast, [
        { forecastProductId: a.id, weekStart: week, line: 'host', value: 10 },
        { forecastProductId: b.id, weekStart: week, line: 'partner', value: 12 },
        { forecastProductId: c.id, weekStart: week, line: 'host', value: 10 },
      ])
      await createVersionRecord(tx, forecast, {
        number: 1,
        publishedByOrgId: world.a.org.id,
        publishedById: world.a.members.manager.id,
        cells: [{ forecastProductId: c.id, weekStart: week, host: 10, partner: null, consensus: null }],
      })
    })
    const theirs = await post(url, cookies.manager, { intent: 'remove', rowId: b.id })
    expect(theirs.status).toBe(409)
    expect(theirs.body).toContain(`${sku.b} stays: ${world.r.org.name} has figures on it (1).`)
    const published = await post(url, cookies.manager, { intent: 'remove', rowId: c.id })
    expect(published.status).toBe(409)
    expect(published.body).toContain(`${sku.c} stays: it is in published version 1`)
    // The retailer may not remove the manufacturer's figures either.
    expect((await post(url, cookies.retailer, { intent: 'remove', rowId: a.id })).status).toBe(409)
    expect((await post(url, cookies.viewer, { intent: 'remove', rowId: a.id })).status).toBe(403)
    expect((await post(url, cookies.manager, { intent: 'remove', rowId: a.id })).location).toBe(
      `${url}?done=remove`,
    )
    expect((await rowsOf(id)).map((r) => r.sku)).toEqual([sku.b, sku.c])
  })

  test('a plan holds at most 1,000 rows', async () => {
    const id = await create(cookies.manager, `Full ${tag}`)
    await asSystem((tx) =>
      tx.insert(forecastProducts).values(
        Array.from({ length: 1000 }, (_, i) => ({
          forecastId: id,
          partnershipId: world.partnerships.ar.id,
          sku: `FULL-${i}`,
          name: `Row ${i}`,
          position: i,
        })),
      ),
    )
    const res = await post(`/forecasts/${id}/setup`, cookies.retailer, {
      intent: 'add',
      sku: `ONE-MORE-${tag}`,
      name: 'One more',
    })
    expect(res.status).toBe(409)
    expect(res.body).toContain('A plan holds at most 1,000 products.')
    expect((await post(`/forecasts/${id}/setup`, cookies.manager, { intent: 'addAll' })).status).toBe(409)
  })
})
