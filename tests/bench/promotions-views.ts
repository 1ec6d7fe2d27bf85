import { SQL, StringChunk, sql } from 'drizzle-orm'
import { getFund } from '#app/features/funds/get-fund.server.ts'
import { listFunds } from '#app/features/funds/list-funds.server.ts'
import { getProgramView, PROGRAM_PAGE_SIZE } from '#app/features/promotions/get-program-view.server.ts'
import { programViewQuery } from '#app/features/promotions/program-view-query.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import type { Db, Tx } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import { asCaller, type Caller } from '#tests/integration/service-context.ts'
import type { PromotionsWorld } from './promotions-seed.ts'
import { type Latency, latency, percentile } from './timing.ts'

export type ViewCase = {
  name: string
  service: (ctx: ServiceContext, i: number) => Promise<unknown>
  /** The same statements as the owner, no RLS: what the view costs without the app around it. */
  raw: (i: number) => Promise<unknown>
  rawSql: string
  /** The same answer summed from ledger_entries with covering indexes: the view before ledger_totals. */
  entries: (i: number) => Promise<unknown>
}
export type ViewTimings = {
  name: string
  rawSql: string
  service: Latency
  raw: Latency
  entries: Latency
}

const runs = Number(process.env.BENCH_ITERATIONS ?? 30)
const warmup = Number(process.env.BENCH_WARMUP_ITERATIONS ?? 3)
const budgetMs = 20_000
const firstPage = { page: 1, pageSize: 50, offset: 0 }

/** Rows of a raw query on the owner's handle (outside any transaction). */
export const rawRows = <T extends Record<string, unknown>>(raw: Db, query: SQL) =>
  rowsOf<T>(raw as unknown as Tx, query)

/**
 * Covering indexes for the sums over ledger_entries (owner, no RLS), bench database only, while the
 * "before ledger_totals" statements run: every sum read from an index alone.
 */
export const RAW_INDEXES = [
  'create index bench_raw_allocation on ledger_entries (allocation_id, kind) include (amount, source_type, source_id)',
  'create index bench_raw_fund on ledger_entries (fund_id, kind) include (allocation_id, amount)',
]

export const DROP_RAW_INDEXES = ['drop index bench_raw_allocation', 'drop index bench_raw_fund']

export function managerOf(world: PromotionsWorld): Caller {
  return { orgId: world.hostOrgId, userId: world.managerId, orgKind: 'manufacturer', role: 'manager' }
}

/**
 * The fund page as the owner, statement by statement as the service: the fund; balances per allocation, summed by
 * (allocation, kind) first, then pivoted and named; the newest 50 entries; how many entries there are and the
 * budget. `source` is ledger_totals (as the service) or ledger_entries (before it: the count is a count(*)).
 */
async function rawFundOverview(raw: Db, fundId: string, source: 'ledger_totals' | 'ledger_entries') {
  const from = sql.raw(source)
  const count = sql.raw(source === 'ledger_totals' ? 'sum(e.entries)' : 'count(*)')
  const fund = await rawRows(
    raw,
    sql`select id, org_id, name, program, currency, starts_on::text, ends_on::text from funds where id = ${fundId}`,
  )
  const balances = await rawRows(
    raw,
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
                from ${from} e
                where e.allocation_id in (select id from fund_allocations where fund_id = ${fundId})
                group by e.allocation_id, e.kind) k
          group by allocation_id) s on s.allocation_id = a.id
        where a.fund_id = ${fundId}
        order by o.name`,
  )
  const page = await rawRows(
    raw,
    sql`select e.id, e.kind, e.amount, e.reason, e.created_at, o.name as partner_name, u.name as who
        from ledger_entries e
        left join partnerships p on p.id = e.partnership_id
        left join organizations o on o.id = p.partner_org_id
        left join users u on u.id = e.created_by_id
        where e.fund_id = ${fundId}
        order by e.created_at desc, e.id
        limit 50`,
  )
  const counted = await rawRows(
    raw,
    sql`select ${count} as total, sum(e.amount) filter (where e.allocation_id is null) as budget
        from ${from} e where e.fund_id = ${fundId}`,
  )
  return { fund, balances, page, counted }
}

/**
 * The fund list as the owner, the service's two statements: the org's funds with budget, allocated and partners,
 * and the allocations it holds as a partner (none, for the bench's manufacturer).
 */
async function rawFundList(raw: Db, orgId: string, source: 'ledger_totals' | 'ledger_entries') {
  const from = sql.raw(source)
  const own = await rawRows(
    raw,
    sql`select f.id, f.name, f.program, f.currency, f.starts_on::text, f.ends_on::text,
               (select sum(amount) from ${from} e where e.fund_id = f.id and e.allocation_id is null) as budget,
               (select sum(amount) from ${from} e
                 where e.fund_id = f.id and e.allocation_id is not null and e.kind in ('allocate', 'adjust')) as allocated,
               (select count(*) from fund_allocations a where a.fund_id = f.id) as partners
        from funds f where f.org_id = ${orgId}
        order by f.starts_on desc, f.name`,
  )
  const mine = await rawRows(
    raw,
    sql`select a.id as allocation_id, f.id as fund_id, f.name as fund_name, f.program, f.currency, o.name as host_name,
               sum(e.amount) filter (where e.kind = 'allocate') as allocate,
               sum(e.amount) filter (where e.kind = 'adjust') as adjust,
               sum(e.amount) filter (where e.kind = 'commit') as commit,
               sum(e.amount) filter (where e.kind = 'release') as release,
               sum(e.amount) filter (where e.kind = 'spend') as spend
        from fund_allocations a
        join partnerships p on p.id = a.partnership_id and p.partner_org_id = ${orgId}
        join funds f on f.id = a.fund_id
        join organizations o on o.id = f.org_id
        left join ${from} e on e.allocation_id = a.id
        group by a.id, f.id, o.name
        order by f.starts_on desc, f.name`,
  )
  return { own, mine }
}

/**
 * A statement with ledger_totals read as ledger_entries: the program view's sums as they were written before the
 * rollup (the same GROUP BYs over every entry instead of every total), for the bench's "before" figure only.
 */
function overEntries(query: SQL): SQL {
  return new SQL(
    query.queryChunks.map((chunk) => {
      if (chunk instanceof SQL) return overEntries(chunk)
      if (chunk instanceof StringChunk) {
        return new StringChunk(chunk.value.map((v) => v.replaceAll('ledger_totals', 'ledger_entries')))
      }
      return chunk
    }),
  )
}

const quarter = { from: '2025-04-01', to: '2025-06-30' }

/**
 * The views, each through its service, as the same SQL by the owner, and as the same answer from the entries: the
 * fund overview (getFund), the fund list (listFunds) and the program ROI view (getProgramView) for the whole
 * program and for one fund and quarter.
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
      name: 'fund overview: getFund (balances per allocation, ledger page 1, entry count)',
      service: (ctx, i) => getFund(ctx, fund(i), firstPage),
      raw: (i) => rawFundOverview(raw, fund(i), 'ledger_totals'),
      rawSql: 'fund row, balances by (allocation, kind) first, page 1, count and budget',
      entries: (i) => rawFundOverview(raw, fund(i), 'ledger_entries'),
    },
    {
      name: 'fund list: listFunds (budget, allocated per fund)',
      service: (ctx) => listFunds(ctx),
      raw: () => rawFundList(raw, world.hostOrgId, 'ledger_totals'),
      rawSql: 'the service’s two statements',
      entries: () => rawFundList(raw, world.hostOrgId, 'ledger_entries'),
    },
    {
      name: 'program view: getProgramView (all funds, page 1 of each ranking)',
      service: (ctx) => getProgramView(ctx, {}),
      raw: () => rawRows(raw, program({})),
      rawSql: 'the service’s one statement',
      entries: () => rawRows(raw, overEntries(program({}))),
    },
    {
      name: 'program view: getProgramView (one fund, one quarter)',
      service: (ctx, i) => getProgramView(ctx, { fundId: fund(i), ...quarter }),
      raw: (i) => rawRows(raw, program({ fundId: fund(i), ...quarter })),
      rawSql: 'the service’s one statement',
      entries: (i) => rawRows(raw, overEntries(program({ fundId: fund(i), ...quarter }))),
    },
  ]
}

/**
 * Each service as the manager (its own RLS transaction) and its raw statements as the owner, one call of each in
 * turn (which goes first alternates), so both meet the same load on a shared machine: median and p95 of each.
 */
export async function timeServicesBesideRaw(
  world: PromotionsWorld,
  cases: ViewCase[],
  log: (m: string) => void,
) {
  const manager = managerOf(world)
  const service: Latency[] = []
  const raw: Latency[] = []
  for (const c of cases) {
    log(`  ${c.name}: the service and raw SQL in turn`)
    const calls = [(i: number) => asCaller(manager, (ctx) => c.service(ctx, i)), c.raw]
    const times: number[][] = [[], []]
    for (let i = 0; i < warmup; i++) for (const call of calls) await call(i)
    const started = performance.now()
    for (let i = 0; i < runs && (i < 5 || performance.now() - started < 2 * budgetMs); i++) {
      for (const k of i % 2 ? [1, 0] : [0, 1]) {
        const t = performance.now()
        await calls[k](i)
        times[k].push(performance.now() - t)
      }
    }
    const [s, r] = times.map((list) => {
      const sorted = list.sort((a, b) => a - b)
      return { median: percentile(sorted, 50), p95: percentile(sorted, 95), runs: sorted.length }
    })
    service.push(s)
    raw.push(r)
  }
  return { service, raw }
}

/**
 * The fixed cost every service call pays before its own statements: an RLS transaction as the manager (BEGIN,
 * the role and settings, one trivial statement, COMMIT).
 */
export function timeEmptyTransaction(world: PromotionsWorld) {
  return latency(
    () => asCaller(managerOf(world), (ctx) => ctx.tx.execute(sql`select 1`)),
    runs * 3,
    warmup,
    budgetMs,
  )
}

/** The same answers summed from ledger_entries (before ledger_totals), as the owner. */
export async function timeEntries(cases: ViewCase[], log: (m: string) => void) {
  const out: Latency[] = []
  for (const c of cases) {
    log(`  ${c.name}: raw SQL over ledger_entries`)
    out.push(await latency((i) => c.entries(i), runs, warmup, budgetMs))
  }
  return out
}

/** DDL for the bench database only, then fresh statistics. */
export async function runStatements(raw: Db, statements: string[]) {
  for (const statement of statements) await raw.execute(sql.raw(statement))
  await raw.execute(sql`analyze ledger_entries, ledger_totals`)
}
