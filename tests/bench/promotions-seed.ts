import { type SQL, sql } from 'drizzle-orm'
import { allocationBalance } from '#app/features/funds/balances.ts'
import { getDatabase } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import type { LedgerKind } from '#db/schema/funds.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'

export type PromotionsScale = {
  partners: number
  funds: number
  allocations: number
  promotions: number
  /** Ledger cycles per allocation; each cycle is the 20 entries of CYCLE. */
  cycles: number
}

export type PromotionsWorld = {
  hostOrgId: string
  ownerId: string
  managerId: string
  fundIds: string[]
  scale: PromotionsScale
  counts: Record<string, number>
}

/**
 * 200 partnerships, 4 funds × 200 allocations, 5,000 promotions and 2,000,000 ledger entries at scale 1.
 * Per-allocation density stays the same at any scale: only the number of partners (and so allocations) shrinks.
 */
export function promotionsScale(scale: number): PromotionsScale {
  const funds = 4
  const partners = Math.max(4, Math.round(200 * scale))
  const allocations = funds * partners
  const promotions = Math.max(allocations, Math.round(5000 * scale))
  const cycles = Math.max(1, Math.round((2_000_000 * scale) / allocations / CYCLE.length))
  return { partners, funds, allocations, promotions, cycles }
}

/**
 * One cycle of an allocation's ledger, in time order, in units of 100 minor units (× 1–5 per allocation): an
 * allocation, then commitments that are partly spent and partly released. Every prefix keeps committed ≥ 0 and
 * available ≥ 0 (checkCycle), so any number of cycles does too. Mix: 5 % allocate, 40 % commit, 35 % spend,
 * 20 % release.
 */
const CYCLE: [LedgerKind, number][] = [
  ['allocate', 200],
  ['commit', 40],
  ['commit', 30],
  ['spend', 25],
  ['release', 10],
  ['commit', 20],
  ['spend', 30],
  ['commit', 40],
  ['spend', 35],
  ['release', 5],
  ['commit', 30],
  ['spend', 25],
  ['commit', 20],
  ['spend', 30],
  ['release', 10],
  ['commit', 25],
  ['spend', 20],
  ['commit', 15],
  ['spend', 10],
  ['release', 5],
]

function checkCycle() {
  const sums: Partial<Record<LedgerKind, number>> = {}
  for (const [kind, units] of CYCLE) {
    sums[kind] = (sums[kind] ?? 0) + units
    const b = allocationBalance(sums)
    if (b.committed < 0 || b.available < 0) throw new Error(`bench ledger cycle goes negative at ${kind}`)
  }
}

const STATUSES = [
  'draft',
  'submitted',
  'approved',
  'live',
  'completed',
  'completed',
  'completed',
  'settled',
  'settled',
  'cancelled',
]
const text = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`)
// Deterministic ids (an md5 of a name and a number) let each set-based insert point at rows of another
// without a join.
const ref = (name: string, n: SQL | string) =>
  sql`md5(${`bench-${name}-`} || (${typeof n === 'string' ? sql.raw(n) : n})::text)::uuid`

/** Seeds as the owner with INSERT … SELECT generate_series, one statement per table, then VACUUM ANALYZE. */
export async function seedPromotions(
  scale: PromotionsScale,
  log: (m: string) => void,
): Promise<PromotionsWorld> {
  checkCycle()
  const { partners: P, allocations: A, promotions: M, cycles: C } = scale
  const { host, owner, manager } = await asSystem(async (tx) => {
    const host = await createOrg(tx, { kind: 'manufacturer', name: 'Bench Brands', slug: 'bench-brands' })
    const owner = await createMember(tx, { orgId: host.id, role: 'owner', name: 'Bench Owner' })
    const manager = await createMember(tx, { orgId: host.id, role: 'manager', name: 'Bench Manager' })
    return { host, owner, manager }
  })
  const h = sql`${host.id}::uuid`
  const ownerId = sql`${owner.id}::uuid`
  const managerId = sql`${manager.id}::uuid`
  // A superuser skips the foreign-key triggers for the bulk inserts (checked once at the end instead): five
  // key lookups per ledger row would make seeding take minutes.
  const [{ rolsuper: superuser }] = await asSystem((tx) =>
    rowsOf<{ rolsuper: boolean }>(tx, sql`select rolsuper from pg_roles where rolname = current_user`),
  )
  const run = async (label: string, query: SQL | SQL[]) => {
    const t = performance.now()
    await asSystem(async (tx) => {
      if (superuser) await tx.execute(sql`set local session_replication_role = replica`)
      for (const statement of Array.isArray(query) ? query : [query]) await tx.execute(statement)
    })
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }

  await run(
    `${P} partner orgs and partnerships`,
    sql`with o as (
          insert into organizations (id, kind, name, slug, customer_code)
          select ${ref('org', 'i')}, (${text(['retailer', 'distributor'])})[1 + i % 2]::org_kind,
                 (${text(['Acorn', 'Birch', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor'])})[1 + i % 8]
                   || ' Stores ' || lpad(((i * 7919) % ${P})::text, 4, '0'),
                 'bench-partner-' || i, 'BP-' || lpad(i::text, 6, '0')
          from generate_series(0, ${P - 1}) i
          returning id)
        insert into partnerships (id, host_org_id, partner_org_id, kind, tier, status, account_manager_id)
        select ${ref('ps', 'i')}, ${h}, ${ref('org', 'i')}, 'channel',
               (${text(['platinum', 'gold', 'silver', 'bronze', 'standard'])})[1 + i % 5]::partnership_tier,
               'active', ${managerId}
        from generate_series(0, ${P - 1}) i`,
  )
  await run(
    '40 products, 4 funds and their allocations',
    sql`with p as (
          insert into products (id, org_id, sku, name, unit_price, currency)
          select ${ref('product', 'k')}, ${h}, 'SKU-' || lpad(k::text, 4, '0'), 'Product ' || k,
                 500 + (k * 137) % 4500, 'USD'
          from generate_series(0, 39) k
          returning id),
        f as (
          insert into funds (id, org_id, name, program, currency, starts_on, ends_on, created_by_id)
          select ${ref('fund', 'f')}, ${h}, (${text(['Co-op', 'MDF', 'Launch co-op', 'Seasonal MDF'])})[1 + f] || ' 2025',
                 (${text(['coop', 'mdf'])})[1 + f % 2], 'USD', date '2025-01-01', date '2025-12-31', ${ownerId}
          from generate_series(0, ${scale.funds - 1}) f
          returning id)
        insert into fund_allocations (id, fund_id, org_id, partnership_id)
        select ${ref('alloc', 'n')}, ${ref('fund', sql`n / ${P}`)}, ${h}, ${ref('ps', sql`n % ${P}`)}
        from generate_series(0, ${A - 1}) n, (select count(*) from f) _f`,
  )
  // Promotion i runs on allocation i % A (so on partnership (i % A) % P), 4 weeks from a Monday of 2025.
  await run(
    `${M} promotions`,
    sql`insert into promotions (id, partnership_id, host_org_id, created_by_org_id, name, mechanics, starts_on,
                                ends_on, currency, planned_spend, partner_contribution, expected_lift_bp, discount_bp,
                                channels, claim_deadline, status, allocation_id, requested_amount, approved_amount,
                                created_by_id)
        select ${ref('promo', 'i')}, ${ref('ps', sql`(i % ${A}) % ${P}`)}, ${h},
               case when i % 2 = 0 then ${h} else ${ref('org', sql`(i % ${A}) % ${P}`)} end,
               'Promotion ' || lpad(i::text, 5, '0'),
               (${text(['price_discount', 'display', 'feature_ad', 'bundle', 'other'])})[1 + i % 5],
               s, s + 27, 'USD', planned, planned / 4, 500 + (i % 30) * 100,
               case when i % 5 = 0 then 1500 end, '{in_store}', s + 87, status,
               case when status <> 'draft' then ${ref('alloc', sql`i % ${A}`)} end,
               case when status <> 'draft' then planned end,
               case when status in ('approved', 'live', 'completed', 'settled') then planned * 9 / 10 end,
               ${ownerId}
        from generate_series(0, ${M - 1}) i,
             lateral (select date '2025-01-06' + 7 * ((i * 7) % 44) as s, 50000 + (i * 7919) % 200000 as planned,
                             (${text(STATUSES)})[1 + i % 10] as status) x`,
  )
  await run(
    `${M * 3} promotion products and ${M * 12} weekly volumes`,
    sql`with pp as (
          insert into promotion_products (id, promotion_id, partnership_id, product_id, sku, name, unit_price, position)
          select ${ref('pp', sql`p.id::text || '-' || k`)}, p.id, p.partnership_id, ${ref('product', 'q')},
                 'SKU-' || lpad(q::text, 4, '0'), 'Product ' || q, 500 + (q * 137) % 4500, k
          from promotions p, generate_series(0, 2) k,
               lateral (select (abs(hashtext(p.id::text)) + k * 13) % 40 as q) x
          returning id, promotion_id, partnership_id)
        insert into promotion_volumes (promotion_product_id, promotion_id, partnership_id, week_start, baseline_units,
                                       actual_units)
        select pp.id, pp.promotion_id, pp.partnership_id, p.starts_on + 7 * w, base,
               case when p.status in ('live', 'completed', 'settled')
                    then base * (90 + abs(hashtext(pp.id::text || w)) % 60) / 100 end
        from pp join promotions p on p.id = pp.promotion_id, generate_series(0, 3) w,
             lateral (select 80 + abs(hashtext(pp.id::text || '-' || w)) % 240 as base) x`,
  )
  await run(
    'claims on completed and settled promotions',
    sql`insert into claims (id, promotion_id, partnership_id, host_org_id, created_by_org_id, idempotency_key, amount,
                            currency, description, status, approved_amount, decided_by_id, decided_at,
                            settlement_method, settlement_reference, settled_at, created_by_id)
        select md5('bench-claim-' || p.id::text || '-' || c)::uuid, p.id, p.partnership_id, p.host_org_id,
               s.partner_org_id, 'bench-' || p.id || '-' || c,
               p.approved_amount / 2, 'USD', 'Display and feature ad, week ' || c, st,
               case st when 'approved' then p.approved_amount / 2 when 'settled' then p.approved_amount / 2
                       when 'partially_approved' then p.approved_amount / 4 when 'rejected' then 0 end,
               case when st <> 'submitted' then ${managerId} end, case when st <> 'submitted' then p.ends_on + 30 end,
               case when st = 'settled' then 'credit_note' end, case when st = 'settled' then 'CN-' || c end,
               case when st = 'settled' then p.ends_on + 45 end, null
        from promotions p join partnerships s on s.id = p.partnership_id, generate_series(1, 2) c,
             lateral (select case when p.status = 'settled' then 'settled'
                                  else (${text(['approved', 'partially_approved', 'submitted', 'rejected'])})[1 + (abs(hashtext(p.id::text)) + c) % 4]
                             end as st) x
        where p.status in ('completed', 'settled') and (c = 1 or abs(hashtext(p.id::text)) % 3 = 0)`,
  )
  // Entry g belongs to allocation g % A and is step (g / A) % 20 of cycle g / (20 A): interleaved in time across
  // allocations, as a live ledger is. Each cycle's moves point at one of the allocation's promotions (k), spending
  // through its first claim when it has claims (statuses 4–8 of STATUSES: completed, settled).
  const total = A * C * CYCLE.length
  const pattern = sql.raw(CYCLE.map(([kind, units], step) => `(${step}, '${kind}', ${units})`).join(', '))
  // The ledger's indexes are built after the bulk insert (as the migrations define them): filling a random-uuid
  // primary key and two other indexes row by row costs most of the seeding time.
  const indexes = await asSystem((tx) =>
    rowsOf<{ name: string; def: string }>(
      tx,
      sql`select indexname as name, indexdef as def from pg_indexes
          where tablename = 'ledger_entries' and indexname <> 'ledger_entries_pkey'`,
    ),
  )
  await run(`${total.toLocaleString('en')} ledger entries, then their indexes`, [
    sql`alter table ledger_entries drop constraint ledger_entries_pkey`,
    ...indexes.map((i) => sql.raw(`drop index ${i.name}`)),
    sql`insert into ledger_entries (fund_id, allocation_id, org_id, partnership_id, kind, amount, reason, source_type,
                                    source_id, created_by_id, created_at)
        select ${ref('fund', sql`a.n / ${P}`)}, ${ref('alloc', 'a.n')}, ${h}, ${ref('ps', sql`a.n % ${P}`)}, pt.kind,
               pt.units * 100 * (1 + a.n % 5), 'Bench ' || pt.kind,
               case when pt.kind = 'allocate' then null when pt.kind = 'spend' and claimed then 'claim' else 'promotion' end,
               case when pt.kind = 'allocate' then null
                    when pt.kind = 'spend' and claimed then md5('bench-claim-' || promo::text || '-1')::uuid
                    else promo end,
               ${managerId}, timestamptz '2025-01-01 00:00Z' + g * interval '1 second' * ${31_536_000 / total}
        from generate_series(0, ${total - 1}) g
        join (select n, (${M} - n + ${A - 1}) / ${A} as promos from generate_series(0, ${A - 1}) n) a on a.n = g % ${A}
        join (values ${pattern}) pt(step, kind, units) on pt.step = (g / ${A}) % ${CYCLE.length},
        lateral (select a.n + ${A} * ((g / ${A * CYCLE.length}) % a.promos) as k) pk,
        lateral (select ${ref('promo', 'pk.k')} as promo, pk.k % 10 between 4 and 8 as claimed) pr`,
    sql`alter table ledger_entries add constraint ledger_entries_pkey primary key (id)`,
    ...indexes.map((i) => sql.raw(i.def)),
  ])
  await run(
    'fund budgets (fund-level adjust entries)',
    sql`insert into ledger_entries (fund_id, org_id, kind, amount, reason, created_by_id, created_at)
        select fund_id, ${h}, 'adjust', sum(amount) * 6 / 5, 'Budget 2025', ${ownerId}, timestamptz '2024-12-15 00:00Z'
        from ledger_entries where kind = 'allocate' group by fund_id`,
  )
  // A superuser's bulk inserts ran as a replica, so the ledger_totals trigger did not fire: sum them once.
  await run('ledger_totals from the entries', sql`select ledger_totals_rebuild()`)
  const t = performance.now()
  // Outside a transaction: VACUUM sets the visibility map (index-only scans), as autovacuum would in production.
  await getDatabase().owner.execute(sql`vacuum analyze`)
  log(`  vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`)

  const counts = await countRows()
  await checkBalances()
  if (superuser) await checkReferences()
  const fundIds = (
    await asSystem((tx) =>
      rowsOf<{ id: string }>(tx, sql`select id from funds where org_id = ${h} order by name`),
    )
  ).map((r) => r.id)
  return { hostOrgId: host.id, ownerId: owner.id, managerId: manager.id, fundIds, scale, counts }
}

async function countRows() {
  const tables = [
    'partnerships',
    'fund_allocations',
    'promotions',
    'promotion_products',
    'promotion_volumes',
    'claims',
    'ledger_entries',
    'ledger_totals',
  ]
  const [row] = await asSystem((tx) =>
    rowsOf<Record<string, string | number>>(
      tx,
      sql.raw(`select ${tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`),
    ),
  )
  return Object.fromEntries(tables.map((t) => [t, Number(row[t])]))
}

/** The seed must be a valid ledger: no allocation with negative committed or available money. */
async function checkBalances() {
  const [row] = await asSystem((tx) =>
    rowsOf<{ committed: string | number; available: string | number }>(
      tx,
      sql`select min(commit - release - spend) as committed, min(allocate + adjust - commit + release) as available
          from (select allocation_id,
                       coalesce(sum(amount) filter (where kind = 'allocate'), 0) as allocate,
                       coalesce(sum(amount) filter (where kind = 'adjust'), 0) as adjust,
                       coalesce(sum(amount) filter (where kind = 'commit'), 0) as commit,
                       coalesce(sum(amount) filter (where kind = 'release'), 0) as release,
                       coalesce(sum(amount) filter (where kind = 'spend'), 0) as spend
                from ledger_entries where allocation_id is not null group by allocation_id) b`,
    ),
  )
  if (Number(row.committed) < 0 || Number(row.available) < 0) {
    throw new Error(`seeded ledger goes negative: ${JSON.stringify(row)}`)
  }
}

/** What the skipped foreign-key triggers would have checked, once for the whole seed. */
async function checkReferences() {
  const [row] = await asSystem((tx) =>
    rowsOf<Record<string, string | number>>(
      tx,
      sql`select
            (select count(*) from (select distinct fund_id, allocation_id, partnership_id from ledger_entries) d
              where not exists (select from funds f where f.id = d.fund_id)
                 or (d.allocation_id is not null and not exists (select from fund_allocations a
                       where a.id = d.allocation_id and a.fund_id = d.fund_id and a.partnership_id = d.partnership_id)))
              as ledger,
            (select count(*) from promotions p where not exists (select from partnerships s where s.id = p.partnership_id)
               or (p.allocation_id is not null and not exists (select from fund_allocations a where a.id = p.allocation_id)))
              as promotions,
            (select count(*) from promotion_volumes v
              where not exists (select from promotion_products pp where pp.id = v.promotion_product_id)) as volumes,
            (select count(*) from claims c where not exists (select from promotions p where p.id = c.promotion_id))
              as claims`,
    ),
  )
  if (Object.values(row).some((v) => Number(v) > 0))
    throw new Error(`seed has dangling references: ${JSON.stringify(row)}`)
}
