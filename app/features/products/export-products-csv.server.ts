import { asc, eq } from 'drizzle-orm'
import { products } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { productsToCsv } from './csv.ts'

/** The caller's whole catalogue (active and inactive) as CSV, sorted by SKU: the file the import reads back. */
export async function exportProductsCsv(ctx: Pick<ServiceContext, 'tx' | 'orgId'>) {
  const rows = await ctx.tx
    .select({
      sku: products.sku,
      name: products.name,
      description: products.description,
      unit: products.unit,
      unitPrice: products.unitPrice,
      currency: products.currency,
      taxRateBp: products.taxRateBp,
      active: products.active,
    })
    .from(products)
    .where(eq(products.orgId, ctx.orgId))
    .orderBy(asc(products.sku))
  return { csv: productsToCsv(rows), count: rows.length }
}
