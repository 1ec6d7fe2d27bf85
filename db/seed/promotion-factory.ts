import type { Tx } from '#db/client.ts'
import {
  type ClaimStatus,
  claimProofs,
  claims,
  notifications,
  type Promotion,
  promotionProducts,
  promotionVolumes,
} from '#db/schema/index.ts'

// Promotion details for the demo seed and the tests, written as the owner (asSystem).

type PromotionRef = Pick<Promotion, 'id' | 'partnershipId' | 'hostOrgId' | 'currency'>

/** A promoted product with its weekly baseline and, where given, actual units. */
export async function createPromotionProductRecord(
  tx: Tx,
  input: {
    promotion: PromotionRef
    sku: string
    name: string
    unitPrice: number
    productId?: string | null
    position?: number
    weeks?: { weekStart: string; baseline: number; actual?: number | null }[]
  },
) {
  const [product] = await tx
    .insert(promotionProducts)
    .values({
      promotionId: input.promotion.id,
      partnershipId: input.promotion.partnershipId,
      productId: input.productId ?? null,
      sku: input.sku,
      name: input.name,
      unitPrice: input.unitPrice,
      position: input.position ?? 0,
    })
    .returning()
  if (input.weeks?.length) {
    await tx.insert(promotionVolumes).values(
      input.weeks.map((w) => ({
        promotionProductId: product.id,
        promotionId: input.promotion.id,
        partnershipId: input.promotion.partnershipId,
        weekStart: w.weekStart,
        baselineUnits: w.baseline,
        actualUnits: w.actual ?? null,
      })),
    )
  }
  return product
}

/** A claim (submitted unless told otherwise) with optional proof files already in storage. */
export async function createClaimRecord(
  tx: Tx,
  input: {
    promotion: PromotionRef
    createdByOrgId: string
    createdById?: string | null
    amount: number
    description: string
    status?: ClaimStatus
    approvedAmount?: number | null
    idempotencyKey?: string
    proofs?: { storageKey: string; fileName: string; contentType: string; size: number }[]
  },
) {
  const [claim] = await tx
    .insert(claims)
    .values({
      promotionId: input.promotion.id,
      partnershipId: input.promotion.partnershipId,
      hostOrgId: input.promotion.hostOrgId,
      createdByOrgId: input.createdByOrgId,
      createdById: input.createdById ?? null,
      idempotencyKey: input.idempotencyKey ?? crypto.randomUUID(),
      amount: input.amount,
      currency: input.promotion.currency,
      description: input.description,
      status: input.status ?? 'submitted',
      approvedAmount: input.approvedAmount ?? null,
    })
    .returning()
  const proofs = []
  for (const proof of input.proofs ?? []) {
    const [row] = await tx
      .insert(claimProofs)
      .values({
        ...proof,
        claimId: claim.id,
        partnershipId: claim.partnershipId,
        uploadedById: input.createdById ?? null,
        uploadedByOrgId: input.createdByOrgId,
      })
      .returning()
    proofs.push(row)
  }
  return { claim, proofs }
}

export async function createNotificationRecord(
  tx: Tx,
  input: {
    orgId: string
    userId: string
    partnershipId?: string | null
    kind: string
    messageKey: string
    values?: Record<string, string>
    link: string
    sourceType?: string
    sourceId?: string
  },
) {
  const [row] = await tx
    .insert(notifications)
    .values({
      orgId: input.orgId,
      userId: input.userId,
      partnershipId: input.partnershipId ?? null,
      kind: input.kind,
      messageKey: input.messageKey,
      values: input.values ?? {},
      link: input.link,
      sourceType: input.sourceType ?? null,
      sourceId: input.sourceId ?? null,
    })
    .returning()
  return row
}
