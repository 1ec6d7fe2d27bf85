import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id } from './columns.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { users } from './users.ts'

/**
 * In-app notifications, one per recipient. The text is an i18n key with its values, rendered in the reader's
 * language. A person reads only their own; either org of a partnership may notify the other's people about a
 * shared record. `emailed_at` marks the ones already sent by email (per the person's preference).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    messageKey: text('message_key').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull().default({}),
    link: text('link').notNull(),
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.orgId, t.createdAt),
    index('notifications_unemailed_idx').on(t.createdAt).where(sql`emailed_at is null and read_at is null`),
  ],
)

export type Notification = typeof notifications.$inferSelect
