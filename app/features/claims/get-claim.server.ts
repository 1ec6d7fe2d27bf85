import { asc, eq, inArray } from 'drizzle-orm'
import { getStorage } from '#app/lib/storage/index.server.ts'
import { claimProofs, organizations, partnerships, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findClaim } from './find-claim.server.ts'
import { promotionFunds } from './promotion-funds.server.ts'
import { previewKind, proofPreviewKey } from './rules.ts'

/**
 * One claim's page: the claim, its proofs (with which can be previewed), its history — filed, proof added,
 * decided, settled — and what the caller may do next.
 */
export async function getClaim(ctx: ServiceContext, claimId: string) {
  const { claim, promotion, side, partnershipStatus } = await findClaim(ctx, claimId)
  const people = [claim.createdById, claim.decidedById].filter((id): id is string => !!id)
  const [[partner], named, proofs, funds] = await Promise.all([
    ctx.tx
      .select({ name: organizations.name })
      .from(partnerships)
      .innerJoin(organizations, eq(organizations.id, partnerships.partnerOrgId))
      .where(eq(partnerships.id, claim.partnershipId)),
    people.length
      ? ctx.tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, people))
      : Promise.resolve([]),
    ctx.tx
      .select({
        id: claimProofs.id,
        fileName: claimProofs.fileName,
        contentType: claimProofs.contentType,
        size: claimProofs.size,
        storageKey: claimProofs.storageKey,
        createdAt: claimProofs.createdAt,
        uploadedBy: users.name,
      })
      .from(claimProofs)
      .leftJoin(users, eq(users.id, claimProofs.uploadedById))
      .where(eq(claimProofs.claimId, claim.id))
      .orderBy(asc(claimProofs.createdAt), asc(claimProofs.id)),
    promotionFunds(ctx, promotion),
  ])
  // A PDF's preview exists once its job rendered it; images are their own preview.
  const previews = await Promise.all(
    proofs.map(async (p) => {
      const kind = previewKind(p.contentType)
      if (kind !== 'pdf') return kind
      return (await getStorage().head(proofPreviewKey(p.storageKey))) ? kind : null
    }),
  )
  const nameOf = (id: string | null) => named.find((u) => u.id === id)?.name ?? null
  // Buttons follow the services' rules: roles, and a partnership whose status allows writes.
  const open = partnershipAllows(partnershipStatus, 'write')
  const approver = open && side === 'host' && can(ctx.role, 'promotions:approve')
  const claimant = open && side === 'partner' && can(ctx.role, 'promotions:write')
  const iso = (d: Date | null) => d?.toISOString() ?? null
  return {
    claim: {
      id: claim.id,
      amount: claim.amount,
      approvedAmount: claim.approvedAmount,
      currency: claim.currency,
      description: claim.description,
      status: claim.status,
      version: claim.version,
      decisionReason: claim.decisionReason,
      settlementMethod: claim.settlementMethod,
      settlementReference: claim.settlementReference,
      createdAt: claim.createdAt.toISOString(),
      decidedAt: iso(claim.decidedAt),
      settledAt: iso(claim.settledAt),
      filedBy: nameOf(claim.createdById),
      decidedBy: nameOf(claim.decidedById),
    },
    promotion: { id: promotion.id, name: promotion.name, status: promotion.status },
    partnerName: partner?.name ?? '',
    side,
    remaining: funds.remaining,
    proofs: proofs.map(({ storageKey: _key, ...p }, i) => ({
      ...p,
      createdAt: p.createdAt.toISOString(),
      preview: previews[i],
    })),
    can: {
      decide: approver && claim.status === 'submitted',
      settle: approver && (claim.status === 'approved' || claim.status === 'partially_approved'),
      addProof: claimant && claim.status === 'submitted',
    },
  }
}
