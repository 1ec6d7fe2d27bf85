import { lineAmounts } from '#app/lib/money.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import type { PromotionMechanics, PromotionStatus } from '#db/schema/promotions.ts'
import { can } from '../auth/permissions.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** Statuses in which sell-through is recorded: once the plan is agreed, until it is settled. */
export const actualsStatuses: readonly PromotionStatus[] = ['approved', 'live', 'completed']

export type VolumeRights = { products: boolean; baseline: boolean; actuals: boolean }

/**
 * Who may change what on the products and volumes tab: the plan (products, prices, baseline) while it is a draft,
 * the actual sell-through once it is approved. Either side with promotions:write, on a partnership that allows
 * writes; viewers and portal users read.
 */
export function volumeRights(
  ctx: Pick<ServiceContext, 'role'>,
  status: PromotionStatus,
  partnershipStatus: PartnershipStatus,
): VolumeRights {
  const write = can(ctx.role, 'promotions:write') && partnershipAllows(partnershipStatus, 'write')
  return {
    products: write && status === 'draft',
    baseline: write && status === 'draft',
    actuals: write && actualsStatuses.includes(status),
  }
}

/**
 * The promotional unit price a product starts with: its price less the promotion's discount for a price-discount
 * promotion (rounded as invoice lines round a discount), otherwise its price.
 */
export function promotionalPrice(
  price: number,
  promotion: { mechanics: PromotionMechanics; discountBp: number | null },
): number {
  if (promotion.mechanics !== 'price_discount' || !promotion.discountBp) return price
  return lineAmounts({ quantity: '1', unitPrice: price, discountBp: promotion.discountBp, taxRateBp: 0 }).net
}
