import { sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findPromotion } from './find-promotion.server.ts'
import { computeOutcome, type OutcomeProduct, type OutcomeVolume } from './outcome.ts'

/**
 * A promotion's Outcome tab: its products with their weekly volumes in the weeks its dates touch (cells kept from
 * earlier dates are not figures of this plan, decision 0016), in one query, and the money its claims (or the
 * promotion itself) spent from the fund (one sum on the promotion's allocation, through the ledger's
 * (allocation_id, kind) index), turned into figures by the outcome module. Authorized by findPromotion; RLS scopes
 * every row to the caller's partnerships underneath.
 */
export async function getPromotionOutcome(ctx: ServiceContext, id: string) {
  const { promotion, side } = await findPromotion(ctx, id)
  const rows = await rowsOf<{
    id: string
    sku: string
    name: string
    unit_price: string | number
    week_start: string | null
    baseline_units: number | null
    actual_units: number | null
  }>(
    ctx.tx,
    sql`select pp.id, pp.sku, pp.name, pp.unit_price, v.week_start::text as week_start, v.baseline_units, v.actual_units
        from promotion_products pp
        left join promotion_volumes v on v.promotion_product_id = pp.id
          and v.week_start between date_trunc('week', ${promotion.startsOn}::timestamp)::date
                               and date_trunc('week', ${promotion.endsOn}::timestamp)::date
        where pp.promotion_id = ${promotion.id}
        order by pp.position, pp.sku, v.week_start`,
  )
  const [spend] = promotion.allocationId
    ? await rowsOf<{ spent: string | number | null }>(
        ctx.tx,
        sql`select sum(e.amount) as spent from ledger_totals e
            where e.allocation_id = ${promotion.allocationId} and e.kind = 'spend'
              and ((e.source_type = 'claim' and e.source_id in (select c.id from claims c where c.promotion_id = ${promotion.id}))
                or (e.source_type = 'promotion' and e.source_id = ${promotion.id}))`,
      )
    : []
  const products = new Map<string, OutcomeProduct>()
  const volumes: OutcomeVolume[] = []
  for (const row of rows) {
    if (!products.has(row.id)) {
      products.set(row.id, { id: row.id, sku: row.sku, name: row.name, unitPrice: Number(row.unit_price) })
    }
    if (row.week_start !== null) {
      volumes.push({
        productId: row.id,
        weekStart: row.week_start,
        baselineUnits: Number(row.baseline_units ?? 0),
        actualUnits: row.actual_units === null ? null : Number(row.actual_units),
      })
    }
  }
  const outcome = computeOutcome({
    promotion,
    products: [...products.values()],
    volumes,
    fundSpend: Number(spend?.spent ?? 0),
  })
  return {
    promotion: {
      id: promotion.id,
      name: promotion.name,
      status: promotion.status,
      startsOn: promotion.startsOn,
      endsOn: promotion.endsOn,
      currency: promotion.currency,
      expectedLiftBp: promotion.expectedLiftBp,
    },
    side,
    outcome,
  }
}
