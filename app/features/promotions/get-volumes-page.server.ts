import type { ServiceContext } from '../service-context.server.ts'
import { findPromotion } from './find-promotion.server.ts'
import { getPromotion } from './get-promotion.server.ts'
import { listProductChoices } from './list-product-choices.server.ts'
import { listPromotionVolumes } from './list-promotion-volumes.server.ts'
import { suggestBaseline } from './suggest-baseline.server.ts'

/**
 * The products and volumes tab: the promotion's header, its products and grid, what the caller may add (searched
 * by `q`) while it is a draft, and, when asked for, a suggested baseline to preview.
 */
export async function getVolumesPage(
  ctx: ServiceContext,
  id: string,
  input: { q: string; suggest: boolean },
) {
  const found = await findPromotion(ctx, id)
  const [header, volumes] = await Promise.all([getPromotion(ctx, id), listPromotionVolumes(ctx, id, found)])
  const choices = volumes.rights.products ? await listProductChoices(ctx, found, input.q) : []
  const suggestion = input.suggest && volumes.rights.baseline ? await suggestBaseline(ctx, id, found) : null
  const { promotion } = header
  return {
    promotion: {
      id: promotion.id,
      name: promotion.name,
      status: promotion.status,
      startsOn: promotion.startsOn,
      endsOn: promotion.endsOn,
      currency: promotion.currency,
      mechanics: promotion.mechanics,
      discountBp: promotion.discountBp,
    },
    partnerName: header.partnerName,
    ...volumes,
    choices,
    suggestion,
  }
}
