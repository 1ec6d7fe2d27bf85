import { type SQL, sql } from 'drizzle-orm'
import { getFund } from '#app/features/funds/get-fund.server.ts'
import { listFunds } from '#app/features/funds/list-funds.server.ts'
import { getProgramView, PROGRAM_PAGE_SIZE } from '#app/features/promotions/get-program-view.server.ts'
import { programViewQuery } from '#app/features/promotions/program-view-query.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import type { Db, Tx } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import { asCaller, type Caller } from '#tests/integration/service-context.ts'
import { proposedFundOverview } from './promotions-proposals.ts'
import type { PromotionsWorld } from './promotions-seed.ts'
import { type Latency, latency } from './timing.ts'

export type ViewCase = {
  name: string
  service: (ctx: ServiceContext, i: number) => Promise<unknown>
  raw: (i: number) => Promise<unknown>
  rawSql: string
  /** The bench's proposed rewrite of the service's queries (promotions-proposals.ts), where there is one. */
  rewritten?: (ctx: ServiceContext, i: number) => Promise<unknown>
}
export type ViewTimings = {
  name: string
  rawSql: string
  /** The service as shipped (the migrations' indexes). */
  service: Latency
  raw: Latency
  /** The service again with the proposed indexes (PROPOSED_INDEXES). */
  proposed: Latency
  /** The proposed rewrite, with the proposed indexes. */
  rewritten?: Latency
}

const runs = Number(process.env.BENCH_ITERATIONS ?? 30)
const warmup = Number(process.env.BENCH_WARMUP_ITERATIONS ?? 3)
const budgetMs = 20_000
const firstPage = { page: 1, pageSize: 50, offset: 0 }

/** Rows of a raw query on the owner's handle (outside any transaction). */
export const rawRows = <T extends Record<string, unknown>>(raw: Db, query: SQL) =>
  rowsOf<T>(raw as unknown as Tx, query)

/** Covering indexes for the raw SQL (owner, no RLS), bench database only: every sum read from an index alone. */
export const RAW_INDEXES = [
  'create index bench_raw_allocation on ledger_entries (allocation_id, kind) include (amount, source_type, source_id)',
  'create index bench_raw_fund on ledger_entries (fund_id, kind) include (allocation_id, amount)',
]

export const DROP_RAW_INDEXES = ['drop index bench_raw_allocation', 'drop index bench_raw_fund']

/**
 * What the services would need, as a migration would do it (here in the bench database only): under RLS the
 * ledger policy reads partnership_id and org_id of every row, so an index without them never answers a sum alone
 * (the source columns let the program view attribute spend from the index too); and the fund page's newest-first
 * ledger wants an index in that order. The two plain ledger indexes are replaced.
 */
export const PROPOSED_INDEXES = [
  'drop index ledger_entries_allocation_idx',
  'drop index ledger_entries_fund_idx',
  'create index ledger_entries_allocation_idx on ledger_entries (allocation_id, kind) include (amount, source_type, source_id, partnership_id, org_id)',
  'create index ledger_entries_fund_idx on ledger_entries (fund_id, kind) include (allocation_id, amount, partnership_id, org_id)',
  'create index ledger_entries_fund_time_idx on ledger_entries (fund_id, created_at desc, id)',
]

export function managerOf(world: PromotionsWorld): Caller {
  return { orgId: world.hostOrgId, userId: world.managerId, orgKind: 'manufacturer', role: 'manager' }
}

/**
 * The fund page's balances per allocation, written for speed: one sum per (allocation, kind) straight off the
 * covering index, pivoted and named afterwards (800 rows rather than the fund's 500,000 entries).
 */
const rawFundBalances = (fundId: string) =>
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
              where e.allocation_id in (select id from fund_allocations where fund_id = ${fundId})
              group by e.allocation_id, e.kind) k
        group by allocation_id) s on s.allocation_id = a.id
      where a.fund_id = ${fundId}
      order by o.name`

/** The manufacturer's fund list (the service's own statement): budget, allocated and partners per fund. */
const rawFundList = (orgId: string) =>
  sql`select f.id, f.name, f.program, f.currency, f.starts_on::text, f.ends_on::text,
             (select sum(amount) from ledger_entries e where e.fund_id = f.id and e.allocation_id is null) as budget,
             (select sum(amount) from ledger_entries e
               where e.fund_id = f.id and e.allocation_id is not null and e.kind in ('allocate', 'adjust')) as allocated,
             (select count(*) from fund_allocations a where a.fund_id = f.id) as partners
      from funds f where f.org_id = ${orgId}
      order by f.starts_on desc, f.name`

const quarter = { from: '2025-04-01', to: '2025-06-30' }

/**
 * The views, each through its service and as raw SQL: the fund overview (getFund), the fund list (listFunds) and
 * the program ROI view (getProgramView) for the whole program and for one fund and quarter.
 */
export function viewCases(world: PromotionsWorld, raw: Db): ViewCase[] {
  const fund = (i: number) => world.fundIds[i % world.fundIds.length]
  const program = (filter: { fundId?: string; from?: string; to?: string }) =>
    programViewQuery({
      orgId: world.hostOrgId,
      ownUserId: null,
      ...filter,
      sort: 'roi',
      pageSize: PROGRAM_PAGE_SIZE,
      promotionsOffset: 0,
      partnersOffset: 0,
      fundsOffset: 0,
    })
  return [
    {
      name: 'fund overview: getFund (balances per allocation, ledger page 1)',
      service: (ctx, i) => getFund(ctx, fund(i), firstPage),
      raw: (i) => rawRows(raw, rawFundBalances(fund(i))),
      rawSql: 'balances per allocation, summed by (allocation, kind) first',
      rewritten: (ctx, i) => proposedFundOverview(ctx, fund(i)),
    },
    {
      name: 'fund list: listFunds (budget, allocated per fund)',
      service: (ctx) => listFunds(ctx),
      raw: () => rawRows(raw, rawFundList(world.hostOrgId)),
      rawSql: 'the service’s fund statement',
    },
    {
      name: 'program view: getProgramView (all funds, page 1 of each ranking)',
      service: (ctx) => getProgramView(ctx, {}),
      raw: () => rawRows(raw, program({})),
      rawSql: 'the service’s one statement',
    },
    {
      name: 'program view: getProgramView (one fund, one quarter)',
      service: (ctx, i) => getProgramView(ctx, { fundId: fund(i), ...quarter }),
      raw: (i) => rawRows(raw, program({ fundId: fund(i), ...quarter })),
      rawSql: 'the service’s one statement',
    },
  ]
}

/** Each service as the manager, one request at a time (median, p95), in its own RLS transaction. */
export async function timeServices(world: PromotionsWorld, cases: ViewCase[], log: (m: string) => void) {
  const manager = managerOf(world)
  const out: Latency[] = []
  for (const c of cases) {
    log(`  ${c.name}`)
    out.push(await latency((i) => asCaller(manager, (ctx) => c.service(ctx, i)), runs, warmup, budgetMs))
  }
  return out
}

/** The proposed rewrites, as the manager under RLS like the services. */
export async function timeRewritten(world: PromotionsWorld, cases: ViewCase[], log: (m: string) => void) {
  const manager = managerOf(world)
  const out: (Latency | undefined)[] = []
  for (const c of cases) {
    const rewritten = c.rewritten
    if (!rewritten) {
      out.push(undefined)
      continue
    }
    log(`  ${c.name}: the proposed rewrite`)
    out.push(await latency((i) => asCaller(manager, (ctx) => rewritten(ctx, i)), runs, warmup, budgetMs))
  }
  return out
}

export async function timeRaw(cases: ViewCase[], log: (m: string) => void) {
  const out: Latency[] = []
  for (const c of cases) {
    log(`  ${c.name}: raw SQL`)
    out.push(await latency((i) => c.raw(i), runs, warmup, budgetMs))
  }
  return out
}

/** DDL for the bench database only, then fresh statistics. */
export async function runStatements(raw: Db, statements: string[]) {
  for (const statement of statements) await raw.execute(sql.raw(statement))
  await raw.execute(sql`analyze ledger_entries`)
}
