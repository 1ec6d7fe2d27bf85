import { AppError } from '#app/lib/errors.ts'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { type Claim, claimProofs } from '#db/schema/index.ts'
import { notifyPartnership } from '../notifications/notify.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertClaimant, findClaim } from './find-claim.server.ts'
import { previewKind } from './rules.ts'
import type { StoredProof } from './store-proof.server.ts'

/** Records stored proofs on a claim; PDFs get a first-page preview from a background job. */
export async function recordProofs(
  ctx: ServiceContext,
  claim: Pick<Claim, 'id' | 'partnershipId'>,
  proofs: StoredProof[],
) {
  if (proofs.length === 0) return []
  const rows = await ctx.tx
    .insert(claimProofs)
    .values(
      proofs.map((p) => ({
        ...p,
        claimId: claim.id,
        partnershipId: claim.partnershipId,
        uploadedById: ctx.userId,
        uploadedByOrgId: ctx.orgId,
      })),
    )
    .returning()
  for (const row of rows) {
    if (previewKind(row.contentType) === 'pdf') {
      await enqueueJob(ctx.tx, {
        orgId: ctx.orgId,
        kind: 'claims.proof_preview',
        payload: { proofId: row.id },
      })
    }
  }
  return rows
}

/** More proof for a claim still waiting for its decision, from the side that filed it. */
export async function addClaimProofs(ctx: ServiceContext, claimId: string, proofs: StoredProof[]) {
  const found = await findClaim(ctx, claimId, true)
  assertClaimant(ctx, found)
  const { claim, promotion } = found
  if (claim.status !== 'submitted') {
    throw new AppError('conflict', 'claims:errors.proofsClosed', { status: claim.status })
  }
  if (proofs.length === 0) throw new AppError('invalid', 'claims:errors.noProof')
  const rows = await recordProofs(ctx, claim, proofs)
  await ctx.audit({
    action: 'claim.proof_added',
    targetType: 'claim',
    targetId: claim.id,
    data: { files: rows.map((r) => ({ id: r.id, contentType: r.contentType, size: r.size })) },
  })
  await notifyPartnership(ctx, {
    partnershipId: claim.partnershipId,
    audience: 'host',
    kind: 'claim.proof_added',
    messageKey: 'claimProofAdded',
    values: { promotion: promotion.name, count: String(rows.length) },
    link: `/claims/${claim.id}`,
    source: { type: 'claim', id: claim.id },
  })
  return rows
}
