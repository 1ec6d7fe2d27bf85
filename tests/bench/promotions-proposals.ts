import { sql } from 'drizzle-orm'
import { allocationBalance } from '#app/features/funds/balances.ts'
import { getFund } from '#app/features/funds/get-fund.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import { rowsOf } from '#db/rows.ts'
import { asCaller, type Caller } from '#tests/integration/service-context.ts'

type Num = string | number | null
type Sums = { allocate: Num; adjust: Num; commit: Num; release: Num; spend: Num }

/** The capped count's limit: past it the fund page would say "1,000+ entries" (or page by keyset, no total). */
export const COUNT_CAP = 1000

/**
 * getFund's four statements as the bench proposes them, for the manager under RLS, to measure the effect before
 * anyone changes the service (app/features/funds/get-fund.server.ts):
 * - balances: sum by (allocation, kind) first, straight off the proposed covering index, then pivot and name the
 *   200 allocations (the service joins names to all 500,000 entries, then groups and sorts them);
 * - the ledger page: unchanged, served by the proposed (fund_id, created_at desc, id) index;
 * - the total: counted up to COUNT_CAP + 1 instead of over all the fund's entries.
 */
export async function proposedFundOverview(ctx: ServiceContext, fundId: string) {
  const [fund] = await rowsOf<{ id: string; org_id: string }>(
    ctx.tx,
    sql`select id, org_id, name, program, currency, starts_on::text, ends_on::text from funds where id = ${fundId}`,
  )
  const allocations = await rowsOf<Sums & { id: string }>(
    ctx.tx,
    sql`select a.id, a.partnership_id, o.name as partner_name, s.allocate, s.adjust, s.commit, s.release, s.spend
        from fund_allocations a
        join partnerships p on p.id = a.partnership_id
        join organizations o on o.id = p.partner_org_id
        left join (
          select allocation_id,
                 sum(total) filter (where kind = 'allocate') as allocate,
                 sum(total) filter (where kind = 'adjust') as adjust,
                 sum(total) filter (where kind = 'commit') as commit,
                 sum(total) filter (where kind = 'release') as release,
                 sum(total) filter (where kind = 'spend') as spend
          from (select e.allocation_id, e.kind, sum(e.amount) as total
                from ledger_entries e
                where e.allocation_id in (select id from fund_allocations where fund_id = ${fund.id})
                group by e.allocation_id, e.kind) k
          group by allocation_id) s on s.allocation_id = a.id
        where a.fund_id = ${fund.id}
        order by o.name`,
  )
  const entries = await rowsOf<{ id: string }>(
    ctx.tx,
    sql`select e.id, e.kind, e.amount, e.reason, e.created_at, o.name as partner_name, u.name as who
        from ledger_entries e
        left join partnerships p on p.id = e.partnership_id
        left join organizations o on o.id = p.partner_org_id
        left join users u on u.id = e.created_by_id
        where e.fund_id = ${fund.id}
        order by e.created_at desc, e.id
        limit 50`,
  )
  const [{ total }] = await rowsOf<{ total: string | number }>(
    ctx.tx,
    sql`select count(*) as total from (select 1 from ledger_entries e where e.fund_id = ${fund.id}
        limit ${COUNT_CAP + 1}) c`,
  )
  const [budget] = await rowsOf(
    ctx.tx,
    sql`select sum(amount) as budget from ledger_entries where fund_id = ${fund.id} and allocation_id is null`,
  )
  return { fund, allocations, entries, total: Number(total), budget }
}

/** The rewrite must answer what the service answers: the same balances, ledger page and (capped) total. */
export async function checkProposedFundOverview(manager: Caller, fundId: string) {
  const { service, proposed } = await asCaller(manager, async (ctx) => ({
    service: await getFund(ctx, fundId, { page: 1, pageSize: 50, offset: 0 }),
    proposed: await proposedFundOverview(ctx, fundId),
  }))
  const n = (v: Num) => Number(v ?? 0)
  const balances = (rows: { id: string; allocated: number; committed: number; spent: number }[]) =>
    JSON.stringify(rows.map((a) => [a.id, a.allocated, a.committed, a.spent]))
  const rewritten = proposed.allocations.map((a) => ({
    id: a.id,
    ...allocationBalance({
      allocate: n(a.allocate),
      adjust: n(a.adjust),
      commit: n(a.commit),
      release: n(a.release),
      spend: n(a.spend),
    }),
  }))
  const same =
    balances(service.allocations) === balances(rewritten) &&
    service.entries.map((e) => e.id).join() === proposed.entries.map((e) => e.id).join() &&
    Math.min(service.entriesTotal, COUNT_CAP + 1) === proposed.total
  if (!same) throw new Error('the proposed fund overview does not answer what getFund answers')
}
