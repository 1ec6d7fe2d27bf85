import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { jobHandlers } from '#app/jobs.server.ts'
import { drainJobs } from '#app/lib/jobs/runner.server.ts'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { resetConfig } from '#config/env.ts'
import { documents, documentVersions, folders } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, locationOf, signInAs, startHarness } from './harness.ts'
import { foreignRecordFor } from './records.ts'
import { createWorld, type Identity, type World } from './world.ts'

// Document exchange over HTTP against the built server: uploads stream in as raw bodies and are typed by content;
// same names add versions; downloads are recorded and go through short-lived signed links; previews come from a job.

let h: Harness
let world: World
const cookies = {} as Record<Identity, string>
let sharedFolder: string
let internalFolder: string

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  for (const who of ['owner', 'manager', 'viewer', 'partner-retailer', 'customer-portal'] as const) {
    cookies[who] = await signInAs(world.who[who].userId, world.who[who].orgId)
  }
  const rows = await asSystem((tx) =>
    tx
      .select({ id: folders.id, partnershipId: folders.partnershipId })
      .from(folders)
      .where(eq(folders.orgId, world.a.org.id)),
  )
  sharedFolder = rows.find((r) => r.partnershipId === world.partnerships.ar.id)?.id ?? ''
  internalFolder = rows.find((r) => r.partnershipId === null)?.id ?? ''
})

afterAll(async () => {
  delete process.env.UPLOAD_MAX_MB
  resetConfig()
  await h?.close()
})

async function pdf(text: string) {
  const doc = new PDFDocument()
  doc.text(text)
  const out = pdfToBuffer(doc)
  doc.end()
  return out
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

async function upload(who: Identity, folderId: string, name: string, body: Buffer | ReadableStream) {
  const response = await fetch(
    `${h.origin}/files/folders/${folderId}/upload?name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { cookie: cookies[who], origin: h.origin, 'content-type': 'application/octet-stream' },
      body,
      // A stream body needs half-duplex (it is sent without a Content-Length).
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit,
  )
  // biome-ignore lint/suspicious/noExplicitAny: response shapes differ per status; each test reads what it expects.
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, any> }
}

/** Follows the app's redirect to the signed link and returns the file. */
async function download(who: Identity, documentId: string, versionId: string) {
  const link = await h.request(`/files/${documentId}/versions/${versionId}/download`, {
    cookie: cookies[who],
  })
  expect(link.status).toBe(302)
  const file = await fetch(new URL(locationOf(link) as string, h.origin))
  return { file, bytes: Buffer.from(await file.arrayBuffer()) }
}

describe('upload and download', () => {
  test('a partner uploads into the shared folder; staff see it, download it, and the owner side sees the log', async () => {
    const bytes = await pdf('Store list for the spring display')
    const up = await upload('partner-retailer', sharedFolder, 'store list.pdf', bytes)
    expect(up.status).toBe(201)
    expect(up.body.version.version).toBe(1)
    const folderPage = await (
      await h.request(`/files/folders/${sharedFolder}`, { cookie: cookies.manager })
    ).text()
    expect(folderPage).toContain('store list.pdf')

    const { file, bytes: got } = await download('manager', up.body.document.id, up.body.version.id)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="store list.pdf"/)
    expect(sha(got)).toBe(sha(bytes))

    // The retailer uploaded it, so the retailer's side sees who downloaded it; the host's side does not.
    const ownerView = await (
      await h.request(`/files/${up.body.document.id}`, { cookie: cookies['partner-retailer'] })
    ).text()
    expect(ownerView).toContain('Downloads')
    expect(ownerView).toContain(world.a.members.manager.name)
    const hostView = await (
      await h.request(`/files/${up.body.document.id}`, { cookie: cookies.manager })
    ).text()
    expect(hostView).not.toContain('Nobody has downloaded')
    expect(hostView).not.toMatch(/<h2[^>]*>Downloads<\/h2>/)
  })

  test('the same name from the same side adds a version; the earlier version still downloads its own bytes', async () => {
    const first = await pdf('Price list v1')
    const second = await pdf('Price list v2, new prices')
    const one = await upload('manager', sharedFolder, 'Prices.pdf', first)
    const two = await upload('owner', sharedFolder, 'prices.pdf', second)
    expect(two.status).toBe(201)
    expect(two.body.document.id).toBe(one.body.document.id)
    expect(two.body.version.version).toBe(2)
    const old = await download('partner-retailer', one.body.document.id, one.body.version.id)
    expect(sha(old.bytes)).toBe(sha(first))
    expect(old.file.headers.get('content-disposition')).toContain('Prices (v1).pdf')
    const latest = await download('partner-retailer', two.body.document.id, two.body.version.id)
    expect(sha(latest.bytes)).toBe(sha(second))
  })

  test("the other side's upload of the same name is a separate file, never a version of this side's", async () => {
    const hosts = await pdf('Host terms')
    const partners = await pdf('Partner terms, marked up')
    const one = await upload('manager', sharedFolder, 'Terms.pdf', hosts)
    const two = await upload('partner-retailer', sharedFolder, 'terms.pdf', partners)
    expect(two.status).toBe(201)
    expect(two.body.document.id).not.toBe(one.body.document.id)
    expect(two.body.version.version).toBe(1)
    const [hostFile] = await asSystem((tx) =>
      tx.select().from(documents).where(eq(documents.id, one.body.document.id)),
    )
    expect(hostFile.currentVersion).toBe(1)
    const current = await download('manager', one.body.document.id, one.body.version.id)
    expect(sha(current.bytes)).toBe(sha(hosts))
    // Each side keeps adding versions to its own file.
    const three = await upload('partner-retailer', sharedFolder, 'Terms.pdf', await pdf('Partner terms v2'))
    expect(three.body.document.id).toBe(two.body.document.id)
    expect(three.body.version.version).toBe(2)
  })

  test('file names lose their path parts', async () => {
    const up = await upload('manager', sharedFolder, '../../etc/evil name.pdf', await pdf('x'))
    expect(up.body.document.name).toBe('evil name.pdf')
  })

  test('a name with bidi controls is stored and downloaded without them', async () => {
    // Shown as "invoicetab.pdf" with the override; saved as a .bat.
    const up = await upload('partner-retailer', sharedFolder, 'invoice\u202Efdp.bat', await pdf('spoof'))
    expect(up.status).toBe(201)
    expect(up.body.document.name).toBe('invoicefdp.bat')
    const [stored] = await asSystem((tx) =>
      tx.select({ name: documents.name }).from(documents).where(eq(documents.id, up.body.document.id)),
    )
    expect(stored.name).toBe('invoicefdp.bat')
    const { file } = await download('manager', up.body.document.id, up.body.version.id)
    const disposition = file.headers.get('content-disposition') ?? ''
    expect(disposition).toBe('attachment; filename="invoicefdp.bat"')
  })
})

describe('refusals', () => {
  test('an executable renamed to .pdf is refused by content, and nothing is stored', async () => {
    const exe = Buffer.alloc(4096)
    exe.write('MZ', 0, 'latin1')
    exe.writeUInt32LE(0x80, 0x3c)
    exe.write('PE\0\0', 0x80, 'latin1')
    exe.writeUInt16LE(0x14c, 0x84)
    const up = await upload('partner-retailer', sharedFolder, 'invoice.pdf', exe)
    expect(up.status).toBe(415)
    expect(up.body.error).toMatch(/Windows executable/)
    const rows = await asSystem((tx) =>
      tx
        .select()
        .from(documents)
        .where(and(eq(documents.folderId, sharedFolder), eq(documents.name, 'invoice.pdf'))),
    )
    expect(rows).toEqual([])
  })

  test('a file over the limit is refused, by Content-Length or while streaming', async () => {
    process.env.UPLOAD_MAX_MB = '1'
    resetConfig()
    try {
      const big = Buffer.concat([await pdf('big'), Buffer.alloc(2 * 1024 * 1024, 32)])
      const declared = await upload('manager', sharedFolder, 'big.pdf', big)
      expect(declared.status).toBe(413)
      const streamed = await upload(
        'manager',
        sharedFolder,
        'big-stream.pdf',
        new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array(big))
            controller.close()
          },
        }),
      )
      expect(streamed.status).toBe(413)
      expect(streamed.body.error).toBe('files:errors.tooLarge')
      const versions = await asSystem((tx) =>
        tx.select().from(documents).where(eq(documents.name, 'big-stream.pdf')),
      )
      expect(versions).toEqual([])
    } finally {
      delete process.env.UPLOAD_MAX_MB
      resetConfig()
    }
  })

  test('viewers cannot upload; customers cannot see internal folders; foreign folders are not found', async () => {
    expect((await upload('viewer', sharedFolder, 'x.pdf', await pdf('x'))).status).toBe(403)
    expect(
      (await h.request(`/files/folders/${internalFolder}`, { cookie: cookies['customer-portal'] })).status,
    ).toBe(404)
    expect(
      (await h.request(`/files/folders/${internalFolder}`, { cookie: cookies['partner-retailer'] })).status,
    ).toBe(404)
    const foreign = await foreignRecordFor(world, 'folderId')
    expect((await upload('owner', foreign, 'x.pdf', await pdf('x'))).status).toBe(404)
  })
})

describe('previews and folders', () => {
  test('a PDF gets a PNG preview of its first page from a background job', async () => {
    const up = await upload('manager', sharedFolder, 'brochure.pdf', await pdf('Brochure'))
    const preview = `/files/${up.body.document.id}/versions/${up.body.version.id}/preview`
    expect((await h.request(preview, { cookie: cookies.manager })).status).toBe(404)
    await drainJobs(jobHandlers)
    const [version] = await asSystem((tx) =>
      tx.select().from(documentVersions).where(eq(documentVersions.id, up.body.version.id)),
    )
    expect(version.previewStatus).toBe('ready')
    const link = await h.request(preview, { cookie: cookies['partner-retailer'] })
    expect(link.status).toBe(302)
    const image = await fetch(new URL(locationOf(link) as string, h.origin))
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('content-disposition')).toMatch(/^inline/)
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 8)
        .toString('hex'),
    ).toBe('89504e470d0a1a0a')
  })

  test('both sides open the partnership’s shared folder from the partner page', async () => {
    const host = await h.request(`/partners/${world.partnerships.ac.id}/files`, {
      cookie: cookies.manager,
      form: {},
    })
    const customer = await h.request(`/partners/${world.partnerships.ac.id}/files`, {
      cookie: cookies['customer-portal'],
      form: {},
    })
    expect(locationOf(host)).toMatch(/^\/files\/folders\/[0-9a-f-]{36}$/)
    expect(locationOf(customer)).toBe(locationOf(host))
  })

  test('folder names are unique per place and validated on the form', async () => {
    const name = `Claims ${crypto.randomUUID().slice(0, 6)}`
    const first = await h.request('/files?index', {
      cookie: cookies.manager,
      form: { name, scope: world.partnerships.ar.id },
    })
    expect(first.status).toBe(302)
    const again = await h.request('/files?index', {
      cookie: cookies.manager,
      form: { name: name.toLowerCase(), scope: world.partnerships.ar.id },
    })
    expect(again.status).toBe(409)
    const slash = await h.request('/files?index', {
      cookie: cookies.manager,
      form: { name: 'a/b', scope: 'internal' },
    })
    expect(slash.status).toBe(400)
  })
})
