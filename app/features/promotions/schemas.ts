import { z } from 'zod'
import { promotionChannels, promotionMechanics } from '#db/schema/promotions.ts'

// A calendar date that exists (2027-02-30 does not), so date arithmetic and the database never see a bad one.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'promotions:errors.date')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
  }, 'promotions:errors.date')
const decimal = z
  .string()
  .trim()
  .regex(/^\d+(\.\d{1,2})?$/, 'promotions:errors.amount')

/** The plan both sides edit; money as decimals in the promotion's currency, lift and discount as percentages. */
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
    /** Price discount in percent; only for the price_discount mechanics (ignored otherwise). */
    discount: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'promotions:errors.discount')
      .optional(),
    channels: z
      .array(z.enum(promotionChannels, { errorMap: () => ({ message: 'promotions:errors.channels' }) }))
      .default([]),
    regions: z.string().trim().max(500, 'promotions:errors.regionsTooLong').default(''),
    /** Empty means the default: 60 days after the end. */
    claimDeadline: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'promotions:errors.period' })
    if (v.mechanics === 'price_discount') {
      const d = v.discount === undefined ? Number.NaN : Number(v.discount)
      if (!(d > 0 && d <= 100))
        ctx.addIssue({ code: 'custom', path: ['discount'], message: 'promotions:errors.discount' })
    }
    if (v.claimDeadline && v.claimDeadline < v.endsOn)
      ctx.addIssue({ code: 'custom', path: ['claimDeadline'], message: 'promotions:errors.claimDeadline' })
    if (Number(v.partnerContribution) > Number(v.plannedSpend))
      ctx.addIssue({
        code: 'custom',
        path: ['partnerContribution'],
        message: 'promotions:errors.contributionOverSpend',
      })
  })

/** What services take: the parsed form, defaults optional (tests and scripts pass plain objects). */
export type PromotionInput = z.input<typeof PromotionSchema>
