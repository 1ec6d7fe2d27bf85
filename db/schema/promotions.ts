import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'
import { fundAllocations } from './funds.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { users } from './users.ts'

export const promotionStatuses = [
  'draft',
  'submitted',
  'approved',
  'live',
  'completed',
  'settled',
  'rejected',
  'cancelled',
] as const
export type PromotionStatus = (typeof promotionStatuses)[number]

export const promotionMechanics = ['price_discount', 'display', 'feature_ad', 'bundle', 'other'] as const

/**
 * A joint promotion on a partnership, drafted by either side. Submitting asks its manufacturer (the partnership's
 * host) for `requested_amount` from one allocation; approval commits `approved_amount` there through the ledger,
 * cancelling releases what is still committed. `version` catches two people saving the same draft.
 */
export const promotions = pgTable(
  'promotions',
  {
    id: id(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdByOrgId: uuid('created_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mechanics: text('mechanics', { enum: promotionMechanics }).notNull(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    currency: text('currency').notNull(),
    plannedSpend: bigint('planned_spend', { mode: 'number' }).notNull().default(0),
    partnerContribution: bigint('partner_contribution', { mode: 'number' }).notNull().default(0),
    expectedLiftBp: integer('expected_lift_bp').notNull().default(0),
    status: text('status', { enum: promotionStatuses }).notNull().default('draft'),
    allocationId: uuid('allocation_id').references(() => fundAllocations.id, { onDelete: 'set null' }),
    requestedAmount: bigint('requested_amount', { mode: 'number' }),
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    decisionReason: text('decision_reason'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('promotions_partnership_idx').on(t.partnershipId, t.startsOn),
    index('promotions_host_idx').on(t.hostOrgId, t.status),
    check('promotions_period', sql`${t.endsOn} >= ${t.startsOn}`),
    check('promotions_amounts', sql`${t.plannedSpend} >= 0 and ${t.partnerContribution} >= 0`),
  ],
)

/** Every status change, with who and why (the promotion's history; audit events record it too). */
export const promotionEvents = pgTable(
  'promotion_events',
  {
    id: id(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorOrgId: uuid('actor_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('promotion_events_promotion_idx').on(t.promotionId, t.createdAt)],
)
