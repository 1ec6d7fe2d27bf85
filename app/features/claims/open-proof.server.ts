import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { isId } from '#app/lib/ids.ts'
import { getStorage } from '#app/lib/storage/index.server.ts'
import { claimProofs } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { claimNotFound, findClaim } from './find-claim.server.ts'
import { previewKind, proofPreviewKey } from './rules.ts'

async function findProof(ctx: ServiceContext, claimId: string, proofId: string) {
  const { claim } = await findClaim(ctx, claimId)
  if (!isId(proofId)) throw claimNotFound()
  const [proof] = await ctx.tx
    .select()
    .from(claimProofs)
    .where(and(eq(claimProofs.id, proofId), eq(claimProofs.claimId, claim.id)))
  if (!proof) throw claimNotFound()
  return { claim, proof }
}

/** What to hand out for a proof download (both sides of the partnership); the route signs a short-lived link. */
export async function proofDownload(ctx: ServiceContext, claimId: string, proofId: string) {
  const { claim, proof } = await findProof(ctx, claimId, proofId)
  await ctx.audit({
    action: 'claim.proof_downloaded',
    targetType: 'claim',
    targetId: claim.id,
    data: { proofId: proof.id },
  })
  return { key: proof.storageKey, fileName: proof.fileName, contentType: proof.contentType }
}

/** The image shown inline for a proof: an image itself, a PDF's rendered first page once its job ran, else null. */
export async function proofPreview(ctx: ServiceContext, claimId: string, proofId: string) {
  const { proof } = await findProof(ctx, claimId, proofId)
  const kind = previewKind(proof.contentType)
  if (kind === 'image')
    return { key: proof.storageKey, contentType: proof.contentType, fileName: proof.fileName }
  if (kind !== 'pdf') return null
  const key = proofPreviewKey(proof.storageKey)
  if (!(await getStorage().head(key))) return null
  return { key, contentType: 'image/png', fileName: `${proof.fileName}.png` }
}
