import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { users } from './users.ts'

export const channelKinds = ['partnership', 'record', 'internal'] as const
export type ChannelKind = (typeof channelKinds)[number]
/** Shared records that can open a thread of their own (forecasts join later). */
// A text column without a CHECK: adding a type needs no migration.
export const threadRecordTypes = ['quote', 'invoice', 'promotion', 'forecast_exception'] as const
export type ThreadRecordType = (typeof threadRecordTypes)[number]

/**
 * A conversation. `partnership` channels (one per partnership) and `record` threads are shared by both orgs of
 * their partnership; `internal` channels belong to one org (partnership_id null) and its staff only.
 * org_id is the owning org: the host for shared channels.
 */
export const channels = pgTable(
  'channels',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: channelKinds }).notNull(),
    recordType: text('record_type', { enum: threadRecordTypes }),
    recordId: uuid('record_id'),
    name: text('name').notNull(),
    /** Id of the newest message; bumped under the row lock that orders a channel's inserts (see postMessage). */
    lastMessageId: bigint('last_message_id', { mode: 'number' }).notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('channels_partnership_key').on(t.partnershipId).where(sql`kind = 'partnership'`),
    uniqueIndex('channels_record_key').on(t.recordType, t.recordId).where(sql`kind = 'record'`),
    uniqueIndex('channels_internal_name_key')
      .on(t.orgId, sql`lower(${t.name})`)
      .where(sql`kind = 'internal'`),
    index('channels_org_activity_idx').on(t.orgId, t.lastMessageAt),
  ],
)

/**
 * Messages carry a bigint id that grows in commit order within a channel (inserts take the channel row lock
 * first), so "everything after the last id I saw" never skips one. org_id/partnership_id copy the channel's scope.
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authorOrgId: uuid('author_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Chosen by the sending client: a retried send with the same id returns the first message. */
    clientId: uuid('client_id').notNull(),
    body: text('body').notNull(),
    replyToId: bigint('reply_to_id', { mode: 'number' }),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chat_messages_client_key').on(t.authorId, t.clientId),
    index('chat_messages_channel_idx').on(t.channelId, t.id),
  ],
)

export const chatReactions = pgTable(
  'chat_reactions',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => chatMessages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
)

/** Documents attached to a message (the documents stay in their folder; this is a link). */
export const chatAttachments = pgTable(
  'chat_attachments',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => chatMessages.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.documentId] })],
)

/**
 * Per user and channel: how far they have read ("seen by"), and how far a digest email has already covered, so a
 * digest never repeats a message or mentions one they read.
 */
export const chatReads = pgTable(
  'chat_reads',
  {
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    lastReadId: bigint('last_read_id', { mode: 'number' }).notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }),
    digestedId: bigint('digested_id', { mode: 'number' }).notNull().default(0),
    digestSentAt: timestamp('digest_sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index('chat_reads_user_idx').on(t.userId)],
)
