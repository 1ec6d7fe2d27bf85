import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'
import { queryTextSchema, readQuery } from '#app/lib/query.ts'
import { LineSchema } from '../billing/line-schema.ts'
import { quoteDisplayStatuses } from './quote-status.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'quotes:errors.dateInvalid')
const currency = z.string().regex(/^[A-Z]{3}$/, 'quotes:errors.currencyInvalid')

/** The header and lines of a quote draft as the editor submits them. */
export const QuoteDraftSchema = z.object({
  title: z.string({ required_error: 'quotes:errors.titleRequired' }).trim().min(1).max(200),
  currency,
  validUntil: isoDate,
  terms: z.string().trim().max(5000).optional().default(''),
  notes: z.string().trim().max(5000).optional().default(''),
  lines: z.array(LineSchema).min(1, 'quotes:errors.linesRequired').max(500),
})

export const NewQuoteSchema = QuoteDraftSchema.extend({
  partnershipId: z.string().uuid('quotes:errors.partnerRequired'),
})
export const EditQuoteSchema = QuoteDraftSchema.extend({ version: z.coerce.number().int() })

export type QuoteDraftInput = z.infer<typeof QuoteDraftSchema>

/** Drawn signatures are SVG path data of straight strokes in a 600×200 box. */
const svgPath = /^(?:[ML] ?-?\d{1,4}(?:\.\d{1,2})? -?\d{1,4}(?:\.\d{1,2})? ?)+$/

export const AcceptQuoteSchema = z
  .object({
    intent: z.literal('accept'),
    revision: z.coerce.number().int().min(1),
    version: z.coerce.number().int(),
    signerName: z.string({ required_error: 'quotes:errors.signerRequired' }).trim().min(2).max(200),
    signatureKind: z.enum(['drawn', 'typed']),
    signature: z.string({ required_error: 'quotes:errors.signatureRequired' }).trim().max(40_000),
    selectedLines: z.array(IdSchema).optional().default([]),
    agree: z.literal('on', { errorMap: () => ({ message: 'quotes:errors.agreeRequired' }) }),
  })
  .superRefine((value, ctx) => {
    const ok =
      value.signatureKind === 'typed'
        ? value.signature.length >= 2 && value.signature.length <= 200
        : svgPath.test(value.signature) && (value.signature.match(/L/g)?.length ?? 0) >= 3
    if (!ok) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'quotes:errors.signatureRequired' })
  })

export const DeclineQuoteSchema = z.object({
  intent: z.literal('decline'),
  version: z.coerce.number().int(),
  reason: z.string({ required_error: 'quotes:errors.reasonRequired' }).trim().min(3).max(2000),
})

export const QuoteFiltersSchema = z.object({
  q: queryTextSchema()
    .transform((v) => v || undefined)
    .optional(),
  status: z.enum(quoteDisplayStatuses).optional().catch(undefined),
})

export function readQuoteFilters(url: URL) {
  return readQuery(url, QuoteFiltersSchema)
}
