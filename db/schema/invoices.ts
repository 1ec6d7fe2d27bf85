import { sql } from 'drizzle-orm'
import {
  bigint,
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
import { quotes } from './quotes.ts'
import { users } from './users.ts'

export const invoiceStatuses = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void'] as const
export const invoiceStatus = pgEnum('invoice_status', invoiceStatuses)

/**
 * An invoice on a partnership, issued by the host. `quote_id` is unique, so converting a quote twice (a double
 * submit, a retry) finds the first invoice instead of making a second; `idempotency_key` does the same for
 * invoices written directly.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    quoteId: uuid('quote_id').references(() => quotes.id, { onDelete: 'set null' }),
    idempotencyKey: text('idempotency_key'),
    number: text('number'),
    status: invoiceStatus('status').notNull().default('draft'),
    currency: text('currency').notNull(),
    issueDate: date('issue_date'),
    paymentTermsDays: integer('payment_terms_days').notNull().default(30),
    dueDate: date('due_date'),
    terms: text('terms').notNull().default(''),
    notes: text('notes').notNull().default(''),
    ...documentTotals(),
    amountPaid: bigint('amount_paid', { mode: 'number' }).notNull().default(0),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidReason: text('void_reason'),
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex('invoices_host_number_key').on(t.hostOrgId, t.number),
    uniqueIndex('invoices_quote_key').on(t.quoteId),
    uniqueIndex('invoices_host_idempotency_key').on(t.hostOrgId, t.idempotencyKey),
    index('invoices_partnership_idx').on(t.partnershipId, t.updatedAt),
    index('invoices_host_status_due_idx').on(t.hostOrgId, t.status, t.dueDate),
    check('invoices_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_paid_range', sql`${t.amountPaid} >= 0 and ${t.amountPaid} <= ${t.total}`),
  ],
)

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    ...pricedLineColumns(),
    ...timestamps(),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId, t.position),
    index('invoice_lines_partnership_idx').on(t.partnershipId),
  ],
)

export const payments = pgTable(
  'payments',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    paidOn: date('paid_on').notNull(),
    method: text('method').notNull().default('bank_transfer'),
    reference: text('reference').notNull().default(''),
    /** A retried submit carries the same key and finds the first payment. */
    idempotencyKey: text('idempotency_key').notNull(),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_invoice_idempotency_key').on(t.invoiceId, t.idempotencyKey),
    index('payments_partnership_idx').on(t.partnershipId),
    check('payments_amount_positive', sql`${t.amount} > 0`),
  ],
)

export type Invoice = typeof invoices.$inferSelect
export type InvoiceLine = typeof invoiceLines.$inferSelect
export type Payment = typeof payments.$inferSelect
export type InvoiceStatus = (typeof invoiceStatuses)[number]
