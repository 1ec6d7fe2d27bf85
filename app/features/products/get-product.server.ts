import { and, eq } from 'drizzle-orm'
import { IdSchema } from '#app/lib/ids.ts'
import { products } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { productColumns } from './product-columns.server.ts'

export type ProductDetail = NonNullable<Awaited<ReturnType<typeof getProduct>>>

/** One product of the caller's org; null for a malformed id or another org's product, so callers answer 404. */
export async function getProduct(ctx: Pick<ServiceContext, 'tx' | 'orgId'>, id: string) {
  const parsed = IdSchema.safeParse(id)
  if (!parsed.success) return null
  const [row] = await ctx.tx
    .select(productColumns)
    .from(products)
    .where(and(eq(products.id, parsed.data), eq(products.orgId, ctx.orgId)))
    .limit(1)
  return row ?? null
}
