import { asc, eq } from 'drizzle-orm'
import { promotionProducts, promotionVolumes } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundPromotion, findPromotion } from './find-promotion.server.ts'
import { volumeRights } from './volume-rights.ts'
import { promotionWeeks } from './weeks.ts'

/** One cell of the grid: the baseline and actual units of a product in a week, and the version they were saved at. */
export type VolumeCell = { baseline: number; actual: number | null; version: number }

/** The key of a cell in forms and maps: `<promotionProductId>.<weekStart>`. */
export const cellKey = (promotionProductId: string, weekStart: string) => `${promotionProductId}.${weekStart}`

/** The products of a promotion in their order, and every stored cell by key (a missing cell is version 0). */
export async function loadVolumes(ctx: Pick<ServiceContext, 'tx'>, promotionId: string) {
  const [products, volumes] = await Promise.all([
    ctx.tx
      .select({
        id: promotionProducts.id,
        productId: promotionProducts.productId,
        sku: promotionProducts.sku,
        name: promotionProducts.name,
        unitPrice: promotionProducts.unitPrice,
        position: promotionProducts.position,
      })
      .from(promotionProducts)
      .where(eq(promotionProducts.promotionId, promotionId))
      .orderBy(asc(promotionProducts.position), asc(promotionProducts.sku)),
    ctx.tx
      .select({
        promotionProductId: promotionVolumes.promotionProductId,
        weekStart: promotionVolumes.weekStart,
        baseline: promotionVolumes.baselineUnits,
        actual: promotionVolumes.actualUnits,
        version: promotionVolumes.version,
        updatedById: promotionVolumes.updatedById,
      })
      .from(promotionVolumes)
      .where(eq(promotionVolumes.promotionId, promotionId)),
  ])
  const cells = new Map(volumes.map((v) => [cellKey(v.promotionProductId, v.weekStart), v]))
  return { products, cells }
}

/**
 * The products and volumes tab: the weeks the promotion touches (Mondays), its products, the grid's cells and
 * what the caller may change. Cells stored for weeks outside the dates (the dates moved) are not shown.
 */
export async function listPromotionVolumes(ctx: ServiceContext, id: string, found?: FoundPromotion) {
  const { promotion, side, partnershipStatus } = found ?? (await findPromotion(ctx, id))
  const weeks = promotionWeeks(promotion.startsOn, promotion.endsOn)
  const { products, cells } = await loadVolumes(ctx, promotion.id)
  const grid: Record<string, VolumeCell> = {}
  for (const product of products) {
    for (const week of weeks) {
      const cell = cells.get(cellKey(product.id, week))
      if (cell)
        grid[cellKey(product.id, week)] = {
          baseline: cell.baseline,
          actual: cell.actual,
          version: cell.version,
        }
    }
  }
  return {
    side,
    status: promotion.status,
    currency: promotion.currency,
    weeks,
    products,
    cells: grid,
    rights: volumeRights(ctx, promotion.status, partnershipStatus),
  }
}
