import { and, eq, ne, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { products } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCatalogueManager } from './access.server.ts'
import type { ProductEditInput } from './schemas.ts'
import { isSkuUniqueViolation, skuTaken } from './sku-taken.server.ts'

export type UpdateProductInput = ProductEditInput & { id: string }

// Whether it is active changes through setProductActive, never through a save.
const editable = ['sku', 'name', 'description', 'unit', 'unitPrice', 'currency', 'taxRateBp'] as const

/**
 * Saves a product only if nobody saved it since the form was loaded (the version is the token); otherwise a
 * `conflict` and nothing changes. Errors: not_found (unknown or another org's), conflict (stale, or SKU taken).
 */
export async function updateProduct(ctx: ServiceContext, input: UpdateProductInput) {
  assertCatalogueManager(ctx)
  const id = IdSchema.safeParse(input.id)
  if (!id.success) throw new AppError('not_found', 'Product not found')
  const [before] = await ctx.tx
    .select()
    .from(products)
    .where(and(eq(products.id, id.data), eq(products.orgId, ctx.orgId)))
  if (!before) throw new AppError('not_found', 'Product not found')
  if (before.version !== input.version) throw new AppError('conflict', 'products:errors.conflict')
  const changed = editable.filter((field) => before[field] !== input[field])
  if (changed.length === 0) return { version: before.version, changed }
  if (changed.includes('sku')) {
    const [other] = await ctx.tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.orgId, ctx.orgId), eq(products.sku, input.sku), ne(products.id, id.data)))
    if (other) throw skuTaken(input.sku)
  }
  let updated: { version: number } | undefined
  try {
    ;[updated] = await ctx.tx
      .update(products)
      .set({
        ...Object.fromEntries(changed.map((field) => [field, input[field]])),
        version: sql`${products.version} + 1`,
      })
      // The version in the where refuses a save made between our read and this write.
      .where(
        and(eq(products.id, id.data), eq(products.orgId, ctx.orgId), eq(products.version, input.version)),
      )
      .returning({ version: products.version })
  } catch (error) {
    if (isSkuUniqueViolation(error)) throw skuTaken(input.sku)
    throw error
  }
  if (!updated) throw new AppError('conflict', 'products:errors.conflict')
  await ctx.audit({
    action: 'product.updated',
    targetType: 'product',
    targetId: id.data,
    data: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: input[f] }])),
  })
  return { version: updated.version, changed }
}
