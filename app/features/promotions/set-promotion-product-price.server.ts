import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { promotionProducts } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lockForProducts } from './add-promotion-product.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import type { PromotionProductPriceInput } from './volumes-schemas.ts'

/**
 * Changes a product's promotional unit price on a draft. `expected` is the price the person saw: when someone
 * else changed it meanwhile the change is refused with the saved price, never silently overwritten.
 */
export async function setPromotionProductPrice(
  ctx: ServiceContext,
  id: string,
  input: PromotionProductPriceInput,
) {
  const { promotion } = await lockForProducts(ctx, id)
  const unitPrice = parseAmount(input.unitPrice.replace(',', '.'), promotion.currency)
  if (unitPrice === null || unitPrice < 0) throw new AppError('invalid', 'volumes:errors.price')
  const where = and(
    eq(promotionProducts.id, input.promotionProductId),
    eq(promotionProducts.promotionId, promotion.id),
  )
  const [current] = await ctx.tx.select().from(promotionProducts).where(where)
  if (!current) throw new AppError('not_found', 'volumes:errors.productGone')
  if (current.unitPrice !== input.expected && current.unitPrice !== unitPrice) {
    throw new AppError('conflict', 'volumes:errors.priceStale', {
      current: { promotionProductId: current.id, unitPrice: current.unitPrice },
    })
  }
  if (current.unitPrice === unitPrice) return current
  const [row] = await ctx.tx.update(promotionProducts).set({ unitPrice }).where(where).returning()
  await ctx.audit({
    action: 'promotion.product_priced',
    targetType: 'promotion',
    targetId: promotion.id,
    data: { sku: row.sku, from: current.unitPrice, to: unitPrice },
  })
  await publishPromotionChange(ctx, promotion)
  return row
}
