import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { partnerships, promotions, type promotions as promotionsTable } from '#db/schema/index.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { can, seesOwnOnly } from '../auth/permissions.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type Promotion = typeof promotionsTable.$inferSelect
export type FoundPromotion = {
  promotion: Promotion
  side: 'host' | 'partner'
  partnershipStatus: PartnershipStatus
}

const notFound = () => new AppError('not_found', 'promotions:errors.notFound')

/**
 * The application lock for a promotion: RLS limits rows to the caller's partnerships; a member_own sees only the
 * promotions they started. `forUpdate` locks the row for a change of status.
 */
export async function findPromotion(
  ctx: ServiceContext,
  id: string,
  forUpdate = false,
): Promise<FoundPromotion> {
  if (!isId(id) || !can(ctx.role, 'promotions:read')) throw notFound()
  const query = ctx.tx
    .select({ promotion: promotions, partnerOrgId: partnerships.partnerOrgId, status: partnerships.status })
    .from(promotions)
    .innerJoin(partnerships, eq(partnerships.id, promotions.partnershipId))
    .where(eq(promotions.id, id))
  const [row] = forUpdate ? await query.for('no key update', { of: promotions }) : await query
  if (!row) throw notFound()
  const side =
    row.promotion.hostOrgId === ctx.orgId ? 'host' : row.partnerOrgId === ctx.orgId ? 'partner' : null
  if (!side) throw notFound()
  if (seesOwnOnly(ctx.role) && row.promotion.createdById !== ctx.userId) throw notFound()
  return { promotion: row.promotion, side, partnershipStatus: row.status }
}

/** Finds and locks the promotion for a change of any kind: its partnership's status must allow writes. */
export async function lockPromotionForChange(ctx: ServiceContext, id: string): Promise<FoundPromotion> {
  const found = await findPromotion(ctx, id, true)
  assertPartnershipAllows(found.partnershipStatus, 'write')
  return found
}
