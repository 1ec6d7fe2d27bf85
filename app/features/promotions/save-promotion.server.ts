import { eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { organizations, promotionEvents, promotions } from '#db/schema/index.ts'
import { assertPermission } from '../auth/require.server.ts'
import { notifyPromotionCreated } from '../notifications/notify-promotion.server.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { lockPromotionForChange, type Promotion } from './find-promotion.server.ts'
import { lastPlanEditor } from './last-plan-editor.server.ts'
import { normalizePlan, planColumns, planInput } from './plan-columns.server.ts'
import {
  mergePlan,
  type PlanConflict,
  type PlanValues,
  planFields,
  planValues,
  samePlanValue,
} from './plan-fields.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import { type PromotionInput, PromotionSchema } from './schemas.ts'

/** Either side drafts a promotion on one of its partnerships (active ones only), in the host's currency. */
export async function createPromotion(ctx: ServiceContext, partnershipId: string, input: PromotionInput) {
  assertPermission(ctx, 'promotions:write')
  const partnership = await getPartnership(ctx, partnershipId)
  if (!partnership) throw new AppError('not_found', 'promotions:errors.partnershipNotFound')
  assertPartnershipAllows(partnership.status, 'write')
  const [host] = await ctx.tx
    .select({ defaultCurrency: organizations.defaultCurrency })
    .from(organizations)
    .where(eq(organizations.id, partnership.host.id))
  const currency = host?.defaultCurrency ?? 'USD'
  const [row] = await ctx.tx
    .insert(promotions)
    .values({
      ...planColumns(input, currency),
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
 * Saves the plan while it is a draft. `version` and `base` are what the form was loaded with: when someone saved
 * since, the fields only one of them changed are merged, and a field both changed differently is a conflict: the
 * save is refused with the saved values, the conflicting fields and who changed them, never overwritten. Without
 * `base` (an older client) any save from an older version is refused whole.
 */
export async function updatePromotion(
  ctx: ServiceContext,
  id: string,
  input: PromotionInput,
  version: number,
  base?: PromotionInput,
) {
  assertPermission(ctx, 'promotions:write')
  const { promotion } = await lockPromotionForChange(ctx, id)
  if (promotion.status !== 'draft') throw new AppError('conflict', 'promotions:errors.notDraft')
  const theirs = planValues(promotion)
  const mine = normalizePlan(input, promotion.currency)
  let next = mine
  if (promotion.version !== version) {
    const { merged, conflicts } = base
      ? mergePlan(normalizePlan(base, promotion.currency), mine, theirs)
      : { merged: theirs, conflicts: staleFields(mine, theirs) }
    if (conflicts.length > 0 || !base) {
      throw new AppError('conflict', base ? 'promotions:errors.fieldConflict' : 'promotions:errors.stale', {
        current: promotion,
        currentValues: theirs,
        conflicts,
        merged,
        changedBy: await lastPlanEditor(ctx, promotion, version),
      })
    }
    // Each field is valid alone; together (their start after my end) they may not be.
    if (!PromotionSchema.safeParse(planInput(merged)).success) {
      throw new AppError('conflict', 'promotions:errors.mergeInvalid', {
        current: promotion,
        currentValues: theirs,
        conflicts: staleFields(mine, theirs),
        merged,
        changedBy: await lastPlanEditor(ctx, promotion, version),
      })
    }
    next = merged
  }
  const changed = planFields.filter((f) => !samePlanValue(next[f], theirs[f]))
  if (changed.length === 0) return promotion
  const [row] = await ctx.tx
    .update(promotions)
    .set({ ...planColumns(planInput(next), promotion.currency), version: promotion.version + 1 })
    .where(eq(promotions.id, promotion.id))
    .returning()
  await ctx.audit({
    action: 'promotion.updated',
    targetType: 'promotion',
    targetId: row.id,
    data: { version: row.version, fields: changed },
  })
  await publishPromotionChange(ctx, row)
  return row
}

/** Without a base every field that differs from the saved plan is shown as the other side's. */
function staleFields(mine: PlanValues, theirs: PlanValues): PlanConflict[] {
  return planFields
    .filter((f) => !samePlanValue(mine[f], theirs[f]))
    .map((field) => ({ field, theirs: theirs[field], mine: mine[field] }))
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
