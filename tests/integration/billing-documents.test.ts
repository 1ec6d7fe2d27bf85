import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { jobHandlers } from '#app/jobs.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { drainJobs } from '#app/lib/jobs/runner.server.ts'
import { formatMoney } from '#app/lib/money.ts'
import { createInvoiceRecord } from '#db/seed/billing-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { pdfToText, zipEntries } from '#tests/support/pdf/pdf-test-tools.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { ownRecordFor } from './records.ts'
import { createWorld, type World } from './world.ts'

let h: Harness
let world: World
let owner: string
let portal: string
let retailer: string
let invoiceIds: string[]

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  owner = await signInAs(world.a.members.owner.id, world.a.org.id)
  portal = await signInAs(world.c.portal.id, world.c.org.id)
  retailer = await signInAs(world.r.owner.id, world.r.org.id)
  const today = todayIn('UTC')
  const extra = await asSystem((tx) =>
    createInvoiceRecord(tx, {
      partnershipId: world.partnerships.ac.id,
      hostOrgId: world.a.org.id,
      ownerId: world.a.members.owner.id,
      currency: 'EUR',
      lines: [{ description: 'Old balance', quantity: '1', unitPrice: 45_000 }],
      issued: {
        number: `INV-OLD-${world.marker}`,
        issueDate: addDays(today, -80),
        dueDate: addDays(today, -50),
      },
    }),
  )
  const recent = await asSystem((tx) =>
    createInvoiceRecord(tx, {
      partnershipId: world.partnerships.ac.id,
      hostOrgId: world.a.org.id,
      ownerId: world.a.members.owner.id,
      lines: [{ description: 'Recent', quantity: '2', unitPrice: 1_250 }],
      issued: { number: `INV-NEW-${world.marker}`, issueDate: today, dueDate: addDays(today, 30) },
    }),
  )
  invoiceIds = [recent.id, extra.id]
})
afterAll(() => h?.close())

async function pdf(url: string, cookie: string) {
  const res = await h.request(url, { cookie })
  const body = Buffer.from(await res.arrayBuffer())
  return { status: res.status, type: res.headers.get('content-type'), body }
}

describe('PDFs', () => {
  test('both sides download the quote; another partner gets 404', async () => {
    const quoteId = await ownRecordFor(world, 'quoteId')
    for (const cookie of [owner, portal]) {
      const res = await pdf(`/quotes/${quoteId}/pdf`, cookie)
      expect(res.status).toBe(200)
      expect(res.type).toBe('application/pdf')
      const text = pdfToText(res.body)
      expect(text).toContain(`Q-Home-`)
      expect(text).toContain(world.c.org.name)
    }
    expect((await h.request(`/quotes/${quoteId}/pdf`, { cookie: retailer })).status).toBe(404)
  })

  test('the statement lists open invoices with aging per currency', async () => {
    const res = await pdf(`/partners/${world.partnerships.ac.id}/statement`, portal)
    expect(res.status).toBe(200)
    const text = pdfToText(res.body)
    expect(text).toContain(`INV-OLD-${world.marker}`)
    expect(text).toContain(formatMoney(45_000, 'EUR', 'en'))
    expect(text).toMatch(/31.60/)
    expect(
      (await h.request(`/partners/${world.partnerships.ac.id}/statement`, { cookie: retailer })).status,
    ).toBe(404)
  })
})

describe('bulk ZIP download', () => {
  test('the customer selects invoices, a background job builds the ZIP with progress, only they can fetch it', async () => {
    const res = await h.request('/invoices/bulk', { cookie: portal, form: { invoiceIds } })
    expect(res.status).toBe(303)
    const page = locationOf(res) as string
    expect(page).toMatch(/^\/downloads\/[0-9a-f-]{36}$/)
    expect(await (await h.request(page, { cookie: portal })).text()).toContain('<progress')

    await drainJobs(jobHandlers)
    const ready = await (await h.request(page, { cookie: portal })).text()
    expect(ready).toContain(`${page}/file`)

    // The app authorizes, then hands out a short-lived signed link to the stored file.
    const link = await h.request(`${page}/file`, { cookie: portal })
    expect(link.status).toBe(302)
    const file = await h.request(locationOf(link) as string)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.zip"/)
    expect(file.headers.get('content-type')).toBe('application/zip')
    const zipPath = path.join(tmpdir(), `tandem-${world.marker}.zip`)
    await writeFile(zipPath, Buffer.from(await file.arrayBuffer()))
    const entries = zipEntries(zipPath)
    expect(entries).toHaveLength(2)
    expect(entries).toContain(`INV-OLD-${world.marker}.pdf`)

    // Someone else in the same org, or the seller, cannot open it.
    const colleague = await signInAs(world.a.members.owner.id, world.a.org.id)
    expect((await h.request(`${page}/file`, { cookie: colleague })).status).toBe(404)
  })

  test('an invoice the requester cannot see refuses the whole request', async () => {
    const foreign = await ownRecordFor(world, 'invoiceId')
    const res = await h.request('/invoices/bulk', { cookie: retailer, form: { invoiceIds: [foreign] } })
    expect(res.status).toBe(404)
  })

  test('nothing selected is a 400 with a message', async () => {
    const res = await h.request('/invoices/bulk', { cookie: portal, form: { intent: 'x' } })
    expect(res.status, String(res.headers.get('location'))).toBe(400)
    expect(await res.text()).toContain('Select at least one invoice')
  })
})
