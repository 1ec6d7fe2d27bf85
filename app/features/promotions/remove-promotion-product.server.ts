import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { promotionProducts } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lockForProducts } from './add-promotion-product.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'

/** Takes a product off a draft promotion, with its weekly volumes. */
export async function removePromotionProduct(ctx: ServiceContext, id: string, promotionProductId: string) {
  const { promotion } = await lockForProducts(ctx, id)
  const [row] = await ctx.tx
    .delete(promotionProducts)
    .where(and(eq(promotionProducts.id, promotionProductId), eq(promotionProducts.promotionId, promotion.id)))
    .returning({ sku: promotionProducts.sku })
  if (!row) throw new AppError('not_found', 'volumes:errors.productGone')
  await ctx.audit({
    action: 'promotion.product_removed',
    targetType: 'promotion',
    targetId: promotion.id,
    data: { sku: row.sku },
  })
  await publishPromotionChange(ctx, promotion)
  return row
}
