import crypto from 'node:crypto'
import { eq } from 'drizzle-orm'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createPromotion } from '#app/features/promotions/save-promotion.server.ts'
import {
  advancePromotion,
  approvePromotion,
  submitPromotion,
} from '#app/features/promotions/transitions.server.ts'
import { jobHandlers } from '#app/jobs.server.ts'
import { drainJobs } from '#app/lib/jobs/runner.server.ts'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { claimProofs, claims } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { fundPartnership } from './funded-partnership.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type Identity, type World } from './world.ts'

// Claims over HTTP against the built server: the retailer files a claim with a real PDF as proof in a multipart
// form (a renamed executable is refused with its reason, typed values kept), a double submit files one claim, the
// manufacturer approves, both sides download the proof through a signed link, and nobody else sees any of it.

let h: Harness
let world: World
let promotionId: string
const cookies = {} as Record<Identity, string>

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['manager', 'viewer', 'partner-retailer', 'customer-portal'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  const manager = hostCaller(world, 'manager')
  const retailer = retailerCaller(world)
  const { allocation } = await fundPartnership(world, {
    name: `Claims HTTP ${world.marker}`,
    endsOn: '2027-12-31',
  })
  const draft = await asCaller(retailer, (ctx) =>
    createPromotion(ctx, world.partnerships.ar.id, promotionPlan('Spring end-caps')),
  )
  await asCaller(retailer, (ctx) =>
    submitPromotion(ctx, draft.id, { allocationId: allocation.id, amount: 2_000_00 }),
  )
  await asCaller(manager, (ctx) => approvePromotion(ctx, draft.id, { amount: 2_000_00 }))
  await asCaller(manager, (ctx) => advancePromotion(ctx, draft.id))
  promotionId = draft.id
})

afterAll(async () => {
  await h?.close()
})

async function pdf(text: string) {
  const doc = new PDFDocument()
  doc.text(text)
  const out = pdfToBuffer(doc)
  doc.end()
  return out
}

/** The start of a real Windows executable: "MZ", a DOS stub, and the PE header the offset at 0x3c points to. */
function windowsExecutable() {
  const file = Buffer.alloc(4096)
  file.write('MZ', 0, 'latin1')
  file.writeUInt32LE(0x80, 0x3c)
  file.write('PE\0\0', 0x80, 'latin1')
  file.writeUInt16LE(0x14c, 0x84)
  return file
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

type Upload = { name: string; bytes: Buffer; type: string }

/** A multipart form as the browser sends it (the harness's request sends urlencoded forms only). */
function postMultipart(url: string, who: Identity, fields: Record<string, string>, files: Upload[]) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const f of files) body.append('proof', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name)
  return fetch(new URL(url, h.origin), {
    method: 'POST',
    body,
    headers: { cookie: cookies[who], origin: h.origin },
    redirect: 'manual',
  })
}

async function formKey(who: Identity) {
  const page = await h.request(`/promotions/${promotionId}/claims`, { cookie: cookies[who] })
  expect(page.status).toBe(200)
  const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(await page.text())?.[1]
  expect(key).toBeTruthy()
  return key as string
}

const claimsOfPromotion = () =>
  asSystem((tx) => tx.select().from(claims).where(eq(claims.promotionId, promotionId)))

describe('claims over HTTP', () => {
  let claimId: string
  let proofId: string
  let proofBytes: Buffer

  test('the retailer files a claim with a PDF proof; a double submit of the same form files one claim', async () => {
    proofBytes = await pdf('Display photos, stores 1–12')
    const key = await formKey('partner-retailer')
    const fields = {
      intent: 'file',
      amount: '750.00',
      description: 'End-cap displays in 12 stores, 1–14 March',
      idempotencyKey: key,
    }
    const url = `/promotions/${promotionId}/claims`
    const upload = [{ name: 'display-photos.pdf', bytes: proofBytes, type: 'application/pdf' }]
    const [first, second] = await Promise.all([
      postMultipart(url, 'partner-retailer', fields, upload),
      postMultipart(url, 'partner-retailer', fields, upload),
    ])
    expect(first.status).toBe(302)
    expect(second.status).toBe(302)
    expect(locationOf(second)).toBe(locationOf(first))
    claimId = /filed=([0-9a-f-]{36})/.exec(locationOf(first) ?? '')?.[1] ?? ''
    const rows = await claimsOfPromotion()
    expect(rows.map((r) => r.id)).toEqual([claimId])
    expect(rows[0]).toEqual(
      expect.objectContaining({ amount: 75_000, status: 'submitted', createdByOrgId: world.r.org.id }),
    )
    const proofs = await asSystem((tx) =>
      tx.select().from(claimProofs).where(eq(claimProofs.claimId, claimId)),
    )
    expect(proofs).toHaveLength(1)
    expect(proofs[0]).toEqual(
      expect.objectContaining({
        fileName: 'display-photos.pdf',
        contentType: 'application/pdf',
        size: proofBytes.length,
      }),
    )
    // Stored under a random key, never the name the browser sent.
    expect(proofs[0].storageKey).toMatch(/^claims\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/)
    proofId = proofs[0].id
  })

  test('a renamed executable is refused with its reason; what was typed stays in the form; nothing is filed', async () => {
    const key = await formKey('partner-retailer')
    const res = await postMultipart(
      `/promotions/${promotionId}/claims`,
      'partner-retailer',
      { intent: 'file', amount: '99.00', description: 'Flyer printing invoice', idempotencyKey: key },
      [
        { name: 'flyer.pdf', bytes: await pdf('a real one first'), type: 'application/pdf' },
        { name: 'invoice.pdf', bytes: windowsExecutable(), type: 'application/pdf' },
      ],
    )
    expect(res.status).toBe(415)
    const page = await res.text()
    expect(page).toContain('“invoice.pdf” is a Windows executable (exe)')
    expect(page).toContain('Allowed: JPEG, PNG, WebP, GIF, PDF')
    expect(page).toContain('Flyer printing invoice')
    expect(page).toContain('value="99.00"')
    expect((await claimsOfPromotion()).map((r) => r.id)).toEqual([claimId])
  })

  test('a proof over 25 MB is refused with the limit while it streams; nothing is filed', async () => {
    const key = await formKey('partner-retailer')
    // A PNG signature, so the type passes and the size is what refuses it.
    const big = Buffer.alloc(26 * 1024 * 1024)
    png.copy(big)
    const res = await postMultipart(
      `/promotions/${promotionId}/claims`,
      'partner-retailer',
      { intent: 'file', amount: '10.00', description: 'Huge photo', idempotencyKey: key },
      [{ name: 'huge.png', bytes: big, type: 'image/png' }],
    )
    expect(res.status).toBe(413)
    expect(await res.text()).toContain('“huge.png” is larger than 25 MB, the limit for a proof file.')
    expect((await claimsOfPromotion()).map((r) => r.id)).toEqual([claimId])
  })

  test('the retailer adds a photo to the waiting claim; an image is its own preview', async () => {
    const res = await postMultipart(`/claims/${claimId}`, 'partner-retailer', {}, [
      { name: 'store-7.png', bytes: png, type: 'image/png' },
    ])
    expect(res.status).toBe(302)
    expect(locationOf(res)).toBe(`/claims/${claimId}?proofs=1`)
    const proofs = await asSystem((tx) =>
      tx.select().from(claimProofs).where(eq(claimProofs.claimId, claimId)),
    )
    const photo = proofs.find((p) => p.fileName === 'store-7.png')
    expect(photo?.contentType).toBe('image/png')
    const preview = await h.request(`/claims/${claimId}/proofs/${photo?.id}/preview`, {
      cookie: cookies.manager,
    })
    expect(preview.status).toBe(302)
    const image = await h.request(locationOf(preview) ?? '')
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true)
    // The manufacturer's side adds no evidence to the partner's claim.
    const host = await postMultipart(`/claims/${claimId}`, 'manager', {}, [
      { name: 'x.png', bytes: png, type: 'image/png' },
    ])
    expect(host.status).toBe(403)
  })

  test('the manufacturer’s side cannot file a claim', async () => {
    const res = await postMultipart(
      `/promotions/${promotionId}/claims`,
      'manager',
      { intent: 'file', amount: '10.00', description: 'x', idempotencyKey: crypto.randomUUID() },
      [],
    )
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Claims are filed by the partner who ran the promotion.')
  })

  test('the manufacturer sees it in the queue and approves it', async () => {
    const queue = await h.request('/claims?status=submitted', { cookie: cookies.manager })
    expect(queue.status).toBe(200)
    expect(await queue.text()).toContain(`/claims/${claimId}`)
    const own = await h.request('/claims', { cookie: cookies['partner-retailer'] })
    expect(await own.text()).toContain(`/claims/${claimId}`)
    const page = await h.request(`/claims/${claimId}`, { cookie: cookies.manager })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Approve in full')
    const res = await h.request(`/claims/${claimId}`, {
      cookie: cookies.manager,
      form: { intent: 'approve', version: '1', from: 'tab', amount: '', reason: '' },
    })
    expect(res.status).toBe(302)
    expect(locationOf(res)).toBe(`/promotions/${promotionId}/claims?decided=1`)
    const [row] = await claimsOfPromotion()
    expect(row).toEqual(expect.objectContaining({ status: 'approved', approvedAmount: 75_000 }))
    // Decided: no more proof can be added.
    const late = await postMultipart(`/claims/${claimId}`, 'partner-retailer', {}, [
      { name: 'late.png', bytes: png, type: 'image/png' },
    ])
    expect(late.status).toBe(409)
    // The same form again (a stale page) is told the claim was already decided.
    const again = await h.request(`/claims/${claimId}`, {
      cookie: cookies.manager,
      form: { intent: 'approve', version: '1', from: 'claim' },
    })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('already decided')
  })

  test('both sides download the proof through a short-lived signed link and get the same bytes', async () => {
    for (const who of ['partner-retailer', 'manager'] as const) {
      const res = await h.request(`/claims/${claimId}/proofs/${proofId}/download`, { cookie: cookies[who] })
      expect(res.status, who).toBe(302)
      const link = locationOf(res) ?? ''
      expect(link).toMatch(/^\/storage\//)
      const file = await h.request(link)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('application/pdf')
      expect(file.headers.get('content-disposition')).toContain('display-photos.pdf')
      expect(Buffer.from(await file.arrayBuffer()).equals(proofBytes)).toBe(true)
    }
  })

  test('the PDF’s first page becomes its preview once the job ran', async () => {
    await drainJobs(jobHandlers)
    const res = await h.request(`/claims/${claimId}/proofs/${proofId}/preview`, {
      cookie: cookies['partner-retailer'],
    })
    expect(res.status).toBe(302)
    const image = await h.request(locationOf(res) ?? '')
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    const page = await h.request(`/claims/${claimId}`, { cookie: cookies['partner-retailer'] })
    expect(await page.text()).toContain(`/claims/${claimId}/proofs/${proofId}/preview`)
  })

  test('a customer of the manufacturer, not on this partnership, gets 404 everywhere and sees nothing in its queue', async () => {
    for (const url of [
      `/claims/${claimId}`,
      `/promotions/${promotionId}/claims`,
      `/claims/${claimId}/proofs/${proofId}/download`,
      `/claims/${claimId}/proofs/${proofId}/preview`,
    ]) {
      const res = await h.request(url, { cookie: cookies['customer-portal'] })
      expect(res.status, url).toBe(404)
    }
    const decide = await h.request(`/claims/${claimId}`, {
      cookie: cookies['customer-portal'],
      form: { intent: 'settle', version: '2', from: 'claim', method: 'payment', reference: 'X' },
    })
    expect(decide.status).toBe(404)
    const queue = await h.request('/claims', { cookie: cookies['customer-portal'] })
    expect(queue.status).toBe(200)
    expect(await queue.text()).not.toContain(claimId)
  })

  test('another retailer (the foreign world) gets 404', async () => {
    const y = await signInAs(world.foreign.yOwner.id, world.foreign.y.id)
    for (const url of [`/claims/${claimId}`, `/claims/${claimId}/proofs/${proofId}/download`]) {
      expect((await h.request(url, { cookie: y })).status, url).toBe(404)
    }
  })

  test('the manufacturer settles the claim by credit note; the partner sees it settled', async () => {
    const res = await h.request(`/claims/${claimId}`, {
      cookie: cookies.manager,
      form: { intent: 'settle', version: '2', from: 'claim', method: 'credit_note', reference: 'CN-1001' },
    })
    expect(res.status).toBe(302)
    const page = await h.request(`/claims/${claimId}`, { cookie: cookies['partner-retailer'] })
    const body = await page.text()
    expect(body).toContain('Settled (Credit note), reference CN-1001')
  })
})
