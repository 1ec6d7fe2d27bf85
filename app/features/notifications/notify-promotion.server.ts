import { formatMoney } from '#app/lib/money.ts'
import type { PromotionStatus, promotions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { notifyPartnership } from './notify.server.ts'

type Promotion = typeof promotions.$inferSelect
type Side = 'host' | 'partner'

const other = (side: Side): Side => (side === 'host' ? 'partner' : 'host')
const link = (promotion: Promotion) => `/promotions/${promotion.id}`
const money = (amount: number | null, currency: string) =>
  amount === null ? '' : formatMoney(amount, currency)

/** A draft started by one side tells the other side's people. */
export async function notifyPromotionCreated(ctx: ServiceContext, promotion: Promotion) {
  const side: Side = promotion.hostOrgId === ctx.orgId ? 'host' : 'partner'
  await notifyPartnership(ctx, {
    partnershipId: promotion.partnershipId,
    audience: other(side),
    kind: 'promotion.created',
    messageKey: 'promotionCreated',
    values: { promotion: promotion.name },
    link: link(promotion),
    source: { type: 'promotion', id: promotion.id },
  })
}

/**
 * Who hears of a status change: a funding request goes to the manufacturer; its decision (approved, rejected, sent
 * back) to the other side; going live, completing and cancelling to everyone concerned on both sides. Settling is
 * notified by the claims service, which knows the settlement.
 */
export async function notifyPromotionStep(
  ctx: ServiceContext,
  side: Side,
  from: PromotionStatus,
  promotion: Promotion,
  note: string | null,
) {
  const to = promotion.status
  const step = (() => {
    if (to === 'submitted') return { audience: 'host', key: 'promotionSubmitted' } as const
    if (to === 'approved') return { audience: other(side), key: 'promotionApproved' } as const
    if (to === 'rejected') return { audience: other(side), key: 'promotionRejected' } as const
    if (to === 'draft' && from === 'submitted')
      return { audience: other(side), key: 'promotionSentBack' } as const
    if (to === 'live') return { audience: 'both', key: 'promotionLive' } as const
    if (to === 'completed') return { audience: 'both', key: 'promotionCompleted' } as const
    if (to === 'cancelled') return { audience: 'both', key: 'promotionCancelled' } as const
    return null
  })()
  if (!step) return
  const amount = to === 'approved' ? promotion.approvedAmount : promotion.requestedAmount
  await notifyPartnership(ctx, {
    partnershipId: promotion.partnershipId,
    audience: step.audience,
    kind: to === 'draft' ? 'promotion.sent_back' : `promotion.${to}`,
    messageKey: step.key,
    values: {
      promotion: promotion.name,
      amount: money(amount, promotion.currency),
      reason: note ?? '',
    },
    link: link(promotion),
    source: { type: 'promotion', id: promotion.id },
  })
}
