import { and, count, eq, max } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { products, promotionProducts } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundPromotion, lockPromotionForChange } from './find-promotion.server.ts'
import { boughtSkus } from './list-product-choices.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import { promotionalPrice, volumeRights } from './volume-rights.ts'
import type { AddPromotionProductInput } from './volumes-schemas.ts'

/** A promotion covers a handful of products; the grid stays one screen of rows. */
export const MAX_PROMOTION_PRODUCTS = 50

/** Finds the promotion, locked, and refuses unless the caller may change its products now (a draft, write role). */
export async function lockForProducts(ctx: ServiceContext, id: string): Promise<FoundPromotion> {
  const found = await lockPromotionForChange(ctx, id)
  if (!can(ctx.role, 'promotions:write')) throw new AppError('forbidden', 'volumes:errors.readOnly')
  if (!volumeRights(ctx, found.promotion.status, found.partnershipStatus).products)
    throw new AppError('conflict', 'volumes:errors.notDraft')
  return found
}

function typedPrice(text: string | undefined, currency: string): number | null {
  if (!text) return null
  const amount = parseAmount(text.replace(',', '.'), currency)
  if (amount === null || amount < 0) throw new AppError('invalid', 'volumes:errors.price')
  return amount
}

/** What the new row copies: from the host's own catalogue, or the SKU and name the partner gave. */
async function resolveProduct(ctx: ServiceContext, found: FoundPromotion, input: AddPromotionProductInput) {
  const { promotion } = found
  if (found.side === 'host') {
    if (!input.productId) throw new AppError('invalid', 'volumes:errors.productNotFound')
    const [product] = await ctx.tx
      .select()
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.orgId, ctx.orgId), eq(products.active, true)))
    if (!product) throw new AppError('invalid', 'volumes:errors.productNotFound')
    const price = product.currency === promotion.currency ? product.unitPrice : null
    return { productId: product.id, sku: product.sku, name: product.name, price }
  }
  const sku = input.sku ?? ''
  if (!sku) throw new AppError('invalid', 'volumes:errors.skuRequired')
  const [bought] = await boughtSkus(ctx, promotion, { skus: [sku] })
  const name = input.name || bought?.name || ''
  if (!name) throw new AppError('invalid', 'volumes:errors.nameRequired')
  return { productId: null, sku, name, price: bought?.price ?? null }
}

/**
 * Adds a product to a draft promotion. The unit price is what was typed, or else the known price less the
 * promotion's discount (price-discount mechanics); with no price known one must be typed.
 */
export async function addPromotionProduct(ctx: ServiceContext, id: string, input: AddPromotionProductInput) {
  const found = await lockForProducts(ctx, id)
  const { promotion } = found
  const product = await resolveProduct(ctx, found, input)
  const typed = typedPrice(input.unitPrice, promotion.currency)
  const unitPrice = typed ?? (product.price === null ? null : promotionalPrice(product.price, promotion))
  if (unitPrice === null) throw new AppError('invalid', 'volumes:errors.priceRequired')
  const [existing] = await ctx.tx
    .select({ n: count(), last: max(promotionProducts.position) })
    .from(promotionProducts)
    .where(eq(promotionProducts.promotionId, promotion.id))
  if ((existing?.n ?? 0) >= MAX_PROMOTION_PRODUCTS)
    throw new AppError('conflict', 'volumes:errors.tooManyProducts', { max: MAX_PROMOTION_PRODUCTS })
  const [row] = await ctx.tx
    .insert(promotionProducts)
    .values({
      promotionId: promotion.id,
      partnershipId: promotion.partnershipId,
      productId: product.productId,
      sku: product.sku,
      name: product.name,
      unitPrice,
      position: (existing?.last ?? -1) + 1,
    })
    .onConflictDoNothing({ target: [promotionProducts.promotionId, promotionProducts.sku] })
    .returning()
  if (!row) throw new AppError('conflict', 'volumes:errors.duplicateSku', { sku: product.sku })
  await ctx.audit({
    action: 'promotion.product_added',
    targetType: 'promotion',
    targetId: promotion.id,
    data: { sku: row.sku, unitPrice },
  })
  await publishPromotionChange(ctx, promotion)
  return row
}
