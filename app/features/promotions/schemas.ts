import { z } from 'zod'
import { promotionMechanics } from '#db/schema/promotions.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'promotions:errors.date')
const decimal = z
  .string()
  .trim()
  .regex(/^\d+(\.\d{1,2})?$/, 'promotions:errors.amount')

/** The plan both sides edit; money as decimals in the promotion's currency, lift as a percentage. */
export const PromotionSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'promotions:errors.nameRequired')
      .max(120, 'promotions:errors.nameTooLong'),
    mechanics: z.enum(promotionMechanics, { errorMap: () => ({ message: 'promotions:errors.mechanics' }) }),
    description: z.string().trim().max(4000).default(''),
    startsOn: isoDate,
    endsOn: isoDate,
    plannedSpend: decimal,
    partnerContribution: decimal,
    expectedLift: z
      .string()
      .trim()
      .regex(/^\d{1,4}(\.\d{1,2})?$/, 'promotions:errors.lift'),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'promotions:errors.period' })

export type PromotionInput = z.infer<typeof PromotionSchema>
