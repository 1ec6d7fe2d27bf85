import { addDays, format, parseISO } from 'date-fns'
import { bpToPercent, toDecimalString } from '#app/lib/money.ts'
import type { Promotion } from '#db/schema/promotions.ts'

/** The plan's form fields, in form order; conflicts and live changes are reported by these names. */
export const planFields = [
  'name',
  'mechanics',
  'startsOn',
  'endsOn',
  'plannedSpend',
  'partnerContribution',
  'expectedLift',
  'discount',
  'channels',
  'regions',
  'claimDeadline',
  'description',
] as const
export type PlanField = (typeof planFields)[number]

/** The plan as the form shows it: strings (decimals as typed), channels as a list. */
export type PlanValues = { [K in PlanField]: K extends 'channels' ? string[] : string }

type PlanColumns = Pick<
  Promotion,
  | 'name'
  | 'mechanics'
  | 'description'
  | 'startsOn'
  | 'endsOn'
  | 'currency'
  | 'plannedSpend'
  | 'partnerContribution'
  | 'expectedLiftBp'
  | 'discountBp'
  | 'channels'
  | 'regions'
  | 'claimDeadline'
>

/** A saved promotion's plan in form terms (what the page pre-fills, and what a conflict shows as "theirs"). */
export function planValues(p: PlanColumns): PlanValues {
  return {
    name: p.name,
    mechanics: p.mechanics,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    plannedSpend: toDecimalString(p.plannedSpend, p.currency),
    partnerContribution: toDecimalString(p.partnerContribution, p.currency),
    expectedLift: bpToPercent(p.expectedLiftBp),
    discount: p.discountBp === null ? '' : bpToPercent(p.discountBp),
    channels: [...p.channels],
    regions: p.regions,
    // The default deadline shows as empty, so it keeps following the end date.
    claimDeadline:
      !p.claimDeadline || p.claimDeadline === defaultClaimDeadline(p.endsOn) ? '' : p.claimDeadline,
    description: p.description,
  }
}

/** Whether two form values of a field say the same (channel order does not matter). */
export function samePlanValue(a: string | string[] | undefined, b: string | string[] | undefined) {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = [...(Array.isArray(a) ? a : a ? [a] : [])].sort()
    const y = [...(Array.isArray(b) ? b : b ? [b] : [])].sort()
    return x.length === y.length && x.every((v, i) => v === y[i])
  }
  return (a ?? '').trim() === (b ?? '').trim()
}

/** One field two people changed to different values: theirs is saved, mine was refused (and stays in the form). */
export type PlanConflict = { field: PlanField; theirs: string | string[]; mine: string | string[] }

/** Who to name for changes made to a plan: the caller (another tab), a colleague, or the other side. */
export type PlanEditor = { kind: 'you' | 'colleague' | 'otherSide'; name: string }

/** A saved plan and its version: what a form is based on. */
export type PlanSnapshot = { version: number; values: PlanValues }

/** What a refused save sends back besides the form errors. */
export type PlanConflictReply = PlanSnapshot & { conflicts: PlanConflict[]; changedBy: PlanEditor }

/** Days after the end a claim may still be filed, unless the plan names another deadline. */
export const CLAIM_DAYS_AFTER_END = 60

export function defaultClaimDeadline(endsOn: string) {
  return format(addDays(parseISO(endsOn), CLAIM_DAYS_AFTER_END), 'yyyy-MM-dd')
}

/**
 * Three-way merge of a plan: `base` is what this person's form was loaded with, `mine` what they saved, `theirs`
 * what is saved now. A field only one side changed takes that change; a field both changed to different values is
 * a conflict, and the merge keeps theirs there (the save is refused; the form keeps mine beside it).
 */
export function mergePlan(base: PlanValues, mine: PlanValues, theirs: PlanValues) {
  const merged = { ...theirs }
  const conflicts: PlanConflict[] = []
  for (const field of planFields) {
    const [b, m, t] = [base[field], mine[field], theirs[field]]
    if (samePlanValue(m, b) || samePlanValue(m, t)) continue
    if (samePlanValue(t, b)) (merged as Record<PlanField, string | string[]>)[field] = m
    else conflicts.push({ field, theirs: t, mine: m })
  }
  return { merged, conflicts }
}
