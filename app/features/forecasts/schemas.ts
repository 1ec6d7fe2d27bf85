import { z } from 'zod'
import { type Forecast, forecastUnits } from '#db/schema/forecasts.ts'
import type { ForecastRules } from './grid-types.ts'

export const DEFAULT_HORIZON_WEEKS = 26
export const MAX_HORIZON_WEEKS = 104

/** The plans list's status filter. */
export const forecastListStatuses = ['active', 'archived'] as const
export type ForecastListStatus = (typeof forecastListStatuses)[number]

// A calendar date that exists (2027-02-30 does not), so date arithmetic and the database never see a bad one.
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'forecastSetup:errors.startWeek')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
  }, 'forecastSetup:errors.startWeek')

/** The Monday of the ISO week holding `date` (YYYY-MM-DD): plans start on a Monday, people may type any day. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  const back = (d.getUTCDay() + 6) % 7
  d.setUTCDate(d.getUTCDate() - back)
  return d.toISOString().slice(0, 10)
}

// Rules are typed as people say them ("20 %", "50 units") and stored in basis points and units.
const percent = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}([.,]\d{1,2})?$/, message)
    .optional()
const rules = {
  gapPercent: percent('forecastSetup:errors.gapPercent').refine(
    (v) => v === undefined || percentToBp(v) <= 10_000,
    'forecastSetup:errors.gapPercent',
  ),
  gapUnits: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, 'forecastSetup:errors.gapUnits')
    .optional(),
  shiftPercent: percent('forecastSetup:errors.shiftPercent'),
}

const name = z
  .string({ required_error: 'forecastSetup:errors.nameRequired' })
  .trim()
  .min(1, 'forecastSetup:errors.nameRequired')
  .max(120, 'forecastSetup:errors.nameTooLong')
const horizonWeeks = z
  .number({ invalid_type_error: 'forecastSetup:errors.horizon' })
  .int('forecastSetup:errors.horizon')
  .min(1, 'forecastSetup:errors.horizon')
  .max(MAX_HORIZON_WEEKS, 'forecastSetup:errors.horizon')
const unit = z.enum(forecastUnits, { errorMap: () => ({ message: 'forecastSetup:errors.unit' }) })

/** A new plan: on which partnership, from which week (any day, snapped to its Monday), for how long, and rules. */
export const CreateForecastSchema = z.object({
  name,
  partnershipId: z
    .string({ required_error: 'forecastSetup:errors.partnership' })
    .uuid('forecastSetup:errors.partnership'),
  startWeek: isoDate.transform(mondayOf),
  horizonWeeks: horizonWeeks.default(DEFAULT_HORIZON_WEEKS),
  unit: unit.default('units'),
  ...rules,
})
export type CreateForecastInput = z.input<typeof CreateForecastSchema>

/** The plan's settings as the setup page edits them, with the version the page was loaded at. */
export const ForecastSetupSchema = z.object({
  name,
  horizonWeeks,
  unit,
  ...rules,
  version: z.number({ invalid_type_error: 'forecastSetup:errors.stale' }).int().min(1),
})
export type ForecastSetupInput = z.input<typeof ForecastSetupSchema>

/** "12.5" → 1250 basis points, on integers (no float rounding). */
export function percentToBp(text: string): number {
  const [whole, fraction = ''] = text.replace(',', '.').split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
}

function bpToPercent(bp: number | null): string {
  if (bp === null) return ''
  const fraction = bp % 100
  if (fraction === 0) return String(bp / 100)
  return `${Math.floor(bp / 100)}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`
}

/** The stored rules from what was typed; a blank threshold is off. */
export function rulesOf(input: {
  gapPercent?: string
  gapUnits?: string
  shiftPercent?: string
}): ForecastRules {
  return {
    gapBp: input.gapPercent ? percentToBp(input.gapPercent) : null,
    gapUnits: input.gapUnits ? Number(input.gapUnits) : null,
    shiftBp: input.shiftPercent ? percentToBp(input.shiftPercent) : null,
  }
}

/** A plan's settings as the form shows them (the values a stale save is answered with). */
export function setupValues(forecast: Forecast) {
  return {
    name: forecast.name,
    horizonWeeks: String(forecast.horizonWeeks),
    unit: forecast.unit,
    gapPercent: bpToPercent(forecast.gapBp),
    gapUnits: forecast.gapUnits === null ? '' : String(forecast.gapUnits),
    shiftPercent: bpToPercent(forecast.shiftBp),
    version: String(forecast.version),
  }
}
export type SetupValues = ReturnType<typeof setupValues>

/**
 * A row to add: the manufacturer names a product of its catalogue; the partner, who cannot read that catalogue,
 * gives a SKU and a name (often one it bought on the partnership: the name may then be left blank).
 */
export const AddForecastProductSchema = z.object({
  productId: z.string().uuid('forecastSetup:errors.productNotFound').optional(),
  sku: z
    .string()
    .trim()
    .max(64, 'forecastSetup:errors.skuTooLong')
    // No control characters: the SKU is what a CSV import matches.
    .regex(/^[^\p{Cc}]*$/u, 'forecastSetup:errors.skuInvalid')
    .optional(),
  name: z.string().trim().max(200, 'forecastSetup:errors.productNameTooLong').optional(),
})
export type AddForecastProductInput = z.infer<typeof AddForecastProductSchema>
