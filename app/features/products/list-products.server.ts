import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { products } from '#db/schema/index.ts'
import { likePattern } from '../partners/list-partnerships.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { productColumns } from './product-columns.server.ts'
import type { ProductFilters } from './schemas.ts'

export type ProductListRow = Awaited<ReturnType<typeof listProducts>>['rows'][number]

/** The caller's catalogue, searched by SKU or name, filtered by status, sorted by SKU, one page at a time. */
export async function listProducts(
  ctx: Pick<ServiceContext, 'tx' | 'orgId'>,
  filters: ProductFilters,
  page: PageRequest,
) {
  // Application lock; RLS adds the same restriction underneath.
  const conditions: SQL[] = [eq(products.orgId, ctx.orgId)]
  if (filters.q) {
    const pattern = likePattern(filters.q)
    conditions.push(or(ilike(products.sku, pattern), ilike(products.name, pattern)) as SQL)
  }
  if (filters.status) conditions.push(eq(products.active, filters.status === 'active'))
  const where = and(...conditions)
  const rows = await ctx.tx
    .select(productColumns)
    .from(products)
    .where(where)
    .orderBy(asc(products.sku), asc(products.id))
    .limit(page.pageSize)
    .offset(page.offset)
  const [{ n: total }] = await ctx.tx.select({ n: count() }).from(products).where(where)
  return { rows, total, page: page.page, pageSize: page.pageSize }
}
