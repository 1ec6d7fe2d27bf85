import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createFund } from '#app/features/funds/create-fund.server.ts'
import { allocate } from '#app/features/funds/ledger.server.ts'
import { addPromotionProduct } from '#app/features/promotions/add-promotion-product.server.ts'
import { findPromotion } from '#app/features/promotions/find-promotion.server.ts'
import { exportActualsCsv, importActuals } from '#app/features/promotions/import-actuals.server.ts'
import { listProductChoices } from '#app/features/promotions/list-product-choices.server.ts'
import { removePromotionProduct } from '#app/features/promotions/remove-promotion-product.server.ts'
import { createPromotion } from '#app/features/promotions/save-promotion.server.ts'
import { saveVolumes } from '#app/features/promotions/save-volumes.server.ts'
import { suggestBaseline } from '#app/features/promotions/suggest-baseline.server.ts'
import { approvePromotion, submitPromotion } from '#app/features/promotions/transitions.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { setRealtimeSink } from '#app/lib/realtime/publish.server.ts'
import { invoices, products, promotionProducts, promotions, promotionVolumes } from '#db/schema/index.ts'
import { createInvoiceRecord } from '#db/seed/billing-factory.ts'
import { createPromotionProductRecord } from '#db/seed/promotion-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { readable } from './html.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, type Caller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// The products and volumes tab against real PostgreSQL and the built server: both sides add products, the weekly
// baseline is saved cell by cell with stale cells refused (the other's figure shown, nothing typed lost), the
// baseline suggestion equals averages worked out by hand, actuals are imported from CSV all or nothing and an
// export imports back with no change; another partnership's people get 404s.

let h: Harness
let world: World
let manager: Caller
let retailer: Caller
let viewer: Caller
let foreign: Caller
const cookies: Record<'manager' | 'viewer' | 'retailer' | 'portal' | 'foreign', string> = {} as never
const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
const sku = {
  listed: `VOL-A-${tag}`,
  other: `VOL-B-${tag}`,
  bought: `RB-${tag}`,
  acted: `RA-${tag}`,
  typed: `RN-${tag}`,
}
let catalogue: Record<'listed' | 'other' | 'inactive', string>
let allocationId: string
let promotionId: string
const pushes: { room: string; event: string; payload: unknown }[] = []
// The promotion runs Wednesday 3 to Tuesday 16 March 2027: weeks of 1, 8 and 15 March. Its baseline history is
// the 13 weeks from Monday 30 November 2026 to Sunday 28 February 2027.
const weeks = ['2027-03-01', '2027-03-08', '2027-03-15']

async function post(path: string, cookie: string, form: Record<string, string>) {
  const res = await h.request(path, { cookie, form })
  return { status: res.status, body: readable(await res.text()) }
}

async function upload(cookie: string, content: BlobPart, type = 'text/csv', name = 'actuals.csv') {
  const body = new FormData()
  body.append('file', new File([content], name, { type }))
  const res = await fetch(new URL(`/promotions/${promotionId}/volumes/import`, h.origin), {
    method: 'POST',
    headers: { cookie, origin: h.origin },
    body,
    redirect: 'manual',
  })
  return { status: res.status, headers: res.headers, body: readable(await res.text()) }
}

const productIdOf = async (s: string) => {
  const [row] = await asSystem((tx) =>
    tx
      .select()
      .from(promotionProducts)
      .where(and(eq(promotionProducts.promotionId, promotionId), eq(promotionProducts.sku, s))),
  )
  return row.id
}

/** Every cell of the promotion as `sku week: baseline/actual @version`, sorted. */
async function cellsOf(id = promotionId) {
  const rows = await asSystem((tx) =>
    tx
      .select({
        sku: promotionProducts.sku,
        week: promotionVolumes.weekStart,
        b: promotionVolumes.baselineUnits,
        a: promotionVolumes.actualUnits,
        v: promotionVolumes.version,
      })
      .from(promotionVolumes)
      .innerJoin(promotionProducts, eq(promotionProducts.id, promotionVolumes.promotionProductId))
      .where(eq(promotionVolumes.promotionId, id))
      .orderBy(asc(promotionProducts.sku), asc(promotionVolumes.weekStart)),
  )
  return rows.map((r) => `${r.sku} ${r.week}: ${r.b}/${r.a ?? '-'} @${r.v}`)
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e
      return `${e.code} ${e.message}`
    },
  )

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  const member = (role: 'manager' | 'viewer') => ({
    orgId: world.a.org.id,
    userId: world.a.members[role].id,
    orgKind: 'manufacturer' as const,
    role,
  })
  manager = member('manager')
  viewer = member('viewer')
  retailer = { orgId: world.r.org.id, userId: world.r.owner.id, orgKind: 'retailer', role: 'owner' }
  foreign = {
    orgId: world.foreign.z.id,
    userId: world.foreign.zOwner.id,
    orgKind: 'manufacturer',
    role: 'owner',
  }
  cookies.manager = await signInAs(manager.userId, manager.orgId)
  cookies.viewer = await signInAs(viewer.userId, viewer.orgId)
  cookies.retailer = await signInAs(retailer.userId, retailer.orgId)
  cookies.portal = await signInAs(world.c.portal.id, world.c.org.id)
  cookies.foreign = await signInAs(foreign.userId, foreign.orgId)
  const currency = world.a.org.defaultCurrency
  const partnershipId = world.partnerships.ar.id
  catalogue = await asSystem(async (tx) => {
    const add = async (s: string, unitPrice: number, active = true) =>
      (
        await tx
          .insert(products)
          .values({ orgId: world.a.org.id, sku: s, name: `Product ${s}`, unitPrice, currency, active })
          .returning()
      )[0].id
    return {
      listed: await add(sku.listed, 2000),
      other: await add(sku.other, 1000),
      inactive: await add(`VOL-X-${tag}`, 500, false),
    }
  })
  // What Brightside bought: invoices on the partnership, in and around the 13 weeks before the promotion.
  await asSystem(async (tx) => {
    let n = 0
    const invoice = async (
      issueDate: string | null,
      lines: { sku: string; quantity: string; unitPrice: number }[],
      on = partnershipId,
    ) => {
      const row = await createInvoiceRecord(tx, {
        partnershipId: on,
        hostOrgId: world.a.org.id,
        ownerId: world.a.members.manager.id,
        currency,
        lines: lines.map((l) => ({ ...l, description: `Bought ${l.sku}` })),
        issued: issueDate ? { number: `VOL-${tag}-${++n}`, issueDate, dueDate: issueDate } : undefined,
      })
      return row.id
    }
    // Counted: 60 + 50 + 26.5 = 136.5 units over 13 weeks = 10.5 a week, which rounds half up to 11.
    await invoice('2026-11-30', [{ sku: sku.bought, quantity: '60', unitPrice: 1500 }])
    await invoice('2027-01-18', [{ sku: sku.bought, quantity: '50', unitPrice: 1600 }])
    await invoice('2027-02-28', [{ sku: sku.bought, quantity: '26.5', unitPrice: 1600 }])
    // Not counted: the day before the window, the promotion's own first week, a draft, a void one, another partnership.
    await invoice('2026-11-29', [{ sku: sku.bought, quantity: '1000', unitPrice: 1600 }])
    await invoice('2027-03-01', [{ sku: sku.bought, quantity: '1000', unitPrice: 1700 }])
    await invoice(null, [{ sku: sku.bought, quantity: '1000', unitPrice: 9900 }])
    const voided = await invoice('2027-01-04', [{ sku: sku.bought, quantity: '1000', unitPrice: 9900 }])
    await tx
      .update(invoices)
      .set({ status: 'void', voidedAt: new Date(), voidReason: 'test' })
      .where(eq(invoices.id, voided))
    await invoice(
      '2027-01-04',
      [{ sku: sku.bought, quantity: '1000', unitPrice: 1600 }],
      world.partnerships.ac.id,
    )
    // RA was invoiced too, but sell-through recorded on an earlier promotion wins.
    await invoice('2027-01-25', [{ sku: sku.acted, quantity: '1300', unitPrice: 800 }])
    const [earlier] = await tx
      .insert(promotions)
      .values({
        partnershipId,
        hostOrgId: world.a.org.id,
        createdByOrgId: world.r.org.id,
        name: `Winter ${tag}`,
        mechanics: 'display',
        startsOn: '2027-01-11',
        endsOn: '2027-01-24',
        currency,
        status: 'completed',
      })
      .returning()
    // 30 and 41 in the window (35.5 a week → 36); the week of 23 November is before it.
    await createPromotionProductRecord(tx, {
      promotion: earlier,
      sku: sku.acted,
      name: 'Kettle',
      unitPrice: 800,
      weeks: [
        { weekStart: '2026-11-23', baseline: 20, actual: 500 },
        { weekStart: '2027-01-11', baseline: 20, actual: 30 },
        { weekStart: '2027-01-18', baseline: 20, actual: 41 },
        { weekStart: '2027-01-25', baseline: 20, actual: null },
      ],
    })
  })
  const fund = await asCaller(manager, (ctx) =>
    createFund(ctx, {
      name: `Volumes ${tag}`,
      program: 'coop',
      currency,
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
      budget: '10000.00',
    }),
  )
  const { allocation } = await asCaller(manager, (ctx) =>
    allocate(ctx, { fundId: fund.id, partnershipId, amount: 5_000_00, reason: 'Q1' }),
  )
  allocationId = allocation.id
  const promotion = await asCaller(retailer, (ctx) =>
    createPromotion(ctx, partnershipId, {
      ...promotionPlan(`Spring volumes ${tag}`),
      mechanics: 'price_discount',
      discount: '10',
      startsOn: '2027-03-03',
      endsOn: '2027-03-16',
    }),
  )
  promotionId = promotion.id
  setRealtimeSink({
    emit: (room, event, payload) => pushes.push({ room, event, payload }),
    disconnectSession: () => {},
  })
})

afterAll(async () => {
  setRealtimeSink(undefined)
  await h?.close()
})

describe('products on the promotion', () => {
  test('the manufacturer picks active catalogue products, priced at the list price less the 10 % discount or as typed', async () => {
    const found = await asCaller(manager, (ctx) => findPromotion(ctx, promotionId))
    const choices = await asCaller(manager, (ctx) => listProductChoices(ctx, found, `-${tag}`))
    expect(choices.map((c) => [c.sku, c.price, c.defaultPrice])).toEqual([
      [sku.listed, 2000, 1800],
      [sku.other, 1000, 900],
    ])
    const listed = await asCaller(manager, (ctx) =>
      addPromotionProduct(ctx, promotionId, { productId: catalogue.listed }),
    )
    expect(listed).toMatchObject({
      sku: sku.listed,
      unitPrice: 1800,
      productId: catalogue.listed,
      position: 0,
    })
    const other = await asCaller(manager, (ctx) =>
      addPromotionProduct(ctx, promotionId, { productId: catalogue.other, unitPrice: '9.50' }),
    )
    expect(other).toMatchObject({ unitPrice: 950, position: 1 })
    expect(
      await refusal(
        asCaller(manager, (ctx) => addPromotionProduct(ctx, promotionId, { productId: catalogue.inactive })),
      ),
    ).toBe('invalid volumes:errors.productNotFound')
    expect(
      await refusal(
        asCaller(manager, (ctx) => addPromotionProduct(ctx, promotionId, { productId: catalogue.listed })),
      ),
    ).toBe('conflict volumes:errors.duplicateSku')
  })

  test('the partner picks SKUs it bought (last price paid, less the discount) or types one; it never sees the catalogue', async () => {
    const found = await asCaller(retailer, (ctx) => findPromotion(ctx, promotionId))
    const choices = await asCaller(retailer, (ctx) => listProductChoices(ctx, found, tag))
    // The last issued invoice of RB is 1700 (the void one and the draft do not count); VOL-A/B are the host's.
    expect(choices.map((c) => [c.sku, c.price, c.defaultPrice, c.productId])).toEqual([
      [sku.acted, 800, 720, null],
      [sku.bought, 1700, 1530, null],
    ])
    const bought = await asCaller(retailer, (ctx) =>
      addPromotionProduct(ctx, promotionId, { sku: sku.bought }),
    )
    expect(bought).toMatchObject({
      sku: sku.bought,
      name: `Bought ${sku.bought}`,
      unitPrice: 1530,
      productId: null,
    })
    await asCaller(retailer, (ctx) =>
      addPromotionProduct(ctx, promotionId, { sku: sku.acted, name: 'Kettle 1.7 l' }),
    )
    expect(
      await refusal(
        asCaller(retailer, (ctx) =>
          addPromotionProduct(ctx, promotionId, { sku: sku.typed, name: 'Toaster' }),
        ),
      ),
    ).toBe('invalid volumes:errors.priceRequired')
    const typed = await asCaller(retailer, (ctx) =>
      addPromotionProduct(ctx, promotionId, { sku: sku.typed, name: 'Toaster', unitPrice: '5' }),
    )
    expect(typed).toMatchObject({ unitPrice: 500, position: 4 })
    // A catalogue id means nothing to the partner: it must name the SKU.
    expect(
      await refusal(
        asCaller(retailer, (ctx) => addPromotionProduct(ctx, promotionId, { productId: catalogue.other })),
      ),
    ).toBe('invalid volumes:errors.skuRequired')
  })

  test('viewers read but cannot add or remove; another partnership cannot even find the promotion', async () => {
    expect(
      await refusal(
        asCaller(viewer, (ctx) => addPromotionProduct(ctx, promotionId, { productId: catalogue.other })),
      ),
    ).toBe('forbidden volumes:errors.readOnly')
    const id = await productIdOf(sku.other)
    expect(await refusal(asCaller(viewer, (ctx) => removePromotionProduct(ctx, promotionId, id)))).toBe(
      'forbidden volumes:errors.readOnly',
    )
    expect(await refusal(asCaller(foreign, (ctx) => removePromotionProduct(ctx, promotionId, id)))).toBe(
      'not_found promotions:errors.notFound',
    )
    const page = await h.request(`/promotions/${promotionId}/volumes`, { cookie: cookies.viewer })
    expect(page.status).toBe(200)
    const html = readable(await page.text())
    expect(html).toContain(sku.typed)
    expect(html).not.toContain('name="intent" value="save"')
  })
})

describe('the baseline grid', () => {
  const cell = (id: string, week: string, value: string, base: string) => ({
    [`u.${id}.${week}`]: value,
    [`b.${id}.${week}`]: base,
  })

  test('a stale cell is refused with the saved figure beside what was typed; the other cells of the save are saved', async () => {
    const rb = await productIdOf(sku.bought)
    const url = `/promotions/${promotionId}/volumes`
    const first = await post(url, cookies.retailer, {
      intent: 'save',
      line: 'baseline',
      ...cell(rb, weeks[0], '10', '0:'),
      ...cell(rb, weeks[1], '12', '0:'),
    })
    expect(first.status).toBe(200)
    expect(first.body).toContain('2 cells saved.')
    // Both orgs of the partnership are told, after the commit, so their open pages reload.
    const rooms = pushes
      .filter((p) => p.event === 'record:changed' && (p.payload as { id: string }).id === promotionId)
      .map((p) => p.room)
    expect(rooms).toEqual(expect.arrayContaining([`org:${world.a.org.id}`, `org:${world.r.org.id}`]))

    const theirs = await post(url, cookies.manager, {
      intent: 'save',
      line: 'baseline',
      ...cell(rb, weeks[0], '40', '1:10'),
    })
    expect(theirs.status).toBe(200)
    // The retailer typed over version 1 of both cells: week 1 has moved on, week 2 has not.
    const stale = await post(url, cookies.retailer, {
      intent: 'save',
      line: 'baseline',
      ...cell(rb, weeks[0], '55', '1:10'),
      ...cell(rb, weeks[1], '14', '1:12'),
    })
    expect(stale.status).toBe(409)
    expect(stale.body).toContain('1 cell was changed by someone else since you started and was not saved')
    expect(stale.body).toContain(`Saved meanwhile by ${world.a.members.manager.name}: 40.`)
    expect(stale.body).toMatch(new RegExp(`name="u\\.${rb}\\.${weeks[0]}"[^>]*value="55"`))
    expect(await cellsOf()).toEqual([
      `${sku.bought} ${weeks[0]}: 40/- @2`,
      `${sku.bought} ${weeks[1]}: 14/- @2`,
    ])

    // Typing what is saved already is no conflict, and rewrites nothing.
    const same = await asCaller(retailer, (ctx) =>
      saveVolumes(ctx, promotionId, {
        line: 'baseline',
        cells: [{ promotionProductId: rb, weekStart: weeks[0], value: 40, baseVersion: 1 }],
      }),
    )
    expect(same).toEqual({ saved: 0, unchanged: 1, conflicts: [] })
    const conflict = await asCaller(retailer, (ctx) =>
      saveVolumes(ctx, promotionId, {
        line: 'baseline',
        cells: [{ promotionProductId: rb, weekStart: weeks[0], value: 55, baseVersion: 1 }],
      }),
    )
    expect(conflict.conflicts).toEqual([
      {
        promotionProductId: rb,
        weekStart: weeks[0],
        mine: 55,
        theirs: 40,
        version: 2,
        by: world.a.members.manager.name,
      },
    ])
    expect(await cellsOf()).toEqual([
      `${sku.bought} ${weeks[0]}: 40/- @2`,
      `${sku.bought} ${weeks[1]}: 14/- @2`,
    ])
  })

  test('a cell that is not a whole number saves nothing; viewers and other partnerships are refused', async () => {
    const rb = await productIdOf(sku.bought)
    const url = `/promotions/${promotionId}/volumes`
    const before = await cellsOf()
    const bad = await post(url, cookies.retailer, {
      intent: 'save',
      line: 'baseline',
      ...cell(rb, weeks[1], '15', '2:14'),
      ...cell(rb, weeks[2], '1.5', '0:'),
    })
    expect(bad.status).toBe(422)
    expect(bad.body).toContain('must be a whole number ≥ 0')
    expect(
      (
        await post(url, cookies.viewer, {
          intent: 'save',
          line: 'baseline',
          ...cell(rb, weeks[2], '5', '0:'),
        })
      ).status,
    ).toBe(403)
    for (const cookie of [cookies.foreign, cookies.portal]) {
      expect(
        (await post(url, cookie, { intent: 'save', line: 'baseline', ...cell(rb, weeks[2], '5', '0:') }))
          .status,
      ).toBe(404)
    }
    expect(
      await refusal(
        asCaller(foreign, (ctx) => saveVolumes(ctx, promotionId, { line: 'baseline', cells: [] })),
      ),
    ).toBe('not_found promotions:errors.notFound')
    expect(await cellsOf()).toEqual(before)
  })
})

describe('suggesting a baseline', () => {
  test('averages over the 13 weeks before: recorded sell-through first, else issued invoices, else nothing', async () => {
    const suggestion = await asCaller(retailer, (ctx) => suggestBaseline(ctx, promotionId))
    expect(suggestion.window).toEqual({ from: '2026-11-30', to: '2027-02-28', weeks: 13 })
    const bySku = Object.fromEntries(
      suggestion.products.map((p) => [p.sku, [p.source, p.weekly, p.weeks, Number(p.units)]]),
    )
    expect(bySku).toEqual({
      [sku.listed]: ['none', null, 0, 0],
      [sku.other]: ['none', null, 0, 0],
      [sku.bought]: ['invoices', 11, 13, 136.5],
      [sku.acted]: ['actuals', 36, 2, 71],
      [sku.typed]: ['none', null, 0, 0],
    })
  })

  test('the page previews it as unsaved changes and says what it was based on', async () => {
    const rb = await productIdOf(sku.bought)
    const page = readable(
      await (
        await h.request(`/promotions/${promotionId}/volumes?suggest=1`, { cookie: cookies.retailer })
      ).text(),
    )
    expect(page).toContain('from invoiced quantities on this partnership (136.5 units over 13 weeks)')
    expect(page).toContain(
      'the average sell-through recorded on earlier promotions of this partnership (71 units over 2 weeks with a figure)',
    )
    expect(page).toContain(`${sku.typed}: no history`)
    expect(page).toMatch(new RegExp(`name="u\\.${rb}\\.${weeks[2]}"[^>]*value="11"`))
    // A preview: nothing was saved.
    expect(await cellsOf()).toEqual([
      `${sku.bought} ${weeks[0]}: 40/- @2`,
      `${sku.bought} ${weeks[1]}: 14/- @2`,
    ])
  })
})

describe('actual sell-through', () => {
  beforeAll(async () => {
    await asCaller(retailer, (ctx) => submitPromotion(ctx, promotionId, { allocationId, amount: 1000_00 }))
    await asCaller(manager, (ctx) => approvePromotion(ctx, promotionId, { amount: 1000_00 }))
  })

  test('once approved, the plan is fixed: no baseline edits, no products added', async () => {
    const rb = await productIdOf(sku.bought)
    expect(
      await refusal(
        asCaller(retailer, (ctx) =>
          saveVolumes(ctx, promotionId, {
            line: 'baseline',
            cells: [{ promotionProductId: rb, weekStart: weeks[2], value: 1, baseVersion: 0 }],
          }),
        ),
      ),
    ).toBe('conflict volumes:errors.baselineClosed')
    expect(
      await refusal(
        asCaller(manager, (ctx) => addPromotionProduct(ctx, promotionId, { productId: catalogue.inactive })),
      ),
    ).toBe('conflict volumes:errors.notDraft')
  })

  test('a CSV with problems imports nothing and lists every problem by line and column', async () => {
    const before = await cellsOf()
    const csv = [
      'sku,week_start,actual_units',
      `${sku.bought},${weeks[0]},48`,
      `NOPE-${tag},${weeks[0]},3`,
      `${sku.bought},${weeks[1]},-2`,
      `${sku.bought},2027-03-22,5`,
      `${sku.bought},${weeks[0]},49`,
    ].join('\n')
    const res = await upload(cookies.retailer, csv)
    expect(res.status).toBe(422)
    expect(res.body).toContain('Nothing was imported')
    expect(res.body).toContain(`Line 3, sku: NOPE-${tag} is not a product on this promotion.`)
    expect(res.body).toContain('Line 4, actual_units: must be a whole number ≥ 0')
    expect(res.body).toContain(
      'Line 5, week_start: 2027-03-22 is outside the promotion (its weeks start 2027-03-01 to 2027-03-15).',
    )
    expect(res.body).toContain(`Line 6: ${sku.bought} in the week of ${weeks[0]} is already on line 2.`)
    expect(await cellsOf()).toEqual(before)
  })

  test('binary files and files over 2 MB are refused before reading', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48])
    const binary = await upload(cookies.retailer, png, 'application/octet-stream')
    expect(binary.status).toBe(400)
    expect(binary.body).toContain('This file is not UTF-8 text')
    const image = await upload(cookies.retailer, png, 'image/png', 'shelf.png')
    expect(image.status).toBe(400)
    const big = await upload(cookies.retailer, 'x'.repeat(2_100_000))
    expect(big.status).toBe(400)
    expect(big.body).toContain('The file is larger than 2 MB.')
    expect(big.headers.get('connection')).toBe('close')
  })

  test('a valid CSV imports all its rows; the same file again changes nothing', async () => {
    const csv = `sku;week_start;actual_units\r\n${sku.bought};${weeks[0]};48\r\n${sku.bought};${weeks[2]};0\r\n${sku.acted};${weeks[1]};17\r\n${sku.typed};${weeks[0]};\r\n`
    const res = await upload(cookies.retailer, csv)
    expect(res.status).toBe(200)
    expect(res.body).toContain('Imported: 3 cells changed.')
    const after = await cellsOf()
    expect(after).toEqual([
      `${sku.acted} ${weeks[1]}: 0/17 @1`,
      `${sku.bought} ${weeks[0]}: 40/48 @3`,
      `${sku.bought} ${weeks[1]}: 14/- @2`,
      `${sku.bought} ${weeks[2]}: 0/0 @1`,
    ])
    const again = await upload(cookies.retailer, csv)
    expect(again.body).toContain('Imported: 0 cells changed. 4 rows already matched.')
    expect(await cellsOf()).toEqual(after)
  })

  test('host staff enter actuals in the grid too; the export imports back with no change to any figure or version', async () => {
    const ra = await productIdOf(sku.acted)
    await asCaller(manager, (ctx) =>
      saveVolumes(ctx, promotionId, {
        line: 'actual',
        cells: [{ promotionProductId: ra, weekStart: weeks[2], value: 9, baseVersion: 0 }],
      }),
    )
    const res = await h.request(`/promotions/${promotionId}/volumes/export.csv`, { cookie: cookies.manager })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await res.arrayBuffer())
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    // Every product and week, in the grid's order, blank where nothing is recorded.
    expect(text.split('\r\n').slice(0, 5)).toEqual([
      '\uFEFFsku,week_start,actual_units',
      `${sku.listed},${weeks[0]},`,
      `${sku.listed},${weeks[1]},`,
      `${sku.listed},${weeks[2]},`,
      `${sku.other},${weeks[0]},`,
    ])
    expect(text).toContain(`${sku.acted},${weeks[2]},9\r\n`)
    expect(text.trim().split('\r\n')).toHaveLength(1 + 5 * 3)
    const before = await cellsOf()
    const result = await asCaller(retailer, (ctx) => importActuals(ctx, promotionId, { bytes }))
    expect(result).toEqual({ status: 'imported', changed: 0, unchanged: 15 })
    expect(await cellsOf()).toEqual(before)
    const service = await asCaller(retailer, (ctx) => exportActualsCsv(ctx, promotionId))
    expect(service.csv).toBe(text)
  })

  test("another partnership's people get 404 for the tab, the import and the export", async () => {
    for (const cookie of [cookies.foreign, cookies.portal]) {
      for (const path of ['', '/import', '/export.csv']) {
        const res = await h.request(`/promotions/${promotionId}/volumes${path}`, { cookie })
        expect(res.status, path).toBe(404)
      }
      const before = await cellsOf()
      expect(
        (await upload(cookie, `sku,week_start,actual_units\n${sku.bought},${weeks[0]},1\n`)).status,
      ).toBe(404)
      expect(await cellsOf()).toEqual(before)
    }
    expect(await refusal(asCaller(foreign, (ctx) => exportActualsCsv(ctx, promotionId)))).toBe(
      'not_found promotions:errors.notFound',
    )
  })
})
