import { eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { formatMoney } from '#app/lib/money.ts'
import { claims, type SettlementMethod } from '#db/schema/index.ts'
import { notifyPartnership } from '../notifications/notify.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertClaimApprover, findClaim } from './find-claim.server.ts'

/** An approved (or partly approved) claim is paid: by a credit note or a payment, with its reference. */
export async function settleClaim(
  ctx: ServiceContext,
  claimId: string,
  input: { method: SettlementMethod; reference: string; version?: number },
) {
  const found = await findClaim(ctx, claimId, true)
  assertClaimApprover(ctx, found)
  const { claim, promotion } = found
  if (claim.status !== 'approved' && claim.status !== 'partially_approved') {
    throw new AppError('conflict', 'claims:errors.notSettleable', { status: claim.status })
  }
  if (input.version !== undefined && input.version !== claim.version) {
    throw new AppError('conflict', 'claims:errors.alreadyDecided', { status: claim.status })
  }
  const reference = input.reference.trim().slice(0, 120)
  if (!reference) throw new AppError('invalid', 'claims:errors.referenceRequired')
  const [row] = await ctx.tx
    .update(claims)
    .set({
      status: 'settled',
      settlementMethod: input.method,
      settlementReference: reference,
      settledAt: new Date(),
      version: claim.version + 1,
    })
    .where(eq(claims.id, claim.id))
    .returning()
  await ctx.audit({
    action: 'claim.settled',
    targetType: 'claim',
    targetId: claim.id,
    data: { promotionId: promotion.id, method: input.method, reference, approved: claim.approvedAmount },
  })
  await notifyPartnership(ctx, {
    partnershipId: claim.partnershipId,
    audience: 'partner',
    kind: 'claim.settled',
    messageKey: 'claimSettled',
    values: {
      promotion: promotion.name,
      approved: formatMoney(claim.approvedAmount ?? 0, claim.currency),
      method: input.method,
      reference,
    },
    link: `/claims/${claim.id}`,
    source: { type: 'claim', id: claim.id },
  })
  return row
}
