import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { promotionChannels } from '#db/schema/promotions.ts'
import { defaultClaimDeadline, type PlanValues, planValues } from './plan-fields.ts'
import type { PromotionInput } from './schemas.ts'

const percentBp = (text: string) => Math.round(Number(text) * 100)

/** The plan as stored: minor units, basis points, the claim deadline filled in (60 days after the end). */
export function planColumns(input: PromotionInput, currency: string) {
  const plannedSpend = parseAmount(input.plannedSpend, currency)
  const partnerContribution = parseAmount(input.partnerContribution, currency)
  // Lift may exceed 100 %, so not percentToBp (a rate); the schema already checked the digits.
  const expectedLiftBp = percentBp(input.expectedLift)
  if (plannedSpend === null || partnerContribution === null || !Number.isSafeInteger(expectedLiftBp)) {
    throw new AppError('invalid', 'promotions:errors.amount')
  }
  if (partnerContribution > plannedSpend)
    throw new AppError('invalid', 'promotions:errors.contributionOverSpend')
  let discountBp: number | null = null
  if (input.mechanics === 'price_discount') {
    discountBp = input.discount ? percentBp(input.discount) : Number.NaN
    if (!(discountBp > 0 && discountBp <= 10_000)) throw new AppError('invalid', 'promotions:errors.discount')
  }
  const chosen = new Set(input.channels ?? [])
  const claimDeadline = input.claimDeadline || defaultClaimDeadline(input.endsOn)
  if (claimDeadline < input.endsOn) throw new AppError('invalid', 'promotions:errors.claimDeadline')
  return {
    name: input.name,
    mechanics: input.mechanics,
    description: input.description ?? '',
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    plannedSpend,
    partnerContribution,
    expectedLiftBp,
    discountBp,
    channels: promotionChannels.filter((c) => chosen.has(c)),
    regions: input.regions ?? '',
    claimDeadline,
  }
}

/** A plan input in the form's terms, spelled the way the page shows it (so "25" and "25.00" compare equal). */
export function normalizePlan(input: PromotionInput, currency: string): PlanValues {
  return planValues({ ...planColumns(input, currency), currency })
}

/** Form values back to a service input (empty optional fields become absent). */
export function planInput(values: PlanValues): PromotionInput {
  return {
    ...values,
    mechanics: values.mechanics as PromotionInput['mechanics'],
    channels: values.channels as PromotionInput['channels'],
    discount: values.discount || undefined,
    claimDeadline: values.claimDeadline || undefined,
  }
}
