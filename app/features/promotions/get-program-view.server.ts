import { AppError } from '#app/lib/errors.ts'
import { rowsOf } from '#db/rows.ts'
import { can, seesOwnOnly } from '../auth/permissions.ts'
import { allocationBalance } from '../funds/balances.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { liftOf, moneyOutcome, utilisation } from './outcome.ts'
import { fundOptionsQuery, programViewQuery } from './program-view-query.server.ts'

export const PROGRAM_PAGE_SIZE = 25

export type ProgramViewInput = {
  fundId?: string
  /** ISO dates: promotions running, and funds whose period overlaps, between them. */
  from?: string
  to?: string
  /** Page of the promotions ranking (1-based). */
  page?: number
  partnerPage?: number
  fundPage?: number
  /** How partners are ranked: by ROI (then utilisation) or by utilisation (then ROI). */
  sort?: 'roi' | 'utilisation'
}

type Num = number | string | null
const n = (v: Num) => Number(v ?? 0)
const offset = (page: number | undefined) => (Math.max(1, Math.trunc(page ?? 1)) - 1) * PROGRAM_PAGE_SIZE

type PromotionRow = {
  id: string
  name: string
  status: string
  starts_on: string
  ends_on: string
  currency: string
  planned_spend: Num
  partner_contribution: Num
  reported: Num
  reported_baseline: Num
  actual: Num
  incremental_revenue: Num
  fund_spend: Num
  partner_name: string
  fund_name: string | null
}
type Sums = { allocated: Num; commit_total: Num; release_total: Num; spend_total: Num }
type PartnerRow = Sums & {
  id: string
  fund_id: string
  fund_name: string
  currency: string
  measured: Num
  incremental_revenue: Num
  fund_spend: Num
  partner_contribution: Num
  planned_spend: Num
  partner_name: string
}
type FundRow = Sums & {
  fund_id: string
  fund_name: string
  currency: string
  allocations: Num
}
type ViewRow = {
  promotions: PromotionRow[] | string
  partners: PartnerRow[] | string
  funds: FundRow[] | string
  promotions_total: Num
  partners_total: Num
  funds_total: Num
}

// postgres.js parses json columns; PGlite may hand back the text.
const list = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v)

function balanceFrom(row: Sums) {
  return allocationBalance({
    allocate: n(row.allocated),
    commit: n(row.commit_total),
    release: n(row.release_total),
    spend: n(row.spend_total),
  })
}

/**
 * The program view: the caller's promotions ranked by ROI, its partners' fund allocations ranked by ROI or
 * utilisation, and utilisation per fund, each paginated, from one set-based statement (program-view-query.server.ts).
 * A manufacturer sees its partnerships; a partner only its own (the where clauses, and RLS underneath).
 */
export async function getProgramView(ctx: ServiceContext, input: ProgramViewInput = {}) {
  if (!can(ctx.role, 'promotions:read')) throw new AppError('forbidden', 'promotions:errors.notFound')
  const [view] = await rowsOf<ViewRow>(
    ctx.tx,
    programViewQuery({
      orgId: ctx.orgId,
      ownUserId: seesOwnOnly(ctx.role) ? ctx.userId : null,
      fundId: input.fundId,
      from: input.from,
      to: input.to,
      sort: input.sort ?? 'roi',
      pageSize: PROGRAM_PAGE_SIZE,
      promotionsOffset: offset(input.page),
      partnersOffset: offset(input.partnerPage),
      fundsOffset: offset(input.fundPage),
    }),
  )
  const promotions = list(view.promotions).map((r) => {
    const reported = n(r.reported)
    const money = moneyOutcome({
      plannedSpend: n(r.planned_spend),
      partnerContribution: n(r.partner_contribution),
      fundSpend: n(r.fund_spend),
      incrementalRevenue: n(r.incremental_revenue),
      hasActuals: reported > 0,
    })
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      currency: r.currency,
      partnerName: r.partner_name,
      fundName: r.fund_name,
      hasActuals: reported > 0,
      incrementalRevenue: n(r.incremental_revenue),
      lift: liftOf(reported, BigInt(n(r.reported_baseline)), BigInt(n(r.actual))),
      ...money,
    }
  })
  const partners = list(view.partners).map((r) => {
    const balance = balanceFrom(r)
    const measured = n(r.measured)
    const money = moneyOutcome({
      plannedSpend: n(r.planned_spend),
      partnerContribution: n(r.partner_contribution),
      fundSpend: n(r.fund_spend),
      incrementalRevenue: n(r.incremental_revenue),
      hasActuals: measured > 0,
    })
    return {
      id: r.id,
      fundId: r.fund_id,
      fundName: r.fund_name,
      currency: r.currency,
      partnerName: r.partner_name,
      ...balance,
      utilisation: utilisation(balance),
      measuredPromotions: measured,
      incrementalRevenue: n(r.incremental_revenue),
      totalSpend: money.totalSpend,
      roi: money.roi,
    }
  })
  const funds = list(view.funds).map((r) => {
    const balance = balanceFrom(r)
    return {
      id: r.fund_id,
      name: r.fund_name,
      currency: r.currency,
      allocations: n(r.allocations),
      ...balance,
      utilisation: utilisation(balance),
    }
  })
  return {
    promotions: { rows: promotions, total: n(view.promotions_total) },
    partners: { rows: partners, total: n(view.partners_total) },
    funds: { rows: funds, total: n(view.funds_total) },
    pageSize: PROGRAM_PAGE_SIZE,
  }
}

/** The funds the program view can be filtered by. */
export function listProgramFunds(ctx: ServiceContext) {
  return rowsOf<{ id: string; name: string; currency: string }>(ctx.tx, fundOptionsQuery(ctx.orgId))
}
