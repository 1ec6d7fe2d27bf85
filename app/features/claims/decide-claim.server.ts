import { eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { formatMoney, parseAmount } from '#app/lib/money.ts'
import { type ClaimStatus, claims } from '#db/schema/index.ts'
import { spendFunds } from '../funds/ledger.server.ts'
import { notifyPartnership } from '../notifications/notify.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertClaimApprover, findClaim } from './find-claim.server.ts'
import { promotionFunds } from './promotion-funds.server.ts'

export type ClaimDecision = 'approve' | 'partial' | 'reject'

const outcome = {
  approve: { status: 'approved', messageKey: 'claimApproved' },
  partial: { status: 'partially_approved', messageKey: 'claimPartlyApproved' },
  reject: { status: 'rejected', messageKey: 'claimRejected' },
} as const satisfies Record<ClaimDecision, { status: ClaimStatus; messageKey: string }>

/**
 * The manufacturer decides a submitted claim once: approve it in full, approve part of it (with a reason) or
 * reject it (with a reason). Approving spends the approved amount from the promotion's commitment through the
 * ledger — never more than the promotion still has committed. The promotion's row lock (taken first) queues
 * decisions on one promotion, so two approvals can never both pass that check; the ledger's allocation lock and
 * its own check are the second line. A claim already decided, or changed since the form was shown, is refused.
 */
export async function decideClaim(
  ctx: ServiceContext,
  claimId: string,
  input: { decision: ClaimDecision; amount?: string; reason?: string; version?: number },
) {
  const found = await findClaim(ctx, claimId, true)
  assertClaimApprover(ctx, found)
  const { claim, promotion } = found
  if (claim.status !== 'submitted' || (input.version !== undefined && input.version !== claim.version)) {
    throw new AppError('conflict', 'claims:errors.alreadyDecided', { status: claim.status })
  }
  const reason = input.reason?.trim().slice(0, 500) || null
  if (input.decision !== 'approve' && !reason) throw new AppError('invalid', 'claims:errors.reasonRequired')
  const money = (n: number) => formatMoney(n, claim.currency)

  let approved: number | null = null
  if (input.decision === 'approve') approved = claim.amount
  if (input.decision === 'partial') {
    approved = parseAmount(input.amount ?? '', claim.currency)
    if (approved === null || approved <= 0 || approved >= claim.amount) {
      throw new AppError('invalid', 'claims:errors.partialAmount', { claimed: money(claim.amount) })
    }
  }
  if (approved !== null) {
    const funds = await promotionFunds(ctx, promotion)
    if (!promotion.allocationId || approved > funds.remaining) {
      throw new AppError('conflict', 'claims:errors.overCommitted', {
        remaining: money(Math.max(funds.remaining, 0)),
        amount: money(approved),
      })
    }
    await spendFunds(ctx, {
      allocationId: promotion.allocationId,
      amount: approved,
      reason: `Claim approved: ${promotion.name}`,
      source: { type: 'claim', id: claim.id },
    })
  }
  const { status, messageKey } = outcome[input.decision]
  const [row] = await ctx.tx
    .update(claims)
    .set({
      status,
      approvedAmount: approved,
      decisionReason: reason,
      decidedById: ctx.userId,
      decidedAt: new Date(),
      version: claim.version + 1,
    })
    .where(eq(claims.id, claim.id))
    .returning()
  await ctx.audit({
    action: `claim.${status}`,
    targetType: 'claim',
    targetId: claim.id,
    data: { promotionId: promotion.id, amount: claim.amount, approved, reason },
  })
  await notifyPartnership(ctx, {
    partnershipId: claim.partnershipId,
    audience: 'partner',
    kind: `claim.${status}`,
    messageKey,
    values: {
      promotion: promotion.name,
      amount: money(claim.amount),
      approved: money(approved ?? 0),
      reason: reason ?? '',
    },
    link: `/claims/${claim.id}`,
    source: { type: 'claim', id: claim.id },
  })
  return row
}
