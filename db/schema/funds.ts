import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { users } from './users.ts'

export const fundPrograms = ['coop', 'mdf'] as const
export type FundProgram = (typeof fundPrograms)[number]

/**
 * A co-op or MDF budget of a manufacturer (org_id) for a period, in one currency. Its size is not a column: it is
 * the sum of its fund-level ledger entries (docs/architecture.md, “Money and records edited by two people”, money moves only by entries).
 */
export const funds = pgTable(
  'funds',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    program: text('program', { enum: fundPrograms }).notNull(),
    currency: text('currency').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('funds_name_key').on(t.orgId, sql`lower(${t.name})`),
    check('funds_period', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
)

/** The part of a fund set aside for one partnership; its balances are sums of its ledger entries. */
export const fundAllocations = pgTable(
  'fund_allocations',
  {
    id: id(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('fund_allocations_key').on(t.fundId, t.partnershipId)],
)

export const ledgerKinds = ['allocate', 'commit', 'release', 'spend', 'adjust'] as const
export type LedgerKind = (typeof ledgerKinds)[number]

/**
 * Append-only money movements. Fund-level `adjust` entries (allocation_id null) size the fund; `allocate` and
 * allocation-level `adjust` move money to an allocation; `commit`, `release` and `spend` move it within one.
 * Amounts are signed minor units in the fund's currency; the app role may insert, never update or delete.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'cascade' }),
    allocationId: uuid('allocation_id').references(() => fundAllocations.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** What caused it: a fund request, a claim, a cancellation… (type and id). */
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_allocation_idx').on(t.allocationId, t.kind),
    // The fund page's history, newest first; sums read ledger_totals instead.
    index('ledger_entries_fund_time_idx').on(t.fundId, t.createdAt.desc().nullsFirst(), t.id),
    check('ledger_entries_amount', sql`${t.amount} <> 0`),
  ],
)

/**
 * The ledger summed per (allocation, kind, source, fund), so balances read a few rows instead of every entry.
 * Derived, never written by the app: an AFTER INSERT statement trigger on ledger_entries adds each statement's
 * entries (migration 0016; decision 0028). org_id and partnership_id are the entries' own, for the same RLS.
 * `id` is only a replica identity: the key has nullable columns.
 */
export const ledgerTotals = pgTable(
  'ledger_totals',
  {
    id: id(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id, { onDelete: 'cascade' }),
    allocationId: uuid('allocation_id').references(() => fundAllocations.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** How many entries the sum holds (the fund page's entry count). */
    entries: bigint('entries', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('ledger_totals_key')
      .on(t.allocationId, t.kind, t.sourceType, t.sourceId, t.fundId)
      .nullsNotDistinct(),
    index('ledger_totals_fund_idx').on(t.fundId, t.kind),
  ],
)
