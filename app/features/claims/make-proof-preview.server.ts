import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import { getStorage } from '#app/lib/storage/index.server.ts'
import { claimProofs } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { renderPdfFirstPage } from '../documents/make-preview.server.ts'
import { proofPreviewKey } from './rules.ts'

/**
 * The job that renders a PDF proof's first page beside it (proofPreviewKey). Proofs are never updated, so the
 * preview's presence in storage is its status: without pdftoppm, or for a damaged PDF, there is none and the page
 * offers the download.
 */
export async function makeProofPreview(proofId: string) {
  const [proof] = await asSystem((tx) => tx.select().from(claimProofs).where(eq(claimProofs.id, proofId)))
  if (proof?.contentType !== 'application/pdf') return
  const png = await renderPdfFirstPage(proof.storageKey)
  if (png === 'missing' || png === null) return
  await getStorage().put(proofPreviewKey(proof.storageKey), Readable.from([png]), {
    contentType: 'image/png',
  })
}
