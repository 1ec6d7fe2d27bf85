import { z } from 'zod'
import { isCurrencyCode, parseAmount, percentToBp } from '#app/lib/money.ts'
import { queryTextSchema, readQuery } from '#app/lib/query.ts'

// Shared by the forms (client and server checks), the CSV import and the services. Messages are i18n keys.

const flags: Record<string, boolean> = {
  on: true,
  true: true,
  yes: true,
  '1': true,
  off: false,
  false: false,
  no: false,
  '0': false,
}

/** A checkbox (absent = unchecked) or a CSV cell such as "true", "no" or "1"; anything else is refused. */
function readFlag(value: unknown) {
  if (value === undefined) return false
  if (typeof value !== 'string') return value
  return flags[value.trim().toLowerCase()] ?? value
}

const required = { required_error: 'validation.required' }

// isCurrencyCode checks the shape (Intl accepts any three letters); the list is what the runtime knows.
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'))

export function isKnownCurrency(code: string) {
  return isCurrencyCode(code) && knownCurrencies.has(code)
}

export const skuPattern = /^[A-Za-z0-9._-]+$/

/** The fields of a product as typed: in the form, or a row of a CSV file. */
const ProductFieldsSchema = z.object({
  sku: z
    .string(required)
    .trim()
    .min(1, 'validation.required')
    .max(64, 'products:errors.skuTooLong')
    .regex(skuPattern, 'products:errors.skuInvalid'),
  name: z.string(required).trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  description: z.string().trim().max(2000, 'validation.tooLong').optional().default(''),
  unit: z.string(required).trim().min(1, 'validation.required').max(20, 'validation.tooLong'),
  /** Decimal text, parsed exactly in the currency's minor units (never through a float). */
  unitPrice: z.string(required).trim().min(1, 'validation.required'),
  currency: z.string(required).trim().toUpperCase().refine(isKnownCurrency, 'validation.invalidCurrency'),
  taxRate: z
    .string()
    .trim()
    .optional()
    .default('0')
    .refine((text) => percentToBp(text || '0') !== null, 'products:errors.taxRateInvalid'),
  active: z.preprocess(
    readFlag,
    z.boolean({ invalid_type_error: 'products:errors.activeInvalid', required_error: 'validation.required' }),
  ),
})

/** The form's starting values, as text (active as a checkbox). */
export type ProductFormValues = Partial<
  Record<'sku' | 'name' | 'description' | 'unit' | 'unitPrice' | 'currency' | 'taxRate', string>
> & {
  active?: boolean
}

/** The checked text as stored: unitPrice in minor units, the percent as basis points. */
function amountsOf<T extends { unitPrice: string; currency: string; taxRate: string }>(fields: T) {
  const { unitPrice, taxRate, ...rest } = fields
  return {
    ...rest,
    unitPrice: parseAmount(unitPrice, fields.currency) as number,
    taxRateBp: percentToBp(taxRate || '0') as number,
  }
}

/** The price text's problem in a currency (an i18n key), or null when it reads as an amount of it. */
export function priceError(unitPrice: string, currency: string): string | null {
  const amount = parseAmount(unitPrice, currency)
  if (amount === null) return 'products:errors.price'
  return amount < 0 ? 'products:errors.priceNegative' : null
}

/** The price can only be read once the currency is known: "19.99" is fine in USD, not in JPY. */
function checkPrice(fields: { unitPrice: string; currency: string }, ctx: z.RefinementCtx) {
  if (!fields.unitPrice || !isKnownCurrency(fields.currency)) return
  const message = priceError(fields.unitPrice, fields.currency)
  if (message) ctx.addIssue({ code: 'custom', path: ['unitPrice'], message })
}

/** A product as typed, checked and converted: unitPrice in minor units, taxRateBp in basis points. */
export const ProductSchema = ProductFieldsSchema.superRefine(checkPrice).transform(amountsOf)

export type ProductInput = z.output<typeof ProductSchema>

const VersionSchema = z.coerce.number({ required_error: 'validation.required' }).int().min(1)

/**
 * The edit form: the product's fields plus the version it was loaded at (the concurrency token). Whether it is
 * active has its own button (ProductStatusSchema), so a save never changes it.
 */
export const ProductEditSchema = ProductFieldsSchema.omit({ active: true })
  .extend({
    intent: z.literal('save'),
    version: VersionSchema,
  })
  .superRefine(checkPrice)
  .transform(amountsOf)

export type ProductEditInput = z.output<typeof ProductEditSchema>

export const ProductStatusSchema = z.object({
  intent: z.enum(['activate', 'deactivate']),
  version: VersionSchema,
})

export type ProductStatusInput = z.infer<typeof ProductStatusSchema>

export const productStatusFilters = ['active', 'inactive'] as const

export const ProductFiltersSchema = z.object({
  q: queryTextSchema()
    .transform((v) => v || undefined)
    .optional(),
  status: z.enum(productStatusFilters).optional().catch(undefined),
})

export type ProductFilters = z.infer<typeof ProductFiltersSchema>

/** Reads the catalogue filters from the query string; empty or unknown values mean "any". */
export function readProductFilters(url: URL): ProductFilters {
  return readQuery(url, ProductFiltersSchema)
}
