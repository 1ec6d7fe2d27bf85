import { sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { assertPermission } from '../auth/require.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { allocate, fundTotals } from './ledger.server.ts'
import { splitByWeight } from './split-by-weight.ts'

export const allocationRules = ['equal', 'sales'] as const
export type AllocationRule = (typeof allocationRules)[number]

export type PlannedShare = { partnershipId: string; partnerName: string; sales: number; amount: number }

type Fund = { id: string; currency: string; startsOn: string; endsOn: string }

/** The period of the same length just before the fund's own: "last period" for the sales rule. */
export function previousPeriod(startsOn: string, endsOn: string) {
  const day = 86_400_000
  const start = Date.parse(`${startsOn}T00:00:00Z`)
  const length = Date.parse(`${endsOn}T00:00:00Z`) - start + day
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
  return { from: iso(start - length), to: iso(start - day) }
}

/**
 * A preview of splitting `amount` over the caller's active partnerships: equally, or in proportion to each one's
 * invoiced sales (issued, not void, in the fund's currency) in the previous period of the same length. Nothing moves
 * until the plan is applied.
 */
export async function planAllocation(
  ctx: ServiceContext,
  fund: Fund,
  input: { rule: AllocationRule; amount: number },
) {
  assertPermission(ctx, 'funds:manage')
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new AppError('invalid', 'funds:errors.amount')
  const period = previousPeriod(fund.startsOn, fund.endsOn)
  const rows = await rowsOf<{ id: string; name: string; sales: string | number | null }>(
    ctx.tx,
    sql`select p.id, o.name,
               (select sum(i.total) from invoices i
                 where i.partnership_id = p.id and i.host_org_id = ${ctx.orgId} and i.currency = ${fund.currency}
                   and i.status <> 'void' and i.issue_date between ${period.from} and ${period.to}) as sales
        from partnerships p join organizations o on o.id = p.partner_org_id
        where p.host_org_id = ${ctx.orgId} and p.status = 'active'
        order by o.name`,
  )
  if (rows.length === 0) throw new AppError('conflict', 'funds:errors.noPartners')
  const sales = rows.map((r) => Number(r.sales ?? 0))
  if (input.rule === 'sales' && sales.every((s) => s === 0))
    throw new AppError('conflict', 'funds:errors.noSales')
  const shares = splitByWeight(input.amount, input.rule === 'equal' ? rows.map(() => 1) : sales)
  const plan: PlannedShare[] = rows
    .map((r, i) => ({ partnershipId: r.id, partnerName: r.name, sales: sales[i], amount: shares[i] }))
    .filter((share) => share.amount > 0)
  const totals = await fundTotals(ctx, fund.id)
  return { plan, period, unallocated: totals.unallocated, fits: input.amount <= totals.unallocated }
}

/** Applies a plan computed afresh (never the browser's copy), all or nothing, under the fund lock. */
export async function applyAllocationPlan(
  ctx: ServiceContext,
  fund: Fund,
  input: { rule: AllocationRule; amount: number },
) {
  const { plan, fits } = await planAllocation(ctx, fund, input)
  if (!fits) throw new AppError('conflict', 'funds:errors.overFund')
  const reason = input.rule === 'equal' ? 'Equal split' : 'Share of last period’s sales'
  for (const share of plan) {
    await allocate(ctx, { fundId: fund.id, partnershipId: share.partnershipId, amount: share.amount, reason })
  }
  await ctx.audit({
    action: 'fund.allocated_by_rule',
    targetType: 'fund',
    targetId: fund.id,
    data: { rule: input.rule, amount: input.amount, partners: plan.length },
  })
  return plan
}
