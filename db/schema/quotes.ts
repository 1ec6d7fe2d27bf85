import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'
import { documentTotals, pricedLineColumns } from './line-columns.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { users } from './users.ts'

/** `expired` is not stored: a sent or viewed quote past its validity date reads as expired. */
export const quoteStatuses = ['draft', 'sent', 'viewed', 'accepted', 'declined'] as const
export const quoteStatus = pgEnum('quote_status', quoteStatuses)
export const signatureKinds = ['drawn', 'typed'] as const
export const signatureKind = pgEnum('signature_kind', signatureKinds)

/**
 * A quote on a partnership, issued by the host. Staff edit `current_revision`; the customer sees
 * `published_revision` (the latest one sent). Once accepted, a trigger refuses any change to it or its lines.
 */
export const quotes = pgTable(
  'quotes',
  {
    id: id(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    number: text('number'),
    title: text('title').notNull(),
    status: quoteStatus('status').notNull().default('draft'),
    currentRevision: integer('current_revision').notNull().default(1),
    publishedRevision: integer('published_revision'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    viewedAt: timestamp('viewed_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedRevision: integer('accepted_revision'),
    /** The total with the optional lines the customer ticked, in the revision's currency. */
    acceptedTotal: bigint('accepted_total', { mode: 'number' }),
    signerName: text('signer_name'),
    signatureKind: signatureKind('signature_kind'),
    /** Typed: the text as typed. Drawn: an SVG path (`M x y L x y ...`) in a 600×200 box. */
    signature: text('signature'),
    acceptedIp: text('accepted_ip'),
    acceptedUserAgent: text('accepted_user_agent'),
    acceptedById: uuid('accepted_by_id').references(() => users.id, { onDelete: 'set null' }),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex('quotes_host_number_key').on(t.hostOrgId, t.number),
    index('quotes_partnership_idx').on(t.partnershipId, t.updatedAt),
    index('quotes_host_updated_idx').on(t.hostOrgId, t.updatedAt),
  ],
)

/** Each revision's header; a revision's lines are the quote lines carrying its number. */
export const quoteRevisions = pgTable(
  'quote_revisions',
  {
    id: id(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    currency: text('currency').notNull(),
    validUntil: date('valid_until').notNull(),
    terms: text('terms').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** Totals of the required lines; optional lines add to them only when the customer ticks them. */
    ...documentTotals(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('quote_revisions_quote_revision_key').on(t.quoteId, t.revision),
    index('quote_revisions_partnership_idx').on(t.partnershipId),
    check('quote_revisions_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
)

export const quoteLines = pgTable(
  'quote_lines',
  {
    id: id(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    ...pricedLineColumns(),
    optional: boolean('optional').notNull().default(false),
    /** Ticked by the customer for optional lines (required lines are always selected). */
    selected: boolean('selected').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    index('quote_lines_quote_revision_idx').on(t.quoteId, t.revision, t.position),
    index('quote_lines_partnership_idx').on(t.partnershipId),
  ],
)

export type Quote = typeof quotes.$inferSelect
export type QuoteRevision = typeof quoteRevisions.$inferSelect
export type QuoteLine = typeof quoteLines.$inferSelect
export type QuoteStatus = (typeof quoteStatuses)[number]
