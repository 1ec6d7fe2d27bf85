import { z } from 'zod'
import { settlementMethods } from '#db/schema/claims.ts'

const decimal = z
  .string({ required_error: 'claims:errors.amount' })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,3})?$/, 'claims:errors.amount')

/** A claim as the partner's form sends it; the proof files travel in the same multipart body. */
export const FileClaimSchema = z.object({
  intent: z.literal('file'),
  amount: decimal,
  description: z
    .string({ required_error: 'claims:errors.descriptionRequired' })
    .trim()
    .min(1, 'claims:errors.descriptionRequired')
    .max(2000, 'claims:errors.descriptionTooLong'),
  /** Generated when the form was rendered: a double submit or a retry carries the same key. */
  idempotencyKey: z.string({ required_error: 'claims:errors.reload' }).uuid('claims:errors.reload'),
})
export type FileClaimInput = z.infer<typeof FileClaimSchema>

const version = z.coerce.number({ invalid_type_error: 'claims:errors.reload' }).int()
/** Which page the form was on, so the answer goes back there. */
const from = z.enum(['tab', 'claim']).default('claim')

/** The manufacturer's decision: approve in full, approve part (amount and reason), or reject (reason). */
export const DecideClaimSchema = z
  .object({
    intent: z.enum(['approve', 'partial', 'reject']),
    version,
    from,
    amount: z.string().trim().optional(),
    reason: z.string().trim().max(500, 'claims:errors.reasonTooLong').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.intent !== 'approve' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'claims:errors.reasonRequired' })
    }
    if (value.intent === 'partial' && !decimal.safeParse(value.amount ?? '').success) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'claims:errors.amount' })
    }
  })
export type DecideClaimInput = z.infer<typeof DecideClaimSchema>

/** Paying an approved claim: by credit note or payment, with its reference. */
export const SettleClaimSchema = z.object({
  intent: z.literal('settle'),
  version,
  from,
  method: z.enum(settlementMethods, { errorMap: () => ({ message: 'claims:errors.method' }) }),
  reference: z
    .string({ required_error: 'claims:errors.referenceRequired' })
    .trim()
    .min(1, 'claims:errors.referenceRequired')
    .max(120, 'claims:errors.referenceTooLong'),
})
export type SettleClaimInput = z.infer<typeof SettleClaimSchema>
