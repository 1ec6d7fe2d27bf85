import { type SQL, sql } from 'drizzle-orm'

/**
 * The program view as ONE set-based statement (no query per promotion or partner). Each step is a CTE computed once:
 *
 *   scoped    the caller's promotions in the filter (fund, period; a member_own's own);
 *   alloc     the caller's allocations in the filter (fund; fund period overlapping the period);
 *   ledger    the allocations' sums by (allocation_id, kind), from ledger_totals (the entries already summed
 *             per allocation, kind and source: a few rows per allocation, not every entry); with a fund filter
 *             also `fund_id =`, so it seeks ledger_totals_fund_idx;
 *   spend_sources  the scoped promotions' allocations' `spend` totals by source (claim or promotion), from the
 *             same rows;
 *   volumes   one pass over the promotions' reported weekly volumes (weeks with an actual), in the weeks each
 *             promotion touches: reported cells, their baseline and actual, incremental revenue;
 *   spend     fund spend per promotion: spend sums attributed through the claim they came from, or to the
 *             promotion itself;
 *   figures   per promotion, and the exact ROI as a numeric for ranking (null when undefined: ranked last);
 *   sums      balances per allocation from the ledger groups;
 *   partners  per allocation: balances, utilisation, and the ROI of its promotions with actuals;
 * then a page of each list (promotions, partners, funds) as JSON, and each list's size, in one row.
 * The outcome module (outcome.ts) turns the sums into the displayed rates; SQL only ranks.
 */
export type ProgramQueryInput = {
  orgId: string
  /** member_own: only the promotions this user started. */
  ownUserId: string | null
  fundId?: string
  from?: string
  to?: string
  sort: 'roi' | 'utilisation'
  pageSize: number
  promotionsOffset: number
  partnersOffset: number
  fundsOffset: number
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `)

export function programViewQuery(q: ProgramQueryInput): SQL {
  const promotionWhere: SQL[] = [sql`(pa.host_org_id = ${q.orgId} or pa.partner_org_id = ${q.orgId})`]
  if (q.ownUserId) promotionWhere.push(sql`pr.created_by_id = ${q.ownUserId}`)
  if (q.fundId) {
    promotionWhere.push(
      sql`pr.allocation_id in (select id from fund_allocations where fund_id = ${q.fundId})`,
    )
  }
  if (q.from) promotionWhere.push(sql`pr.ends_on >= ${q.from}::date`)
  if (q.to) promotionWhere.push(sql`pr.starts_on <= ${q.to}::date`)

  const allocationWhere: SQL[] = [sql`(pa.host_org_id = ${q.orgId} or pa.partner_org_id = ${q.orgId})`]
  if (q.fundId) allocationWhere.push(sql`a.fund_id = ${q.fundId}`)
  if (q.from) allocationWhere.push(sql`f.ends_on >= ${q.from}::date`)
  if (q.to) allocationWhere.push(sql`f.starts_on <= ${q.to}::date`)

  // Redundant with the allocation lists below, but it lets the totals scans seek ledger_totals_fund_idx
  // (fund_id, kind) for one fund instead of reading every fund's totals.
  const ledgerFund = q.fundId ? sql`e.fund_id = ${q.fundId} and ` : sql``

  const partnerOrder =
    q.sort === 'utilisation'
      ? sql`p.utilisation desc nulls last, p.roi desc nulls last`
      : sql`p.roi desc nulls last, p.utilisation desc nulls last`

  return sql`
    with scoped as (
      select pr.id, pr.name, pr.status, pr.starts_on, pr.ends_on, pr.currency, pr.planned_spend,
             pr.partner_contribution, pr.allocation_id,
             case when pa.host_org_id = ${q.orgId} then pa.partner_org_id else pa.host_org_id end as other_org_id
      from promotions pr
      join partnerships pa on pa.id = pr.partnership_id
      where ${and(promotionWhere)}
    ),
    alloc as (
      select a.id, a.fund_id, f.name as fund_name, f.currency, f.starts_on,
             case when pa.host_org_id = ${q.orgId} then pa.partner_org_id else pa.host_org_id end as other_org_id
      from fund_allocations a
      join partnerships pa on pa.id = a.partnership_id
      join funds f on f.id = a.fund_id
      where ${and(allocationWhere)}
    ),
    ledger as (
      select e.allocation_id, e.kind, sum(e.amount) as amount
      from ledger_totals e
      where ${ledgerFund}e.allocation_id in (select id from alloc)
      group by e.allocation_id, e.kind
    ),
    spend_sources as (
      select e.source_type, e.source_id, sum(e.amount) as amount
      from ledger_totals e
      where ${ledgerFund}e.kind = 'spend' and e.source_type in ('claim', 'promotion')
        and e.allocation_id in (select allocation_id from scoped where allocation_id is not null)
      group by e.source_type, e.source_id
    ),
    volumes as (
      select v.promotion_id,
             count(v.actual_units) as reported,
             coalesce(sum(v.baseline_units) filter (where v.actual_units is not null), 0) as reported_baseline,
             coalesce(sum(v.actual_units), 0) as actual,
             coalesce(sum((v.actual_units - v.baseline_units)::bigint * pp.unit_price), 0) as incremental_revenue
      from promotion_volumes v
      join scoped s on s.id = v.promotion_id
      join promotion_products pp on pp.id = v.promotion_product_id
      -- Every figure here counts reported weeks only (a week without an actual adds nothing to any of them), so
      -- the weeks not reported yet are left out before the joins: most weeks of planned and live promotions.
      where v.actual_units is not null
        and v.week_start between date_trunc('week', s.starts_on::timestamp)::date
                          and date_trunc('week', s.ends_on::timestamp)::date
      group by v.promotion_id
    ),
    spend as (
      select coalesce(c.promotion_id, l.source_id) as promotion_id, sum(l.amount) as fund_spend
      from spend_sources l
      left join claims c on l.source_type = 'claim' and c.id = l.source_id
      group by 1
    ),
    figures as (
      select s.*, coalesce(v.reported, 0) as reported, coalesce(v.reported_baseline, 0) as reported_baseline,
             coalesce(v.actual, 0) as actual, coalesce(v.incremental_revenue, 0) as incremental_revenue,
             coalesce(sp.fund_spend, 0) as fund_spend,
             coalesce(sp.fund_spend, 0) + s.partner_contribution as total_spend
      from scoped s
      left join volumes v on v.promotion_id = s.id
      left join spend sp on sp.promotion_id = s.id
    ),
    ranked as (
      select f.*, case when f.reported > 0 and f.total_spend > 0
                       then (f.incremental_revenue - f.total_spend)::numeric / f.total_spend end as roi
      from figures f
    ),
    sums as (
      select allocation_id,
             coalesce(sum(amount) filter (where kind in ('allocate', 'adjust')), 0) as allocated,
             coalesce(sum(amount) filter (where kind = 'commit'), 0) as commit_total,
             coalesce(sum(amount) filter (where kind = 'release'), 0) as release_total,
             coalesce(sum(amount) filter (where kind = 'spend'), 0) as spend_total
      from ledger
      group by allocation_id
    ),
    promo_by_alloc as (
      select allocation_id, count(*) as promotions, sum(incremental_revenue) as incremental_revenue,
             sum(fund_spend) as fund_spend, sum(partner_contribution) as partner_contribution,
             sum(planned_spend) as planned_spend
      from figures where reported > 0 and allocation_id is not null
      group by allocation_id
    ),
    partners as (
      select a.*, coalesce(s.allocated, 0) as allocated, coalesce(s.commit_total, 0) as commit_total,
             coalesce(s.release_total, 0) as release_total, coalesce(s.spend_total, 0) as spend_total,
             coalesce(pb.promotions, 0) as measured, coalesce(pb.incremental_revenue, 0) as incremental_revenue,
             coalesce(pb.fund_spend, 0) as fund_spend, coalesce(pb.partner_contribution, 0) as partner_contribution,
             coalesce(pb.planned_spend, 0) as planned_spend,
             case when coalesce(s.allocated, 0) > 0
                  then (coalesce(s.commit_total, 0) - coalesce(s.release_total, 0))::numeric / s.allocated end
               as utilisation,
             case when pb.fund_spend + pb.partner_contribution > 0
                  then (pb.incremental_revenue - pb.fund_spend - pb.partner_contribution)::numeric
                       / (pb.fund_spend + pb.partner_contribution) end as roi
      from alloc a
      left join sums s on s.allocation_id = a.id
      left join promo_by_alloc pb on pb.allocation_id = a.id
    ),
    fund_rows as (
      select fund_id, fund_name, currency, starts_on, count(*) as allocations, sum(allocated) as allocated,
             sum(commit_total) as commit_total, sum(release_total) as release_total, sum(spend_total) as spend_total
      from partners group by fund_id, fund_name, currency, starts_on
    ),
    promotion_page as (
      select r.* from ranked r
      order by r.roi desc nulls last, r.name, r.id
      limit ${q.pageSize} offset ${q.promotionsOffset}
    ),
    partner_page as (
      select p.* from partners p
      order by ${partnerOrder}, p.fund_name, p.id
      limit ${q.pageSize} offset ${q.partnersOffset}
    ),
    fund_page as (
      select fr.* from fund_rows fr
      order by fr.starts_on desc, fr.fund_name, fr.fund_id
      limit ${q.pageSize} offset ${q.fundsOffset}
    )
    select
      (select coalesce(json_agg(x order by x.ord), '[]') from (
         select row_number() over (order by pp.roi desc nulls last, pp.name, pp.id) as ord,
                pp.id, pp.name, pp.status, pp.starts_on::text as starts_on, pp.ends_on::text as ends_on,
                pp.currency, pp.planned_spend, pp.partner_contribution, pp.reported, pp.reported_baseline,
                pp.actual, pp.incremental_revenue, pp.fund_spend, o.name as partner_name,
                fu.name as fund_name
         from promotion_page pp
         join organizations o on o.id = pp.other_org_id
         left join fund_allocations fa on fa.id = pp.allocation_id
         left join funds fu on fu.id = fa.fund_id) x) as promotions,
      (select coalesce(json_agg(x order by x.ord), '[]') from (
         select row_number() over (order by ${partnerOrder}, p.fund_name, p.id) as ord,
                p.id, p.fund_id, p.fund_name, p.currency, p.allocated, p.commit_total, p.release_total,
                p.spend_total, p.measured, p.incremental_revenue, p.fund_spend, p.partner_contribution,
                p.planned_spend, o.name as partner_name
         from partner_page p
         join organizations o on o.id = p.other_org_id) x) as partners,
      (select coalesce(json_agg(x order by x.starts_on desc, x.fund_name, x.fund_id), '[]') from (
         select fp.fund_id, fp.fund_name, fp.currency, fp.starts_on, fp.allocations, fp.allocated,
                fp.commit_total, fp.release_total, fp.spend_total
         from fund_page fp) x) as funds,
      (select count(*) from ranked) as promotions_total,
      (select count(*) from partners) as partners_total,
      (select count(*) from fund_rows) as funds_total`
}

/** Funds the caller may filter by: its own, or (a partner) those its allocations come from; RLS agrees. */
export function fundOptionsQuery(orgId: string): SQL {
  return sql`select f.id, f.name, f.currency from funds f
             where f.org_id = ${orgId}
                or f.id in (select a.fund_id from fund_allocations a
                            join partnerships pa on pa.id = a.partnership_id
                            where pa.partner_org_id = ${orgId})
             order by f.starts_on desc, f.name
             limit 200`
}
