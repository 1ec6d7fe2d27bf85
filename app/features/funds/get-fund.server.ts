import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import type { PageRequest } from '#app/lib/pagination.ts'
import { rowsOf } from '#db/rows.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { allocationBalance } from './balances.ts'

const notFound = () => new AppError('not_found', 'funds:errors.notFound')
const n = (v: string | number | null | undefined) => Number(v ?? 0)

/**
 * One fund. Its manufacturer sees every allocation and the whole ledger; a partner sees only its own allocation
 * and its entries (row-level security enforces the same underneath). Anything else is "not found".
 */
export async function getFund(ctx: ServiceContext, id: string, page: PageRequest) {
  if (!isId(id) || !can(ctx.role, 'funds:read')) throw notFound()
  const [fund] = await rowsOf<{
    id: string
    org_id: string
    name: string
    program: string
    currency: string
    starts_on: string
    ends_on: string
  }>(
    ctx.tx,
    sql`select id, org_id, name, program, currency, starts_on::text, ends_on::text from funds where id = ${id}`,
  )
  if (!fund) throw notFound()
  const host = fund.org_id === ctx.orgId
  // A partner's view is limited to partnerships where it is the partner (never another partner's allocation).
  const scope = host ? sql`true` : sql`p.partner_org_id = ${ctx.orgId}`
  const allocations = await rowsOf<{
    id: string
    partnership_id: string
    partner_name: string
    allocate: string | null
    adjust: string | null
    commit: string | null
    release: string | null
    spend: string | null
  }>(
    ctx.tx,
    sql`select a.id, a.partnership_id, o.name as partner_name,
               sum(t.amount) filter (where t.kind = 'allocate') as allocate,
               sum(t.amount) filter (where t.kind = 'adjust') as adjust,
               sum(t.amount) filter (where t.kind = 'commit') as commit,
               sum(t.amount) filter (where t.kind = 'release') as release,
               sum(t.amount) filter (where t.kind = 'spend') as spend
        from fund_allocations a
        join partnerships p on p.id = a.partnership_id
        join organizations o on o.id = p.partner_org_id
        left join ledger_totals t on t.allocation_id = a.id and t.fund_id = ${fund.id}
        where a.fund_id = ${fund.id} and ${scope}
        group by a.id, o.name
        order by o.name`,
  )
  if (!host && allocations.length === 0) throw notFound()
  const ids = sql.join(
    allocations.map((a) => sql`${a.id}`),
    sql`, `,
  )
  // The same scope for the entries (the history page) and for their totals (the count and, for the host, the
  // budget: the fund-level totals, which a partner cannot read anyway).
  const entryScope = host ? sql`e.fund_id = ${fund.id}` : sql`e.allocation_id in (${ids})`
  const [entries, [counted]] = await Promise.all([
    rowsOf<{
      id: string
      kind: string
      amount: string | number
      reason: string
      created_at: Date | string
      partner_name: string | null
      who: string | null
    }>(
      ctx.tx,
      sql`select e.id, e.kind, e.amount, e.reason, e.created_at, o.name as partner_name, u.name as who
          from ledger_entries e
          left join partnerships p on p.id = e.partnership_id
          left join organizations o on o.id = p.partner_org_id
          left join users u on u.id = e.created_by_id
          where ${entryScope}
          order by e.created_at desc, e.id
          limit ${page.pageSize} offset ${page.offset}`,
    ),
    rowsOf<{ total: string | number | null; budget: string | number | null }>(
      ctx.tx,
      sql`select sum(e.entries) as total, sum(e.amount) filter (where e.allocation_id is null) as budget
          from ledger_totals e where ${entryScope}`,
    ),
  ])
  const rows = allocations.map((a) => ({
    id: a.id,
    partnershipId: a.partnership_id,
    partnerName: a.partner_name,
    ...allocationBalance({
      allocate: n(a.allocate),
      adjust: n(a.adjust),
      commit: n(a.commit),
      release: n(a.release),
      spend: n(a.spend),
    }),
  }))
  const allocated = rows.reduce((sum, a) => sum + a.allocated, 0)
  return {
    fund: {
      id: fund.id,
      name: fund.name,
      program: fund.program,
      currency: fund.currency,
      startsOn: fund.starts_on,
      endsOn: fund.ends_on,
    },
    host,
    totals: host
      ? { budget: n(counted?.budget), allocated, unallocated: n(counted?.budget) - allocated }
      : null,
    allocations: rows,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: n(e.amount),
      reason: e.reason,
      at: new Date(e.created_at).toISOString(),
      partnerName: e.partner_name,
      who: e.who,
    })),
    entriesTotal: n(counted?.total),
    canManage: host && can(ctx.role, 'funds:manage'),
  }
}
