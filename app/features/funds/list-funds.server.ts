import { sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { allocationBalance } from './balances.ts'

/**
 * The caller's money in one query of sums: for a manufacturer, its funds with budget, allocated and unallocated;
 * for a partner, its own allocations (allocated, committed, spent, available) per fund. The sums come from
 * ledger_totals, which only the ledger's insert trigger writes: never a balance the app edits.
 */
export async function listFunds(ctx: ServiceContext) {
  const own = await rowsOf<{
    id: string
    name: string
    program: string
    currency: string
    starts_on: string
    ends_on: string
    budget: string | number | null
    allocated: string | number | null
    partners: string | number
  }>(
    ctx.tx,
    sql`select f.id, f.name, f.program, f.currency, f.starts_on::text, f.ends_on::text,
               (select sum(amount) from ledger_totals t where t.fund_id = f.id and t.allocation_id is null) as budget,
               (select sum(amount) from ledger_totals t
                 where t.fund_id = f.id and t.allocation_id is not null and t.kind in ('allocate', 'adjust')) as allocated,
               (select count(*) from fund_allocations a where a.fund_id = f.id) as partners
        from funds f where f.org_id = ${ctx.orgId}
        order by f.starts_on desc, f.name`,
  )
  const mine = await rowsOf<{
    allocation_id: string
    fund_id: string
    fund_name: string
    program: string
    currency: string
    host_name: string
    allocate: string | number | null
    adjust: string | number | null
    commit: string | number | null
    release: string | number | null
    spend: string | number | null
  }>(
    ctx.tx,
    sql`select a.id as allocation_id, f.id as fund_id, f.name as fund_name, f.program, f.currency, o.name as host_name,
               sum(t.amount) filter (where t.kind = 'allocate') as allocate,
               sum(t.amount) filter (where t.kind = 'adjust') as adjust,
               sum(t.amount) filter (where t.kind = 'commit') as commit,
               sum(t.amount) filter (where t.kind = 'release') as release,
               sum(t.amount) filter (where t.kind = 'spend') as spend
        from fund_allocations a
        join partnerships p on p.id = a.partnership_id and p.partner_org_id = ${ctx.orgId}
        join funds f on f.id = a.fund_id
        join organizations o on o.id = f.org_id
        left join ledger_totals t on t.allocation_id = a.id
        group by a.id, f.id, o.name
        order by f.starts_on desc, f.name`,
  )
  const n = (v: string | number | null) => Number(v ?? 0)
  return {
    funds: own.map((f) => ({
      id: f.id,
      name: f.name,
      program: f.program,
      currency: f.currency,
      startsOn: f.starts_on,
      endsOn: f.ends_on,
      budget: n(f.budget),
      allocated: n(f.allocated),
      unallocated: n(f.budget) - n(f.allocated),
      partners: n(f.partners),
    })),
    allocations: mine.map((a) => ({
      id: a.allocation_id,
      fundId: a.fund_id,
      fundName: a.fund_name,
      program: a.program,
      currency: a.currency,
      hostName: a.host_name,
      ...allocationBalance({
        allocate: n(a.allocate),
        adjust: n(a.adjust),
        commit: n(a.commit),
        release: n(a.release),
        spend: n(a.spend),
      }),
    })),
  }
}
