import crypto from 'node:crypto'
import { Readable } from 'node:stream'
import PDFDocument from 'pdfkit'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { getStorage, newObjectKey } from '#app/lib/storage/index.server.ts'
import type { Tx } from '#db/client.ts'
import { createDocumentRecord, createFolderRecord } from './collaboration-factory.ts'

type Parties = { acme: string; brightsideOrg: string; brightside: string; manager: string; bella: string }

async function stored(bytes: Buffer, contentType: string) {
  const storageKey = newObjectKey('documents')
  await getStorage().put(storageKey, Readable.from([bytes]), { contentType })
  return {
    storageKey,
    byteSize: bytes.length,
    contentType,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  }
}

async function pdf(title: string, lines: string[]) {
  const doc = new PDFDocument({ size: 'A4', margin: 56 })
  doc.fontSize(20).text(title).moveDown()
  doc.fontSize(11)
  for (const line of lines) doc.text(line)
  const out = pdfToBuffer(doc)
  doc.end()
  return out
}

/** Real files in storage, so the demo shows previews, versions and a download log. */
export async function seedDemoDocuments(tx: Tx, parties: Parties) {
  const shared = await createFolderRecord(tx, {
    orgId: parties.acme,
    partnershipId: parties.brightside,
    name: 'Shared',
    createdById: parties.manager,
  })
  const v1 = await stored(
    await pdf('Spring price list', ['Fridge F-200: 899.00 USD', 'Dishwasher D-45: 649.00 USD']),
    'application/pdf',
  )
  const v2 = await stored(
    await pdf('Spring price list (revised)', [
      'Fridge F-200: 879.00 USD',
      'Dishwasher D-45: 629.00 USD',
      'Valid from 1 March',
    ]),
    'application/pdf',
  )
  const { versions } = await createDocumentRecord(tx, {
    folder: shared,
    name: 'Spring price list.pdf',
    uploadedById: parties.manager,
    uploaderOrgId: parties.acme,
    versions: [
      { ...v1, previewStatus: 'pending' },
      { ...v2, previewStatus: 'pending' },
    ],
  })
  // The job runner renders their first pages at start.
  for (const version of versions) {
    await enqueueJob(tx, {
      orgId: parties.acme,
      kind: 'documents.preview',
      payload: { versionId: version.id },
    })
  }
  const stores = await stored(
    Buffer.from('store,city,end-cap\nBS-01,Portland,yes\nBS-02,Bangor,yes\nBS-07,Augusta,no\n'),
    'text/csv',
  )
  await createDocumentRecord(tx, {
    folder: shared,
    name: 'Display stores.csv',
    uploadedById: parties.bella,
    uploaderOrgId: parties.brightsideOrg,
    versions: [stores],
  })
  const internal = await createFolderRecord(tx, {
    orgId: parties.acme,
    partnershipId: null,
    name: 'Channel team',
    createdById: parties.manager,
  })
  const margins = await stored(
    await pdf('Partner margins 2026 (internal)', ['Gold: 22%', 'Silver: 18%', 'Bronze: 15%']),
    'application/pdf',
  )
  const { versions: internalVersions } = await createDocumentRecord(tx, {
    folder: internal,
    name: 'Partner margins 2026.pdf',
    uploadedById: parties.manager,
    uploaderOrgId: parties.acme,
    versions: [{ ...margins, previewStatus: 'pending' }],
  })
  await enqueueJob(tx, {
    orgId: parties.acme,
    kind: 'documents.preview',
    payload: { versionId: internalVersions[0].id },
  })
}
