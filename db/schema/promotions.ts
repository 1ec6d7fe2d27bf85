import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'
import { fundAllocations } from './funds.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { products } from './products.ts'
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
export type PromotionMechanics = (typeof promotionMechanics)[number]

/** Where a promotion runs (any of them). */
export const promotionChannels = ['in_store', 'online', 'catalogue', 'wholesale'] as const
export type PromotionChannel = (typeof promotionChannels)[number]

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
    /** Price discount in basis points, for the price_discount mechanics (1500 = 15.00 %). */
    discountBp: integer('discount_bp'),
    channels: text('channels', { enum: promotionChannels }).array().notNull().default(sql`'{}'::text[]`),
    /** Stores or regions it runs in, as the two sides name them. */
    regions: text('regions').notNull().default(''),
    /** Last day a claim may be filed; set from the end date when the promotion is drafted. */
    claimDeadline: date('claim_deadline'),
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
    check('promotions_discount', sql`${t.discountBp} is null or ${t.discountBp} between 0 and 10000`),
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

/**
 * The products a promotion covers. The manufacturer's catalogue is private to it (RLS), so the SKU, name and the
 * promotional unit price are copied here, where both sides can read them.
 */
export const promotionProducts = pgTable(
  'promotion_products',
  {
    id: id(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    /** Net promotional price per unit, minor units in the promotion's currency (incremental revenue uses it). */
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('promotion_products_key').on(t.promotionId, t.sku),
    check('promotion_products_price', sql`${t.unitPrice} >= 0`),
  ],
)

/**
 * Volume per promoted product and week (weeks start on Monday): the planned baseline (what would sell without the
 * promotion) and, once known, the actual sell-through. `version` catches two people saving the same cell.
 */
export const promotionVolumes = pgTable(
  'promotion_volumes',
  {
    promotionProductId: uuid('promotion_product_id')
      .notNull()
      .references(() => promotionProducts.id, { onDelete: 'cascade' }),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    weekStart: date('week_start').notNull(),
    baselineUnits: integer('baseline_units').notNull().default(0),
    actualUnits: integer('actual_units'),
    updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.promotionProductId, t.weekStart] }),
    index('promotion_volumes_promotion_idx').on(t.promotionId, t.weekStart),
    check(
      'promotion_volumes_units',
      sql`${t.baselineUnits} >= 0 and (${t.actualUnits} is null or ${t.actualUnits} >= 0)`,
    ),
  ],
)

export type Promotion = typeof promotions.$inferSelect
export type PromotionProduct = typeof promotionProducts.$inferSelect
export type PromotionVolume = typeof promotionVolumes.$inferSelect
