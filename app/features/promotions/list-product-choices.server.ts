import { and, asc, eq, ilike, notInArray, or, type SQL, sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import { products, promotionProducts } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { likePattern } from '../partners/list-partnerships.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { FoundPromotion } from './find-promotion.server.ts'
import { promotionalPrice } from './volume-rights.ts'

const SHOWN = 20

/**
 * A product either side may add: from the manufacturer's own catalogue (`productId`), or, for the partner, a SKU it
 * bought on this partnership. `price` is the last known price in the promotion's currency (null when none is),
 * `defaultPrice` that price less the promotion's discount.
 */
export type ProductChoice = {
  productId: string | null
  sku: string
  name: string
  price: number | null
  defaultPrice: number | null
}

/**
 * SKUs the partner bought on a partnership, newest purchase first per SKU: lines of invoices that were issued
 * (not drafts, not void) and of accepted quotes. The line description serves as the name; a purchase in
 * `currency` is preferred. A member_own sees none: those documents are not theirs. (Promotions and co-forecasts.)
 */
export async function partnershipPurchases(
  ctx: ServiceContext,
  on: { partnershipId: string; currency?: string },
  filter: { q?: string; skus?: string[] },
) {
  if (seesOwnOnly(ctx.role)) return []
  const q = filter.q ? likePattern(filter.q) : null
  const skus = filter.skus
  if (skus && skus.length === 0) return []
  const rows = await rowsOf<{ sku: string; name: string; unit_price: number | string; currency: string }>(
    ctx.tx,
    sql`select distinct on (b.sku) b.sku, b.name, b.unit_price, b.currency from (
          select l.sku, l.description as name, l.unit_price, i.currency, i.issue_date as bought_on
            from invoice_lines l join invoices i on i.id = l.invoice_id
           where i.partnership_id = ${on.partnershipId} and i.status not in ('draft', 'void')
          union all
          select l.sku, l.description, l.unit_price, r.currency, q.accepted_at::date
            from quote_lines l
            join quotes q on q.id = l.quote_id and l.revision = q.accepted_revision
            join quote_revisions r on r.quote_id = q.id and r.revision = q.accepted_revision
           where q.partnership_id = ${on.partnershipId} and q.status = 'accepted'
        ) b
        where b.sku <> ''
          ${q ? sql`and (b.sku ilike ${q} or b.name ilike ${q})` : sql``}
          ${
            skus
              ? sql`and b.sku in (${sql.join(
                  skus.map((s) => sql`${s}`),
                  sql`, `,
                )})`
              : sql``
          }
        order by b.sku, (b.currency = ${on.currency ?? ''}) desc, b.bought_on desc nulls last
        limit 200`,
  )
  return rows.map((r) => ({
    sku: r.sku,
    name: r.name.slice(0, 200),
    unitPrice: Number(r.unit_price),
    currency: r.currency,
  }))
}

/** What the partner bought on the promotion's partnership, priced for the promotion (in its currency only). */
export async function boughtSkus(
  ctx: ServiceContext,
  promotion: FoundPromotion['promotion'],
  filter: { q?: string; skus?: string[] },
) {
  const rows = await partnershipPurchases(ctx, promotion, filter)
  return rows.map((r) => {
    const price = r.currency === promotion.currency ? r.unitPrice : null
    return {
      productId: null,
      sku: r.sku,
      name: r.name,
      price,
      defaultPrice: price === null ? null : promotionalPrice(price, promotion),
    } satisfies ProductChoice
  })
}

/** What the caller may add to the promotion, searched by SKU or name, leaving out what is already on it. */
export async function listProductChoices(
  ctx: ServiceContext,
  found: FoundPromotion,
  q: string,
): Promise<ProductChoice[]> {
  const { promotion } = found
  const taken = await ctx.tx
    .select({ sku: promotionProducts.sku })
    .from(promotionProducts)
    .where(eq(promotionProducts.promotionId, promotion.id))
  const takenSkus = taken.map((t) => t.sku)
  if (found.side === 'partner') {
    const rows = await boughtSkus(ctx, promotion, { q: q || undefined })
    return rows.filter((r) => !takenSkus.includes(r.sku)).slice(0, SHOWN)
  }
  const conditions: SQL[] = [eq(products.orgId, ctx.orgId), eq(products.active, true)]
  if (q) conditions.push(or(ilike(products.sku, likePattern(q)), ilike(products.name, likePattern(q))) as SQL)
  if (takenSkus.length > 0) conditions.push(notInArray(products.sku, takenSkus))
  const rows = await ctx.tx
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      unitPrice: products.unitPrice,
      currency: products.currency,
    })
    .from(products)
    .where(and(...conditions))
    .orderBy(asc(products.sku))
    .limit(SHOWN)
  return rows.map((r) => {
    const price = r.currency === promotion.currency ? r.unitPrice : null
    return {
      productId: r.id,
      sku: r.sku,
      name: r.name,
      price,
      defaultPrice: price === null ? null : promotionalPrice(price, promotion),
    }
  })
}
