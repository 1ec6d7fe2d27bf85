import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { products } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCatalogueManager } from './access.server.ts'

/**
 * Deactivates a product (it stays in the catalogue and in past documents, but is no longer offered) or activates
 * it again. Same concurrency rule as an edit: a stale version is a `conflict`.
 */
export async function setProductActive(
  ctx: ServiceContext,
  input: { id: string; active: boolean; version: number },
) {
  assertCatalogueManager(ctx)
  const id = IdSchema.safeParse(input.id)
  if (!id.success) throw new AppError('not_found', 'Product not found')
  const [before] = await ctx.tx
    .select({ active: products.active, version: products.version, sku: products.sku })
    .from(products)
    .where(and(eq(products.id, id.data), eq(products.orgId, ctx.orgId)))
  if (!before) throw new AppError('not_found', 'Product not found')
  if (before.version !== input.version) throw new AppError('conflict', 'products:errors.conflict')
  if (before.active === input.active) return { version: before.version }
  const [updated] = await ctx.tx
    .update(products)
    .set({ active: input.active, version: sql`${products.version} + 1` })
    .where(and(eq(products.id, id.data), eq(products.orgId, ctx.orgId), eq(products.version, input.version)))
    .returning({ version: products.version })
  if (!updated) throw new AppError('conflict', 'products:errors.conflict')
  await ctx.audit({
    action: input.active ? 'product.activated' : 'product.deactivated',
    targetType: 'product',
    targetId: id.data,
    data: { sku: before.sku },
  })
  return updated
}
