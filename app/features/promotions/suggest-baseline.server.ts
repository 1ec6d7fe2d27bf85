import { sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundPromotion, findPromotion } from './find-promotion.server.ts'
import { loadVolumes } from './list-promotion-volumes.server.ts'
import { volumeRights } from './volume-rights.ts'
import { baselineWindow } from './weeks.ts'

/**
 * Where a product's suggestion came from: sell-through recorded on earlier promotions of the partnership
 * (`weeks` with a figure, `units` in all), else invoiced quantities (`units` over all 13 weeks), else nothing.
 */
export type BaselineSuggestion = {
  promotionProductId: string
  sku: string
  weekly: number | null
  source: 'actuals' | 'invoices' | 'none'
  weeks: number
  units: string
}

const skuList = (skus: string[]) =>
  sql.join(
    skus.map((s) => sql`${s}`),
    sql`, `,
  )

/**
 * A weekly baseline per product of the promotion: the average weekly units over the 13 weeks before it starts.
 * From actual sell-through recorded for the SKU on earlier promotions of the same partnership when there is any
 * (averaged over the weeks that have a figure; when two promotions recorded one week, the later-saved figure
 * counts), otherwise from quantities of the SKU on the partnership's issued, not void, invoices dated in those
 * weeks (averaged over all 13). Rounded half up to whole units. Nothing is saved: the page shows it as a preview.
 * A member_own's suggestion reads only their own promotions and invoices.
 */
export async function suggestBaseline(ctx: ServiceContext, id: string, found?: FoundPromotion) {
  const { promotion, partnershipStatus } = found ?? (await findPromotion(ctx, id))
  if (!volumeRights(ctx, promotion.status, partnershipStatus).baseline)
    throw new AppError('conflict', 'volumes:errors.baselineClosed')
  const window = baselineWindow(promotion.startsOn)
  const { products } = await loadVolumes(ctx, promotion.id)
  const skus = products.map((p) => p.sku)
  if (skus.length === 0) return { window, products: [] as BaselineSuggestion[] }
  const own = seesOwnOnly(ctx.role)
  const [actuals, invoiced] = await Promise.all([
    rowsOf<{ sku: string; weeks: number | string; units: string; weekly: string }>(
      ctx.tx,
      sql`select sku, count(*) as weeks, sum(units)::text as units, round(avg(units))::text as weekly from (
            select distinct on (pp.sku, v.week_start) pp.sku, v.week_start, v.actual_units::numeric as units
              from promotion_volumes v
              join promotion_products pp on pp.id = v.promotion_product_id
              join promotions p on p.id = v.promotion_id
             where v.partnership_id = ${promotion.partnershipId}
               and p.id <> ${promotion.id} and p.starts_on < ${promotion.startsOn}
               ${own ? sql`and p.created_by_id = ${ctx.userId}` : sql``}
               and v.actual_units is not null
               and v.week_start between ${window.from} and ${window.to}
               and pp.sku in (${skuList(skus)})
             order by pp.sku, v.week_start, v.updated_at desc
          ) w group by sku`,
    ),
    rowsOf<{ sku: string; units: string; weekly: string }>(
      ctx.tx,
      sql`select l.sku, sum(l.quantity)::text as units, round(sum(l.quantity) / ${window.weeks})::text as weekly
            from invoice_lines l join invoices i on i.id = l.invoice_id
           where i.partnership_id = ${promotion.partnershipId}
             and i.status not in ('draft', 'void')
             ${own ? sql`and i.owner_id = ${ctx.userId}` : sql``}
             and i.issue_date between ${window.from} and ${window.to}
             and l.sku in (${skuList(skus)})
           group by l.sku`,
    ),
  ])
  const fromActuals = new Map(actuals.map((r) => [r.sku, r]))
  const fromInvoices = new Map(invoiced.map((r) => [r.sku, r]))
  const suggestions = products.map((p): BaselineSuggestion => {
    const a = fromActuals.get(p.sku)
    if (a) {
      return {
        promotionProductId: p.id,
        sku: p.sku,
        weekly: Number(a.weekly),
        source: 'actuals',
        weeks: Number(a.weeks),
        units: a.units,
      }
    }
    const i = fromInvoices.get(p.sku)
    if (i) {
      return {
        promotionProductId: p.id,
        sku: p.sku,
        weekly: Number(i.weekly),
        source: 'invoices',
        weeks: window.weeks,
        units: i.units,
      }
    }
    return { promotionProductId: p.id, sku: p.sku, weekly: null, source: 'none', weeks: 0, units: '0' }
  })
  return { window, products: suggestions }
}
