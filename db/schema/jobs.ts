import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { organizations } from './organizations.ts'
import { users } from './users.ts'

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const

/**
 * Durable background work (server/jobs). Requests enqueue in their own transaction, so a job exists exactly when
 * the change that asked for it committed; workers claim rows with FOR UPDATE SKIP LOCKED as the owner role.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    /** The org a job works for (null for system sweeps); requests may only enqueue for their own org. */
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: text('status', { enum: jobStatuses }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** One job per key (e.g. the daily sweep of a given day). */
    dedupeKey: text('dedupe_key'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    index('jobs_ready_idx').on(t.runAt).where(sql`status = 'queued'`),
  ],
)

export const downloadStatuses = ['queued', 'running', 'ready', 'failed'] as const

/** A file prepared in the background for one user (a ZIP of invoice PDFs), with progress they can watch. */
export const downloads = pgTable(
  'downloads',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requestedById: uuid('requested_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['invoice_pdfs'] }).notNull(),
    recordIds: uuid('record_ids').array().notNull(),
    status: text('status', { enum: downloadStatuses }).notNull().default('queued'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull(),
    fileName: text('file_name').notNull(),
    byteSize: integer('byte_size'),
    /** Where the finished file lives in document storage (app/lib/storage). */
    storageKey: text('storage_key'),
    error: text('error'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...timestamps(),
  },
  (t) => [index('downloads_org_user_idx').on(t.orgId, t.requestedById, t.createdAt)],
)

export type Job = typeof jobs.$inferSelect
export type Download = typeof downloads.$inferSelect
