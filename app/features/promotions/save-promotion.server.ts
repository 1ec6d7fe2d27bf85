import { eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { organizations, promotionEvents, promotions } from '#db/schema/index.ts'
import { assertPermission } from '../auth/require.server.ts'
import { notifyPromotionCreated } from '../notifications/notify-promotion.server.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findPromotion, type Promotion } from './find-promotion.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import type { PromotionInput } from './schemas.ts'

function values(input: PromotionInput, currency: string) {
  const plannedSpend = parseAmount(input.plannedSpend, currency)
  const partnerContribution = parseAmount(input.partnerContribution, currency)
  // Lift may exceed 100 %, so not percentToBp (a rate); the schema already checked the digits.
  const expectedLiftBp = Math.round(Number(input.expectedLift) * 100)
  if (plannedSpend === null || partnerContribution === null || !Number.isSafeInteger(expectedLiftBp)) {
    throw new AppError('invalid', 'promotions:errors.amount')
  }
  return {
    name: input.name,
    mechanics: input.mechanics,
    description: input.description,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    plannedSpend,
    partnerContribution,
    expectedLiftBp,
  }
}

/** Either side drafts a promotion on one of its partnerships (active ones only), in the host's currency. */
export async function createPromotion(ctx: ServiceContext, partnershipId: string, input: PromotionInput) {
  assertPermission(ctx, 'promotions:write')
  const partnership = await getPartnership(ctx, partnershipId)
  if (!partnership) throw new AppError('not_found', 'promotions:errors.partnershipNotFound')
  if (partnership.status !== 'active') throw new AppError('conflict', 'promotions:errors.partnershipClosed')
  const [host] = await ctx.tx
    .select({ defaultCurrency: organizations.defaultCurrency })
    .from(organizations)
    .where(eq(organizations.id, partnership.host.id))
  const currency = host?.defaultCurrency ?? 'USD'
  const [row] = await ctx.tx
    .insert(promotions)
    .values({
      ...values(input, currency),
      currency,
      partnershipId: partnership.id,
      hostOrgId: partnership.host.id,
      createdByOrgId: ctx.orgId,
      createdById: ctx.userId,
    })
    .returning()
  await recordEvent(ctx, row, null, 'draft', null)
  await ctx.audit({ action: 'promotion.created', targetType: 'promotion', targetId: row.id })
  await notifyPromotionCreated(ctx, row)
  return row
}

/**
 * Saves the plan while it is a draft. A save based on an older version is refused, and the refusal carries the
 * saved values so the form can show the other person's changes beside what this person typed.
 */
export async function updatePromotion(
  ctx: ServiceContext,
  id: string,
  input: PromotionInput,
  version: number,
) {
  assertPermission(ctx, 'promotions:write')
  const { promotion } = await findPromotion(ctx, id, true)
  if (promotion.status !== 'draft') throw new AppError('conflict', 'promotions:errors.notDraft')
  if (promotion.version !== version) {
    throw new AppError('conflict', 'promotions:errors.stale', { current: promotion })
  }
  const [row] = await ctx.tx
    .update(promotions)
    .set({ ...values(input, promotion.currency), version: promotion.version + 1 })
    .where(eq(promotions.id, promotion.id))
    .returning()
  await ctx.audit({ action: 'promotion.updated', targetType: 'promotion', targetId: row.id })
  await publishPromotionChange(ctx, row)
  return row
}

export async function recordEvent(
  ctx: ServiceContext,
  promotion: Pick<Promotion, 'id' | 'partnershipId'>,
  from: string | null,
  to: string,
  note: string | null,
) {
  await ctx.tx.insert(promotionEvents).values({
    promotionId: promotion.id,
    partnershipId: promotion.partnershipId,
    fromStatus: from,
    toStatus: to,
    note,
    actorId: ctx.userId,
    actorOrgId: ctx.orgId,
  })
}
