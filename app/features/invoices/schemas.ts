import { z } from 'zod'
import { queryTextSchema, readQuery } from '#app/lib/query.ts'
import { LineSchema } from '../billing/line-schema.ts'
import { invoiceDisplayStatuses } from './invoice-status.ts'

const isoDate = (message: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message)
const currency = z.string().regex(/^[A-Z]{3}$/, 'invoices:errors.currencyInvalid')

export const paymentMethods = ['bank_transfer', 'card', 'cash', 'check', 'other'] as const
export type PaymentMethod = (typeof paymentMethods)[number]

/** The header and lines of an invoice draft as the editor submits them (invoices have no optional lines). */
export const InvoiceDraftSchema = z.object({
  currency,
  paymentTermsDays: z.coerce
    .number({ invalid_type_error: 'invoices:errors.termsDaysInvalid' })
    .int('invoices:errors.termsDaysInvalid')
    .min(0, 'invoices:errors.termsDaysInvalid')
    .max(365, 'invoices:errors.termsDaysInvalid'),
  terms: z.string().trim().max(5000).optional().default(''),
  notes: z.string().trim().max(5000).optional().default(''),
  lines: z.array(LineSchema).min(1, 'invoices:errors.linesRequired').max(500),
})

export const NewInvoiceSchema = InvoiceDraftSchema.extend({
  partnershipId: z
    .string({ required_error: 'invoices:errors.partnerRequired' })
    .uuid('invoices:errors.partnerRequired'),
  /** Rendered once per form load: a retried or doubled submit carries the same key and finds the first invoice. */
  idempotencyKey: z.string().uuid('invoices:errors.retry'),
})
export const EditInvoiceSchema = InvoiceDraftSchema.extend({ version: z.coerce.number().int() })

export type InvoiceDraftInput = z.infer<typeof InvoiceDraftSchema>

export const IssueInvoiceSchema = z.object({
  intent: z.literal('issue'),
  version: z.coerce.number().int(),
  /** Empty: issue date + payment terms. */
  dueDate: isoDate('invoices:errors.dateInvalid').optional(),
})

export const RecordPaymentSchema = z.object({
  intent: z.literal('payment'),
  idempotencyKey: z.string().uuid('invoices:errors.retry'),
  amount: z.string({ required_error: 'invoices:errors.amountInvalid' }).trim().min(1).max(30),
  paidOn: isoDate('invoices:errors.dateInvalid'),
  method: z.enum(paymentMethods, { errorMap: () => ({ message: 'invoices:errors.methodInvalid' }) }),
  reference: z.string().trim().max(200).optional().default(''),
})

export const VoidInvoiceSchema = z.object({
  intent: z.literal('void'),
  version: z.coerce.number().int(),
  reason: z
    .string({ required_error: 'invoices:errors.reasonRequired' })
    .trim()
    .min(3, 'invoices:errors.reasonRequired')
    .max(2000, 'invoices:errors.reasonTooLong'),
})

export const InvoiceFiltersSchema = z.object({
  q: queryTextSchema()
    .transform((v) => v || undefined)
    .optional(),
  status: z.enum(invoiceDisplayStatuses).optional().catch(undefined),
})

export function readInvoiceFilters(url: URL) {
  return readQuery(url, InvoiceFiltersSchema)
}
