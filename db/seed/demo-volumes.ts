import { and, eq, inArray } from 'drizzle-orm'
import { promotionWeeks } from '#app/features/promotions/weeks.ts'
import type { Tx } from '#db/client.ts'
import { products, promotionProducts, promotions } from '#db/schema/index.ts'
import { createPromotionProductRecord } from './promotion-factory.ts'

// Weekly units per product: the baseline both sides planned, and the sell-through Brightside reported for the
// weeks the live promotion has run so far (the rest blank), so the Outcome tab has figures to work with.
const plan = [
  { sku: 'AC-FR-300', baseline: 12, actuals: [16, 18, 17, 15] },
  { sku: 'AC-DW-12', baseline: 8, actuals: [11, 12, 10, 9] },
  { sku: 'AC-KT-17', baseline: 40, actuals: [46, 52, 49, 44] },
]

/**
 * Products and weekly volumes of Brightside's demo promotion, copied from Acme's catalogue at list price (a display
 * promotion: no discount). Does nothing when the promotion is not there or already has products.
 */
export async function seedDemoVolumes(tx: Tx, parties: { acme: string; brightside: string; name: string }) {
  const [promotion] = await tx
    .select()
    .from(promotions)
    .where(and(eq(promotions.partnershipId, parties.brightside), eq(promotions.name, parties.name)))
  if (!promotion) return
  const [existing] = await tx
    .select({ id: promotionProducts.id })
    .from(promotionProducts)
    .where(eq(promotionProducts.promotionId, promotion.id))
    .limit(1)
  if (existing) return
  const catalogue = await tx
    .select()
    .from(products)
    .where(
      and(
        eq(products.orgId, parties.acme),
        inArray(
          products.sku,
          plan.map((p) => p.sku),
        ),
      ),
    )
  const weeks = promotionWeeks(promotion.startsOn, promotion.endsOn)
  for (const [position, line] of plan.entries()) {
    const product = catalogue.find((p) => p.sku === line.sku)
    if (!product) continue
    await createPromotionProductRecord(tx, {
      promotion,
      productId: product.id,
      sku: product.sku,
      name: product.name,
      unitPrice: product.unitPrice,
      position,
      weeks: weeks.map((weekStart, i) => ({
        weekStart,
        baseline: line.baseline,
        actual: line.actuals[i] ?? null,
      })),
    })
  }
}
