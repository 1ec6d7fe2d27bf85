import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { type Claim, claims } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import { type FoundPromotion, findPromotion } from '../promotions/find-promotion.server.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type FoundClaim = FoundPromotion & { claim: Claim }

export const claimNotFound = () => new AppError('not_found', 'claims:errors.notFound')

/**
 * The application lock for a claim: whoever may open its promotion may open it (both sides of the partnership;
 * a member_own only on promotions they started). `lock` takes the promotion's row lock before the claim is read:
 * every change to a promotion's claims (filing, proofs, decisions, settling) holds it, so they queue up and each
 * reads the claim as the previous one left it.
 */
export async function findClaim(ctx: ServiceContext, id: string, lock = false): Promise<FoundClaim> {
  if (!isId(id) || !can(ctx.role, 'promotions:read')) throw claimNotFound()
  const [row] = await ctx.tx.select({ promotionId: claims.promotionId }).from(claims).where(eq(claims.id, id))
  if (!row) throw claimNotFound()
  const found = await findPromotion(ctx, row.promotionId, lock).catch((error) => {
    throw error instanceof AppError && error.code === 'not_found' ? claimNotFound() : error
  })
  const [claim] = await ctx.tx.select().from(claims).where(eq(claims.id, id))
  if (!claim) throw claimNotFound()
  return { ...found, claim }
}

/** Deciding and settling are the manufacturer's managers' (promotions:approve on the host side), while writes are allowed. */
export function assertClaimApprover(ctx: ServiceContext, found: FoundPromotion) {
  if (found.side !== 'host' || !can(ctx.role, 'promotions:approve')) {
    throw new AppError('forbidden', 'claims:errors.hostOnly')
  }
  assertPartnershipAllows(found.partnershipStatus, 'write')
}

/** Claims and their proofs come from the partner's side, from people who may write, while writes are allowed. */
export function assertClaimant(ctx: ServiceContext, found: FoundPromotion) {
  if (found.side !== 'partner') throw new AppError('forbidden', 'claims:errors.partnerOnly')
  if (!can(ctx.role, 'promotions:write')) throw new AppError('forbidden', 'claims:errors.readOnly')
  assertPartnershipAllows(found.partnershipStatus, 'write')
}
