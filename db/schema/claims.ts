import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { promotions } from './promotions.ts'
import { users } from './users.ts'

export const claimStatuses = ['submitted', 'approved', 'partially_approved', 'rejected', 'settled'] as const
export type ClaimStatus = (typeof claimStatuses)[number]

export const settlementMethods = ['credit_note', 'payment'] as const
export type SettlementMethod = (typeof settlementMethods)[number]

/**
 * A partner's claim against a funded promotion, with proof of performance. Approving (all or part) spends the
 * approved amount from the promotion's commitment through the ledger; settling records the credit note or payment
 * that paid it. `idempotency_key` (from the form) makes a double submit or a retry one claim.
 */
export const claims = pgTable(
  'claims',
  {
    id: id(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdByOrgId: uuid('created_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: claimStatuses }).notNull().default('submitted'),
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    decisionReason: text('decision_reason'),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    settlementMethod: text('settlement_method', { enum: settlementMethods }),
    settlementReference: text('settlement_reference'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('claims_idempotency_key').on(t.partnershipId, t.idempotencyKey),
    index('claims_promotion_idx').on(t.promotionId, t.createdAt),
    index('claims_host_status_idx').on(t.hostOrgId, t.status),
    check('claims_amount', sql`${t.amount} > 0`),
    check(
      'claims_approved',
      sql`${t.approvedAmount} is null or (${t.approvedAmount} >= 0 and ${t.approvedAmount} <= ${t.amount})`,
    ),
  ],
)

/** Proof of performance: files stored through the storage interface under random keys. */
export const claimProofs = pgTable(
  'claim_proofs',
  {
    id: id(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    uploadedByOrgId: uuid('uploaded_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claim_proofs_key').on(t.storageKey), index('claim_proofs_claim_idx').on(t.claimId)],
)

export type Claim = typeof claims.$inferSelect
export type ClaimProof = typeof claimProofs.$inferSelect
