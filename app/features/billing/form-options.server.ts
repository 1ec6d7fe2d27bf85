import { and, asc, eq, inArray } from 'drizzle-orm'
import { organizations, partnerships, products } from '#db/schema/index.ts'
import { statusesAllowing } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** What a quote or invoice editor offers: the partners this org sells to (on partnerships that allow writes) and its active products. */
export async function billingFormOptions(ctx: ServiceContext) {
  const partners = await ctx.tx
    .select({ id: partnerships.id, name: organizations.name })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.partnerOrgId))
    .where(
      and(eq(partnerships.hostOrgId, ctx.orgId), inArray(partnerships.status, statusesAllowing('write'))),
    )
    .orderBy(asc(organizations.name))
    .limit(1000)
  const catalogue = await ctx.tx
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      unit: products.unit,
      unitPrice: products.unitPrice,
      currency: products.currency,
      taxRateBp: products.taxRateBp,
    })
    .from(products)
    .where(and(eq(products.orgId, ctx.orgId), eq(products.active, true)))
    .orderBy(asc(products.sku))
    .limit(1000)
  return { partners, products: catalogue }
}
