import { and, eq } from 'drizzle-orm'
import { products } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCatalogueManager } from './access.server.ts'
import type { ProductInput } from './schemas.ts'
import { isSkuUniqueViolation, skuTaken } from './sku-taken.server.ts'

/**
 * Adds a product to the caller's catalogue. A SKU already in use is a `conflict` carrying `{ field: 'sku' }`, so
 * the form shows it under the field. Audited in the same transaction.
 */
export async function createProduct(ctx: ServiceContext, input: ProductInput) {
  assertCatalogueManager(ctx)
  const [existing] = await ctx.tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.orgId, ctx.orgId), eq(products.sku, input.sku)))
  if (existing) throw skuTaken(input.sku)
  let created: { id: string }
  try {
    ;[created] = await ctx.tx
      .insert(products)
      .values({
        orgId: ctx.orgId,
        sku: input.sku,
        name: input.name,
        description: input.description,
        unit: input.unit,
        unitPrice: input.unitPrice,
        currency: input.currency,
        taxRateBp: input.taxRateBp,
        active: input.active,
      })
      .returning({ id: products.id })
  } catch (error) {
    if (isSkuUniqueViolation(error)) throw skuTaken(input.sku)
    throw error
  }
  await ctx.audit({
    action: 'product.created',
    targetType: 'product',
    targetId: created.id,
    data: {
      sku: input.sku,
      unitPrice: input.unitPrice,
      currency: input.currency,
      taxRateBp: input.taxRateBp,
    },
  })
  return created
}
