import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id } from './columns.ts'
import { organizations } from './organizations.ts'

/** Emails kept when no SMTP server is configured, readable by org owners in the app. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    template: text('template').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_outbox_org_idx').on(t.orgId, t.createdAt)],
)

export type OutboxEmail = typeof emailOutbox.$inferSelect
