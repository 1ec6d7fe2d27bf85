import { z } from 'zod'
import { IdSchema } from '#app/lib/ids.ts'

const price = z
  .string()
  .trim()
  .max(24)
  .regex(/^(\d+([.,]\d{1,3})?)?$/, 'volumes:errors.price')

/**
 * Adding a product: the manufacturer names one of its catalogue's products; the partner, who cannot read that
 * catalogue, gives a SKU and a name (often one it bought). A blank price takes the default.
 */
export const AddPromotionProductSchema = z.object({
  productId: z.string().uuid('volumes:errors.productNotFound').optional(),
  sku: z
    .string()
    .trim()
    .max(64, 'volumes:errors.skuTooLong')
    // No control characters: the SKU is what a CSV import matches.
    .regex(/^[^\p{Cc}]*$/u, 'volumes:errors.skuInvalid')
    .optional(),
  name: z.string().trim().max(200, 'volumes:errors.nameTooLong').optional(),
  unitPrice: price.optional(),
})
export type AddPromotionProductInput = z.infer<typeof AddPromotionProductSchema>

/** A new unit price, with the price the person saw (a change meanwhile by someone else is refused). */
export const PromotionProductPriceSchema = z.object({
  promotionProductId: IdSchema,
  unitPrice: price.refine((v) => v !== '', 'volumes:errors.priceRequired'),
  expected: z.coerce.number().int().min(0),
})
export type PromotionProductPriceInput = z.infer<typeof PromotionProductPriceSchema>
