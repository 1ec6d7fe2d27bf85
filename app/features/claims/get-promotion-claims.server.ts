import { eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import type { PageRequest } from '#app/lib/pagination.ts'
import { organizations, partnerships } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { findPromotion } from '../promotions/find-promotion.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCanFileClaim, claimWindow } from './file-claim.server.ts'
import { listClaims } from './list-claims.server.ts'
import { promotionFunds } from './promotion-funds.server.ts'

/**
 * The promotion's Claims tab: its claims with their proofs, the money still committed to it, the claim deadline,
 * and what the caller may do — file a claim (the partner's side, while it is allowed; otherwise why not), decide
 * and settle (the manufacturer's managers).
 */
export async function getPromotionClaims(ctx: ServiceContext, promotionId: string, page: PageRequest) {
  const found = await findPromotion(ctx, promotionId)
  const { promotion, side } = found
  const [list, funds, window, other] = await Promise.all([
    listClaims(ctx, { promotionId: promotion.id, page }),
    promotionFunds(ctx, promotion),
    claimWindow(ctx, promotion),
    ctx.tx
      .select({ name: organizations.name })
      .from(partnerships)
      .innerJoin(
        organizations,
        eq(organizations.id, side === 'host' ? partnerships.partnerOrgId : partnerships.hostOrgId),
      )
      .where(eq(partnerships.id, promotion.partnershipId)),
  ])
  let fileRefusal: string | null = null
  if (side === 'partner') {
    fileRefusal = await assertCanFileClaim(ctx, found).then(
      () => null,
      (error) => {
        if (error instanceof AppError) return error.message
        throw error
      },
    )
  }
  const decide = side === 'host' && can(ctx.role, 'promotions:approve')
  return {
    promotion: {
      id: promotion.id,
      name: promotion.name,
      status: promotion.status,
      currency: promotion.currency,
      startsOn: promotion.startsOn,
      endsOn: promotion.endsOn,
      approvedAmount: promotion.approvedAmount,
    },
    side,
    /** The other side of the partnership. */
    otherName: other[0]?.name ?? '',
    funds,
    deadline: window.deadline,
    claims: list.rows,
    total: list.total,
    can: {
      file: side === 'partner' && fileRefusal === null,
      /** Why the partner cannot file now (status, deadline, role), shown instead of the form. */
      fileRefusal: side === 'partner' ? fileRefusal : null,
      decide,
      settle: decide,
    },
  }
}
