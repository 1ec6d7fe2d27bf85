import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'
import { parseAmount, parseQuantity, percentToBp } from '#app/lib/money.ts'

const optionalText = (max: number) => z.string().trim().max(max).optional().default('')

/**
 * One priced line as typed in a form. Amounts stay text until priced in the document's currency, so "0.001" USD is
 * refused with a message instead of being rounded.
 */
export const LineSchema = z.object({
  productId: IdSchema.optional(),
  sku: optionalText(64),
  description: z.string({ required_error: 'billing:line.descriptionRequired' }).trim().min(1).max(2000),
  quantity: z
    .string({ required_error: 'billing:line.quantityInvalid' })
    .trim()
    .refine((v) => {
      const q = parseQuantity(v)
      return q !== null && q > 0n && q <= 1_000_000_000n
    }, 'billing:line.quantityInvalid'),
  unit: z.string().trim().max(20).optional().default('each'),
  unitPrice: z
    .string({ required_error: 'billing:line.priceInvalid' })
    .trim()
    .min(1, 'billing:line.priceInvalid'),
  discount: z
    .string()
    .trim()
    .optional()
    .default('0')
    .refine((v) => percentToBp(v || '0') !== null, 'billing:line.percentInvalid'),
  taxRate: z
    .string()
    .trim()
    .optional()
    .default('0')
    .refine((v) => percentToBp(v || '0') !== null, 'billing:line.percentInvalid'),
  optional: z
    .union([z.literal('on'), z.literal('true'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
})

export type LineInputText = z.infer<typeof LineSchema>

export type PricedLineInput = {
  position: number
  productId: string | null
  sku: string
  description: string
  quantity: string
  unit: string
  unitPrice: number
  discountBp: number
  taxRateBp: number
  optional: boolean
}

/** Parses the lines' amounts in a currency; returns field errors keyed like the form (`lines[2].unitPrice`). */
export function parseLines(lines: LineInputText[], currency: string) {
  const errors: Record<string, string[]> = {}
  const parsed: PricedLineInput[] = []
  lines.forEach((line, index) => {
    const unitPrice = parseAmount(line.unitPrice, currency)
    if (unitPrice === null || unitPrice < 0) {
      errors[`lines[${index}].unitPrice`] = ['billing:line.priceInvalid']
      return
    }
    parsed.push({
      position: index + 1,
      productId: line.productId ?? null,
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit || 'each',
      unitPrice,
      discountBp: percentToBp(line.discount || '0') ?? 0,
      taxRateBp: percentToBp(line.taxRate || '0') ?? 0,
      optional: line.optional,
    })
  })
  return { lines: parsed, errors: Object.keys(errors).length ? errors : null }
}
