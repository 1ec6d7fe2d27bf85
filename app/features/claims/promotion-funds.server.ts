import { sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import type { Promotion } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type PromotionFunds = { committed: number; released: number; spent: number; remaining: number }

/**
 * What a promotion still has committed on its allocation, as sums of the ledger (ledger_totals, kept by the ledger's insert trigger; never a figure the app writes): the
 * approval's commit, less releases for it, less what its claims spent.
 */
export async function promotionFunds(
  ctx: Pick<ServiceContext, 'tx'>,
  promotion: Pick<Promotion, 'id' | 'allocationId'>,
): Promise<PromotionFunds> {
  if (!promotion.allocationId) return { committed: 0, released: 0, spent: 0, remaining: 0 }
  const [row] = await rowsOf<{ committed: string | null; released: string | null; spent: string | null }>(
    ctx.tx,
    sql`select
          sum(amount) filter (where kind = 'commit' and source_type = 'promotion' and source_id = ${promotion.id}) as committed,
          sum(amount) filter (where kind = 'release' and source_type = 'promotion' and source_id = ${promotion.id}) as released,
          sum(amount) filter (where kind = 'spend' and source_type = 'claim'
            and source_id in (select id from claims where promotion_id = ${promotion.id})) as spent
        from ledger_totals where allocation_id = ${promotion.allocationId}`,
  )
  const committed = Number(row?.committed ?? 0)
  const released = Number(row?.released ?? 0)
  const spent = Number(row?.spent ?? 0)
  return { committed, released, spent, remaining: committed - released - spent }
}
