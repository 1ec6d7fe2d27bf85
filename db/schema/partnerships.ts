import { sql } from 'drizzle-orm'
import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'
import { organizations, role } from './organizations.ts'
import { users } from './users.ts'

export const partnershipKinds = ['channel', 'customer'] as const
export const partnershipKind = pgEnum('partnership_kind', partnershipKinds)
export const partnershipTiers = ['platinum', 'gold', 'silver', 'bronze', 'standard'] as const
export const partnershipTier = pgEnum('partnership_tier', partnershipTiers)
export const partnershipStatuses = ['invited', 'active', 'suspended', 'ended'] as const
export const partnershipStatus = pgEnum('partnership_status', partnershipStatuses)

/** The central link: every shared record belongs to exactly one partnership. */
export const partnerships = pgTable(
  'partnerships',
  {
    id: id(),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: partnershipKind('kind').notNull(),
    tier: partnershipTier('tier').notNull().default('standard'),
    status: partnershipStatus('status').notNull().default('invited'),
    accountManagerId: uuid('account_manager_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex('partnerships_pair_key').on(t.hostOrgId, t.partnerOrgId),
    index('partnerships_partner_idx').on(t.partnerOrgId),
    index('partnerships_host_status_idx').on(t.hostOrgId, t.status),
    check('partnerships_distinct_orgs', sql`${t.hostOrgId} <> ${t.partnerOrgId}`),
  ],
)

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    /** The org the invitee joins. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The org that sent it (same as org_id for colleagues, the host for a partner's first admin). */
    invitedByOrgId: uuid('invited_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: role('role').notNull(),
    invitedById: uuid('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_org_idx').on(t.orgId),
    index('invitations_by_org_idx').on(t.invitedByOrgId),
  ],
)

export type Partnership = typeof partnerships.$inferSelect
export type Invitation = typeof invitations.$inferSelect
export type PartnershipStatus = (typeof partnershipStatuses)[number]
