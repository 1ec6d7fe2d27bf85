import { index, inet, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { organizations } from './organizations.ts'

/** How often a person is emailed about unread chat (see app/features/chat/send-chat-digests.server.ts). */
export const digestIntervals = ['immediately', 'hourly', 'daily', 'never'] as const
export type DigestInterval = (typeof digestIntervals)[number]

export const users = pgTable(
  'users',
  {
    id: id(),
    // Stored lower-cased; the unique index makes sign-in case-insensitive.
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale'),
    /** How often unread chat is emailed (see chat digests). */
    chatDigest: text('chat_digest', { enum: digestIntervals }).notNull().default('hourly'),
    /** How often unread notifications (promotion and claim steps) are emailed. */
    notificationEmail: text('notification_email', { enum: digestIntervals }).notNull().default('immediately'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
)

/** id is the SHA-256 (hex) of the token held in the cookie; the raw token is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_org_idx').on(t.orgId)],
)

export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('password_resets_token_key').on(t.tokenHash),
    index('password_resets_user_idx').on(t.userId),
  ],
)

export type User = typeof users.$inferSelect
export type Session = typeof sessions.$inferSelect
