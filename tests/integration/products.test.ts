import { and, asc, count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditEvents, type Product, products } from '#db/schema/index.ts'
import { createProduct } from '#db/seed/product-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { readable } from './html.ts'
import { createWorld, type Identity, type World } from './world.ts'

// The catalogue as its users meet it: forms, CSV files and lists over HTTP against the built server.

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
let foreign: Product

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['owner', 'manager', 'viewer', 'customer-portal', 'partner-retailer'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  // Another manufacturer's product, named with the foreign marker so any leak is easy to spot.
  foreign = await asSystem((tx) =>
    createProduct(tx, {
      orgId: world.foreign.z.id,
      sku: `ZX-${world.marker}`,
      name: `Foreign ${world.marker} drill`,
      unitPrice: 5000,
    }),
  )
})

afterAll(async () => {
  await h?.close()
})

/** Text as a person reads it: React escapes quotes and ampersands in the markup. */
async function page(path: string, cookie: string) {
  const res = await h.request(path, { cookie })
  return { status: res.status, body: readable(await res.text()), headers: res.headers }
}

async function post(path: string, cookie: string, form: Record<string, string>) {
  const res = await h.request(path, { cookie, form })
  return { status: res.status, location: locationOf(res), body: readable(await res.text()) }
}

/** A file upload as the browser sends it: multipart, with the app's own origin. */
async function upload(cookie: string, content: BlobPart, type = 'text/csv', name = 'products.csv') {
  const body = new FormData()
  body.append('file', new File([content], name, { type }))
  const res = await fetch(new URL('/products/import', h.origin), {
    method: 'POST',
    headers: { cookie, origin: h.origin },
    body,
    redirect: 'manual',
  })
  return { status: res.status, headers: res.headers, body: readable(await res.text()) }
}

function homeProducts() {
  return asSystem((tx) =>
    tx.select().from(products).where(eq(products.orgId, world.a.org.id)).orderBy(asc(products.sku)),
  )
}

async function productBySku(sku: string) {
  const [row] = await asSystem((tx) =>
    tx
      .select()
      .from(products)
      .where(and(eq(products.orgId, world.a.org.id), eq(products.sku, sku))),
  )
  return row
}

async function auditCount(action: string) {
  const [row] = await asSystem((tx) =>
    tx
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, world.a.org.id), eq(auditEvents.action, action))),
  )
  return row.n
}

const newProduct = (overrides: Record<string, string> = {}) => ({
  sku: 'KT-100',
  name: 'Boilright kettle',
  description: 'Boils fast',
  unit: 'each',
  unitPrice: '19.99',
  currency: 'USD',
  taxRate: '20',
  active: 'on',
  ...overrides,
})

describe('creating a product', () => {
  test('a manager creates a product: "19.99" USD is stored as 1999 cents, 20% as 2000 bp', async () => {
    const audited = await auditCount('product.created')
    const res = await post('/products/new', cookies.manager, newProduct())
    expect(res.status).toBe(302)
    const created = await productBySku('KT-100')
    expect(res.location).toBe(`/products/${created.id}?done=created`)
    expect(created).toMatchObject({
      name: 'Boilright kettle',
      unitPrice: 1999,
      currency: 'USD',
      taxRateBp: 2000,
      active: true,
      version: 1,
    })
    expect(await auditCount('product.created')).toBe(audited + 1)
    const shown = await page(res.location as string, cookies.manager)
    expect(shown.status).toBe(200)
    expect(shown.body).toContain('Product created.')
    expect(shown.body).toContain('$19.99')
  })

  test('a duplicate SKU is a message under the field, not a server error', async () => {
    await post('/products/new', cookies.manager, newProduct({ sku: 'DUP-1' }))
    const res = await post('/products/new', cookies.manager, newProduct({ sku: 'DUP-1', name: 'Second try' }))
    expect(res.status).toBe(409)
    expect(res.body).toContain('A product with SKU DUP-1 already exists.')
    // The typed values stay in the form.
    expect(res.body).toContain('value="Second try"')
    const [{ n }] = await asSystem((tx) =>
      tx
        .select({ n: count() })
        .from(products)
        .where(and(eq(products.orgId, world.a.org.id), eq(products.sku, 'DUP-1'))),
    )
    expect(n).toBe(1)
  })

  test('"0.001" USD is refused with a message; "1500" JPY is stored as 1500', async () => {
    const refused = await post(
      '/products/new',
      cookies.manager,
      newProduct({ sku: 'TINY-1', unitPrice: '0.001' }),
    )
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('with no more decimals than the currency has')
    expect(await productBySku('TINY-1')).toBeUndefined()

    const yen = await post(
      '/products/new',
      cookies.manager,
      newProduct({ sku: 'JP-1500', unitPrice: '1500', currency: 'JPY' }),
    )
    expect(yen.status).toBe(302)
    expect(await productBySku('JP-1500')).toMatchObject({ unitPrice: 1500, currency: 'JPY' })
    const fractionalYen = await post(
      '/products/new',
      cookies.manager,
      newProduct({ sku: 'JP-15', unitPrice: '15.5', currency: 'JPY' }),
    )
    expect(fractionalYen.status).toBe(400)
  })

  test('a viewer can read the catalogue but not open the form or create', async () => {
    const list = await page('/products', cookies.viewer)
    expect(list.status).toBe(200)
    expect(list.body).toContain('KT-100')
    expect(list.body).not.toContain('href="/products/new"')
    expect(list.body).not.toContain('href="/products/import"')
    expect((await page('/products/new', cookies.viewer)).status).toBe(403)
    const res = await post('/products/new', cookies.viewer, newProduct({ sku: 'VIEW-1' }))
    expect(res.status).toBe(403)
    expect(await productBySku('VIEW-1')).toBeUndefined()
    const detail = await page(`/products/${(await productBySku('KT-100')).id}`, cookies.viewer)
    expect(detail.status).toBe(200)
    expect(detail.body).toContain('Your role can view the catalogue but not change it.')
    expect(detail.body).not.toContain('name="intent"')
  })

  test('a portal user gets 403 on every product page', async () => {
    for (const path of ['/products', '/products/new', '/products/import', '/products/export.csv']) {
      expect((await page(path, cookies['customer-portal'])).status, path).toBe(403)
    }
  })

  test('an org that is not a manufacturer reads an empty catalogue and may not write to it', async () => {
    const list = await page('/products', cookies['partner-retailer'])
    expect(list.status).toBe(200)
    expect(list.body).toContain('Only manufacturers keep a product catalogue')
    expect((await page('/products/new', cookies['partner-retailer'])).status).toBe(403)
    const res = await post('/products/new', cookies['partner-retailer'], newProduct({ sku: 'RET-1' }))
    expect(res.status).toBe(403)
  })
})

describe('editing a product', () => {
  test('a save with a stale version is refused, says someone else changed it, and keeps the typed values', async () => {
    const product = await asSystem((tx) =>
      createProduct(tx, { orgId: world.a.org.id, sku: 'ED-1', name: 'Original', unitPrice: 1000 }),
    )
    const form = (name: string) => ({
      intent: 'save',
      version: String(product.version),
      sku: 'ED-1',
      name,
      description: '',
      unit: 'each',
      unitPrice: '12.50',
      currency: 'USD',
      taxRate: '7.5',
    })
    const first = await post(`/products/${product.id}`, cookies.manager, form('Alice’s name'))
    expect(first.status).toBe(302)
    expect(first.location).toBe(`/products/${product.id}?done=saved`)

    // Bob loaded the same version before Alice saved.
    const second = await post(`/products/${product.id}`, cookies.owner, form('Bob’s name'))
    expect(second.status).toBe(409)
    expect(second.body).toContain('Someone else changed this product while you were editing.')
    expect(second.body).toContain('value="Bob’s name"')
    // The page now carries the current version, so saving again is a deliberate choice.
    expect(second.body).toContain('name="version" value="2"')

    expect(await productBySku('ED-1')).toMatchObject({
      name: 'Alice’s name',
      unitPrice: 1250,
      taxRateBp: 750,
      version: 2,
    })
  })

  test('deactivate, then activate again; each checks the version too', async () => {
    const product = await asSystem((tx) => createProduct(tx, { orgId: world.a.org.id, sku: 'ACT-1' }))
    const off = await post(`/products/${product.id}`, cookies.owner, { intent: 'deactivate', version: '1' })
    expect(off.location).toBe(`/products/${product.id}?done=deactivated`)
    expect(await productBySku('ACT-1')).toMatchObject({ active: false, version: 2 })
    const stale = await post(`/products/${product.id}`, cookies.owner, { intent: 'activate', version: '1' })
    expect(stale.status).toBe(409)
    const on = await post(`/products/${product.id}`, cookies.owner, { intent: 'activate', version: '2' })
    expect(on.status).toBe(302)
    expect(await productBySku('ACT-1')).toMatchObject({ active: true, version: 3 })
    expect(await auditCount('product.deactivated')).toBeGreaterThanOrEqual(1)
  })

  test('an unknown or malformed product id is a 404', async () => {
    expect((await page('/products/00000000-0000-4000-8000-000000000000', cookies.owner)).status).toBe(404)
    expect((await page('/products/not-a-uuid', cookies.owner)).status).toBe(404)
  })
})

describe('searching the catalogue', () => {
  beforeAll(async () => {
    await asSystem(async (tx) => {
      for (let i = 0; i < 55; i++) {
        const n = String(i).padStart(3, '0')
        await createProduct(tx, {
          orgId: world.a.org.id,
          sku: `PG-${n}`,
          name: i === 7 ? 'Quartz countertop oven' : `Paged item ${n}`,
          active: i % 5 !== 0,
        })
      }
    })
  })

  test('search by SKU, 50 per page sorted by SKU, with the next page', async () => {
    const first = await page('/products?q=pg-', cookies.owner)
    expect(first.body).toContain('>55 products<')
    expect(first.body).toContain('>PG-000<')
    expect(first.body).toContain('>PG-049<')
    expect(first.body).not.toContain('>PG-050<')
    expect(first.body.indexOf('>PG-001<')).toBeLessThan(first.body.indexOf('>PG-002<'))
    expect(first.body).toContain('Page 1 of 2')
    const second = await page('/products?q=pg-&page=2', cookies.owner)
    expect(second.body).toContain('>PG-054<')
    expect(second.body).not.toContain('>PG-049<')
  })

  test('search by name is case-insensitive; the status filter narrows it', async () => {
    const byName = await page('/products?q=QUARTZ', cookies.owner)
    expect(byName.body).toContain('>1 product<')
    expect(byName.body).toContain('>PG-007<')
    const inactive = await page('/products?q=PG-&status=inactive', cookies.owner)
    expect(inactive.body).toContain('>11 products<')
    expect(inactive.body).toContain('>PG-005<')
    expect(inactive.body).not.toContain('>PG-006<')
    const none = await page('/products?q=no-such-thing', cookies.owner)
    expect(none.body).toContain('No products match these filters')
  })
})

describe('CSV export and import', () => {
  async function exportCsv(cookie = cookies.owner) {
    const res = await h.request('/products/export.csv', { cookie })
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
  }

  test('the export is a CSV attachment named for the org and the day', async () => {
    const res = await exportCsv()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="products-${world.a.org.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    )
    const text = new TextDecoder().decode(res.bytes)
    expect(text).toContain('sku,name,description,unit,unit_price,currency,tax_rate,active\r\n')
    expect(text).toContain('KT-100,Boilright kettle,Boils fast,each,19.99,USD,20,true')
    expect(text).toContain('JP-1500,Boilright kettle,Boils fast,each,1500,JPY,20,true')
  })

  test('round trip: importing the exported file changes nothing (0 created, N updated)', async () => {
    const before = await homeProducts()
    const audited = await auditCount('products.imported')
    const res = await upload(cookies.owner, (await exportCsv()).bytes)
    expect(res.status).toBe(200)
    expect(res.body).toContain(`Import complete: 0 created, ${before.length} updated.`)
    expect(await homeProducts()).toEqual(before)
    expect(await auditCount('products.imported')).toBe(audited + 1)
  })

  test('an edited file updates existing SKUs and inserts new ones, in one go', async () => {
    const text = new TextDecoder()
      .decode((await exportCsv()).bytes)
      .replace(
        'KT-100,Boilright kettle,Boils fast,each,19.99,USD,20,true',
        'KT-100,Kettle v2,Boils fast,each,21.50,USD,20,false',
      )
    const added = 'NEW-1,Toaster,"Two slots, ""wide""",each,39,USD,7.5,true\r\n'
    const count = (await homeProducts()).length
    const res = await upload(cookies.manager, text + added)
    expect(res.status).toBe(200)
    expect(res.body).toContain(`Import complete: 1 created, ${count} updated.`)
    expect(await productBySku('KT-100')).toMatchObject({ name: 'Kettle v2', unitPrice: 2150, active: false })
    expect(await productBySku('NEW-1')).toMatchObject({
      description: 'Two slots, "wide"',
      unitPrice: 3900,
      taxRateBp: 750,
    })
  })

  test('a file with 3 bad rows among good ones imports nothing and names each bad line', async () => {
    const before = await homeProducts()
    const csv = [
      'SKU,Name,Description,Unit,Unit_Price,Active', // currency and tax rate left to their defaults
      'OK-1,Good one,,each,5.00,true',
      'OK-2,,,each,5.00,true',
      'OK-3,Good two,,each,5.00,true',
      'OK-4,Too precise,,each,0.001,true',
      'OK-5,Good three,,each,5.00,true',
      'OK-6,Unsure,,each,5.00,maybe',
    ].join('\n')
    const res = await upload(cookies.owner, csv)
    expect(res.status).toBe(422)
    expect(res.body).toContain('role="alert"')
    expect(res.body).toContain('Nothing was imported')
    expect(res.body).toContain('Line 3: name: This field is required.')
    expect(res.body).toContain('Line 5: unit_price: Enter an amount such as 19.99')
    expect(res.body).toContain('Line 7: active: Use true or false.')
    expect(res.body).not.toContain('Line 2:')
    expect(await homeProducts()).toEqual(before)
  })

  test('a SKU twice in the file is reported on its second line', async () => {
    const csv = 'sku,name,description,unit,unit_price,active\nDD-1,A,,each,1,true\nDD-1,B,,each,1,true\n'
    const res = await upload(cookies.owner, csv)
    expect(res.status).toBe(422)
    expect(res.body).toContain('Line 3: sku: SKU DD-1 already appears on line 2 of this file.')
  })

  test('binary files, non-text types and files over 2 MB are refused with a clear message', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48])
    const binary = await upload(cookies.owner, png, 'application/octet-stream', 'products.csv')
    expect(binary.status).toBe(400)
    expect(binary.body).toContain('This file is not UTF-8 text.')
    const image = await upload(cookies.owner, png, 'image/png', 'photo.png')
    expect(image.status).toBe(400)
    expect(image.body).toContain('This file is not a CSV text file (it was sent as image/png).')
    const big = await upload(cookies.owner, 'x'.repeat(2_100_000))
    expect(big.status).toBe(400)
    expect(big.body).toContain('The file is larger than 2 MB.')
    // The rest of that upload was never read: the connection must not be reused for another request.
    expect(big.headers.get('connection')).toBe('close')
  })

  test('only managers of a manufacturer may import', async () => {
    const csv = 'sku,name,description,unit,unit_price,active\nV-1,A,,each,1,true\n'
    expect((await upload(cookies.viewer, csv)).status).toBe(403)
    expect((await upload(cookies['partner-retailer'], csv)).status).toBe(403)
    expect(await productBySku('V-1')).toBeUndefined()
  })
})

describe('isolation between orgs', () => {
  test('another manufacturer’s product is in neither the list, the search, the export nor a page of its own', async () => {
    for (const path of ['/products', `/products?q=${world.marker}`, '/products?status=active']) {
      const res = await page(path, cookies.owner)
      expect(res.status).toBe(200)
      expect(res.body.includes(`${world.marker} drill`), path).toBe(false)
      expect(res.body.includes(foreign.id), path).toBe(false)
    }
    const csv = new TextDecoder().decode(
      new Uint8Array(
        await (await h.request('/products/export.csv', { cookie: cookies.owner })).arrayBuffer(),
      ),
    )
    expect(csv).not.toContain(world.marker)
    expect((await page(`/products/${foreign.id}`, cookies.owner)).status).toBe(404)
    const res = await post(`/products/${foreign.id}`, cookies.owner, { intent: 'deactivate', version: '1' })
    expect(res.status).toBe(404)
    const [after] = await asSystem((tx) => tx.select().from(products).where(eq(products.id, foreign.id)))
    expect(after).toMatchObject({ active: true, version: 1 })
  })

  test('importing a SKU another org uses creates a product of one’s own and leaves theirs alone', async () => {
    const csv = `sku,name,description,unit,unit_price,active\nZX-${world.marker},Mine now,,each,2,true\n`
    const res = await upload(cookies.owner, csv)
    expect(res.status).toBe(200)
    expect(res.body).toContain('Import complete: 1 created, 0 updated.')
    const [theirs] = await asSystem((tx) => tx.select().from(products).where(eq(products.id, foreign.id)))
    expect(theirs).toMatchObject({ name: `Foreign ${world.marker} drill`, unitPrice: 5000, version: 1 })
  })
})
