import { and, eq, notInArray } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { formatMoney } from '#app/lib/money.ts'
import { claims } from '#db/schema/index.ts'
import { releaseFunds } from '../funds/ledger.server.ts'
import { notifyPartnership } from '../notifications/notify.server.ts'
import type { FoundPromotion } from '../promotions/find-promotion.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { promotionFunds } from './promotion-funds.server.ts'

/**
 * Closes a completed promotion's money (the promotion's `settled` transition calls this under its row lock):
 * every claim must be decided — rejected or settled — and whatever is still committed goes back to the
 * allocation with a release entry naming the promotion.
 */
export async function releaseUnclaimed(ctx: ServiceContext, found: FoundPromotion) {
  const { promotion } = found
  const open = await ctx.tx
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.promotionId, promotion.id), notInArray(claims.status, ['rejected', 'settled'])))
    .limit(1)
  if (open.length > 0) throw new AppError('conflict', 'claims:errors.undecided')
  const funds = await promotionFunds(ctx, promotion)
  if (promotion.allocationId && funds.remaining > 0) {
    await releaseFunds(ctx, {
      allocationId: promotion.allocationId,
      amount: funds.remaining,
      reason: `Settled, unclaimed: ${promotion.name}`,
      source: { type: 'promotion', id: promotion.id },
    })
  }
  return { released: Math.max(funds.remaining, 0) }
}

/** Tells the partner's people the promotion is settled and how much went back unclaimed. */
export async function notifyPromotionSettled(
  ctx: ServiceContext,
  promotion: FoundPromotion['promotion'],
  released: number,
) {
  await notifyPartnership(ctx, {
    partnershipId: promotion.partnershipId,
    audience: 'partner',
    kind: 'promotion.settled',
    messageKey: 'promotionSettled',
    values: { promotion: promotion.name, released: formatMoney(released, promotion.currency) },
    link: `/promotions/${promotion.id}/claims`,
    source: { type: 'promotion', id: promotion.id },
  })
}
