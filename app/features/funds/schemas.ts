import { z } from 'zod'
import { fundPrograms } from '#db/schema/funds.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'funds:errors.date')

export const FundSchema = z
  .object({
    name: z.string().trim().min(1, 'funds:errors.nameRequired').max(120, 'funds:errors.nameTooLong'),
    program: z.enum(fundPrograms, { errorMap: () => ({ message: 'funds:errors.program' }) }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'funds:errors.currency'),
    startsOn: isoDate,
    endsOn: isoDate,
    budget: z.string({ required_error: 'funds:errors.amountRequired' }),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'funds:errors.period' })

export const AllocateSchema = z.object({
  partnershipId: z
    .string({ required_error: 'funds:errors.partnerRequired' })
    .uuid('funds:errors.partnerRequired'),
  amount: z.string({ required_error: 'funds:errors.amountRequired' }),
  reason: z.string().trim().max(200).optional(),
})
