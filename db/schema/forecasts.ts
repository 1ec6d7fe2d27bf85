import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
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
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { products } from './products.ts'
import { promotions } from './promotions.ts'
import { users } from './users.ts'

/**
 * The lines of a co-forecast grid. `host` is the manufacturer's forecast (the partnership's host), `partner` the
 * retailer's or distributor's; each side edits only its own (services and RLS). `consensus` is agreed: either side
 * proposes a figure, the other accepts it. `actual` is what sold, imported once known (forecast accuracy).
 */
export const forecastLines = ['host', 'partner', 'consensus', 'actual'] as const
export type ForecastLine = (typeof forecastLines)[number]

export const forecastUnits = ['units', 'cases', 'pallets', 'kg', 'litres'] as const
export type ForecastUnit = (typeof forecastUnits)[number]

// The references every co-forecast table carries (rows go with their plan and partnership).
const partnershipId = () =>
  uuid('partnership_id')
    .notNull()
    .references(() => partnerships.id, { onDelete: 'cascade' })
const forecastId = () =>
  uuid('forecast_id')
    .notNull()
    .references(() => forecasts.id, { onDelete: 'cascade' })
const forecastProductId = () =>
  uuid('forecast_product_id')
    .notNull()
    .references(() => forecastProducts.id, { onDelete: 'cascade' })

/**
 * A co-forecast plan on a partnership: products × `horizon_weeks` Monday weeks from `start_week`, with the
 * exception rules the two sides agreed (docs/decisions/0019-co-forecasts.md). A rule whose columns are null is off.
 * `version` catches two people saving the setup at once.
 */
export const forecasts = pgTable(
  'forecasts',
  {
    id: id(),
    partnershipId: partnershipId(),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdByOrgId: uuid('created_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startWeek: date('start_week').notNull(),
    horizonWeeks: integer('horizon_weeks').notNull(),
    unit: text('unit', { enum: forecastUnits }).notNull().default('units'),
    /** Side gap: flag a cell where the two forecasts differ by more than this share (basis points of the larger)… */
    gapBp: integer('gap_bp'),
    /** …and by more than this many units (both must hold). */
    gapUnits: integer('gap_units'),
    /** Consensus shift: flag a cell whose consensus moved more than this share from the last published version. */
    shiftBp: integer('shift_bp'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('forecasts_partnership_idx').on(t.partnershipId, t.startWeek),
    index('forecasts_host_idx').on(t.hostOrgId),
    check('forecasts_horizon', sql`${t.horizonWeeks} between 1 and 104`),
    check('forecasts_monday', sql`extract(isodow from ${t.startWeek}) = 1`),
    check(
      'forecasts_rules',
      sql`(${t.gapBp} is null or ${t.gapBp} between 0 and 10000) and (${t.gapUnits} is null or ${t.gapUnits} >= 0)
        and (${t.shiftBp} is null or ${t.shiftBp} >= 0)`,
    ),
  ],
)

/**
 * The rows of a plan. The manufacturer's catalogue is private to it (RLS), so SKU and name are copied here, where
 * both sides read them; promotions match the plan's rows by SKU.
 */
export const forecastProducts = pgTable(
  'forecast_products',
  {
    id: id(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('forecast_products_key').on(t.forecastId, t.sku),
    index('forecast_products_order_idx').on(t.forecastId, t.position),
  ],
)

/**
 * One figure of the grid: a product, a week and a line. A consensus cell holds the agreed `value` and, while one
 * side's figure waits for the other's acceptance, `proposed` and who proposed it. `version` goes up on every change
 * so two people saving the same cell are told; every change is also kept in forecast_cell_changes (trigger).
 */
export const forecastCells = pgTable(
  'forecast_cells',
  {
    forecastProductId: forecastProductId(),
    weekStart: date('week_start').notNull(),
    line: text('line', { enum: forecastLines }).notNull(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    value: integer('value'),
    proposed: integer('proposed'),
    proposedByOrgId: uuid('proposed_by_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    updatedByOrgId: uuid('updated_by_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    version: version(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.forecastProductId, t.weekStart, t.line] }),
    index('forecast_cells_forecast_idx').on(t.forecastId, t.line),
    check(
      'forecast_cells_values',
      sql`(${t.value} is null or ${t.value} >= 0) and (${t.proposed} is null or ${t.proposed} >= 0)`,
    ),
    check('forecast_cells_proposal', sql`${t.proposed} is null or ${t.line} = 'consensus'`),
  ],
)

/** Why a cell changed, as the trigger records it (the service sets `tandem.change_kind` for the transaction). */
export const forecastChangeKinds = ['edit', 'propose', 'accept', 'import', 'reject'] as const
export type ForecastChangeKind = (typeof forecastChangeKinds)[number]

/**
 * Every change of every cell, with who, when, old and new (append-only, written by triggers on forecast_cells so
 * no code path can skip it). History and version comparison read it.
 */
export const forecastCellChanges = pgTable(
  'forecast_cell_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    forecastProductId: forecastProductId(),
    weekStart: date('week_start').notNull(),
    line: text('line', { enum: forecastLines }).notNull(),
    kind: text('kind', { enum: forecastChangeKinds }).notNull(),
    oldValue: integer('old_value'),
    newValue: integer('new_value'),
    oldProposed: integer('old_proposed'),
    newProposed: integer('new_proposed'),
    version: integer('version').notNull(),
    changedById: uuid('changed_by_id').references(() => users.id, { onDelete: 'set null' }),
    changedByOrgId: uuid('changed_by_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('forecast_cell_changes_cell_idx').on(t.forecastProductId, t.weekStart, t.line, t.id),
    index('forecast_cell_changes_forecast_idx').on(t.forecastId, t.id),
  ],
)

/**
 * A promotion's expected lift applied to one line of a plan: traced as its own rows (the line's figure plus its
 * active adjustments is what the grid shows and the rules check), undone by setting `undone_at`.
 */
export const forecastAdjustments = pgTable(
  'forecast_adjustments',
  {
    id: id(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    promotionId: uuid('promotion_id').references(() => promotions.id, { onDelete: 'set null' }),
    line: text('line', { enum: forecastLines }).notNull(),
    label: text('label').notNull(),
    liftBp: integer('lift_bp').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdByOrgId: uuid('created_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneById: uuid('undone_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('forecast_adjustments_forecast_idx').on(t.forecastId, t.line),
    // One active adjustment per promotion and line: applying twice (a retry) cannot double the lift.
    uniqueIndex('forecast_adjustments_active_key')
      .on(t.forecastId, t.promotionId, t.line)
      .where(sql`undone_at is null`),
    check('forecast_adjustments_line', sql`${t.line} in ('host', 'partner', 'consensus')`),
  ],
)

/** The units an adjustment adds to one cell of its line. */
export const forecastAdjustmentCells = pgTable(
  'forecast_adjustment_cells',
  {
    adjustmentId: uuid('adjustment_id')
      .notNull()
      .references(() => forecastAdjustments.id, { onDelete: 'cascade' }),
    forecastProductId: forecastProductId(),
    weekStart: date('week_start').notNull(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    units: integer('units').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.adjustmentId, t.forecastProductId, t.weekStart] }),
    index('forecast_adjustment_cells_forecast_idx').on(t.forecastId),
  ],
)

/** A published version: the consensus (and both sides' lines) frozen, numbered 1, 2, … per plan. */
export const forecastVersions = pgTable(
  'forecast_versions',
  {
    id: id(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    number: integer('number').notNull(),
    note: text('note').notNull().default(''),
    publishedById: uuid('published_by_id').references(() => users.id, { onDelete: 'set null' }),
    publishedByOrgId: uuid('published_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('forecast_versions_key').on(t.forecastId, t.number)],
)

/** The figures of a published version, as the grid showed them (adjustments included). */
export const forecastVersionCells = pgTable(
  'forecast_version_cells',
  {
    forecastVersionId: uuid('forecast_version_id')
      .notNull()
      .references(() => forecastVersions.id, { onDelete: 'cascade' }),
    forecastProductId: forecastProductId(),
    weekStart: date('week_start').notNull(),
    partnershipId: partnershipId(),
    host: integer('host'),
    partner: integer('partner'),
    consensus: integer('consensus'),
  },
  (t) => [primaryKey({ columns: [t.forecastVersionId, t.forecastProductId, t.weekStart] })],
)

export const forecastRules = ['side_gap', 'consensus_shift'] as const
export type ForecastRule = (typeof forecastRules)[number]

export const forecastExceptionStatuses = ['open', 'explained', 'resolved'] as const
export type ForecastExceptionStatus = (typeof forecastExceptionStatuses)[number]

/**
 * A cell breaking one of the plan's rules. One row per cell and rule: it is opened when the cell first breaks the
 * rule, its figures follow the cell while it stays open, and it reopens if the cell breaks the rule again after
 * being resolved. `version` catches two people changing it at once; forecast_exception_events keeps who decided what.
 */
export const forecastExceptions = pgTable(
  'forecast_exceptions',
  {
    id: id(),
    forecastId: forecastId(),
    partnershipId: partnershipId(),
    forecastProductId: forecastProductId(),
    weekStart: date('week_start').notNull(),
    rule: text('rule', { enum: forecastRules }).notNull(),
    status: text('status', { enum: forecastExceptionStatuses }).notNull().default('open'),
    /** The figures compared when it was last checked (host and partner, or consensus and the published one). */
    left: integer('left_value'),
    right: integer('right_value'),
    /** Signed difference left − right, and its share in basis points of the larger. */
    varianceUnits: integer('variance_units').notNull(),
    varianceBp: integer('variance_bp').notNull(),
    /** Whether the cell still breaks the rule (false once the figures came back within it). */
    breaking: boolean('breaking').notNull().default(true),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    resolvedById: uuid('resolved_by_id').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('forecast_exceptions_key').on(t.forecastProductId, t.weekStart, t.rule),
    index('forecast_exceptions_forecast_idx').on(t.forecastId, t.status),
  ],
)

/** Every step of an exception: opened, owner set, explained, resolved, reopened, with who and what they said. */
export const forecastExceptionEvents = pgTable(
  'forecast_exception_events',
  {
    id: id(),
    exceptionId: uuid('exception_id')
      .notNull()
      .references(() => forecastExceptions.id, { onDelete: 'cascade' }),
    partnershipId: partnershipId(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note').notNull().default(''),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorOrgId: uuid('actor_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forecast_exception_events_exception_idx').on(t.exceptionId, t.createdAt)],
)

export type Forecast = typeof forecasts.$inferSelect
export type ForecastProduct = typeof forecastProducts.$inferSelect
export type ForecastCell = typeof forecastCells.$inferSelect
export type ForecastException = typeof forecastExceptions.$inferSelect
export type ForecastVersion = typeof forecastVersions.$inferSelect
