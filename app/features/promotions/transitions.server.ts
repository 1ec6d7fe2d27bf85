import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { fundAllocations, funds, type PromotionStatus, promotions } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { notifyPromotionSettled, releaseUnclaimed } from '../claims/release-unclaimed.server.ts'
import { balanceOf, commitFunds, releaseFunds } from '../funds/ledger.server.ts'
import { notifyPromotionStep } from '../notifications/notify-promotion.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundPromotion, lockPromotionForChange } from './find-promotion.server.ts'
import { publishPromotionChange } from './publish-promotion-change.server.ts'
import { recordEvent } from './save-promotion.server.ts'

async function move(
  ctx: ServiceContext,
  found: FoundPromotion,
  to: PromotionStatus,
  set: Partial<typeof promotions.$inferInsert>,
  note: string | null,
) {
  const { promotion } = found
  const [row] = await ctx.tx
    .update(promotions)
    .set({ ...set, status: to, version: promotion.version + 1 })
    .where(eq(promotions.id, promotion.id))
    .returning()
  await recordEvent(ctx, promotion, promotion.status, to, note)
  await ctx.audit({
    action: `promotion.${to}`,
    targetType: 'promotion',
    targetId: promotion.id,
    data: { from: promotion.status, note },
  })
  await publishPromotionChange(ctx, row)
  await notifyPromotionStep(ctx, found.side, promotion.status, row, note)
  return row
}

function expect(found: FoundPromotion, ...statuses: PromotionStatus[]) {
  if (!statuses.includes(found.promotion.status)) {
    throw new AppError('conflict', 'promotions:errors.wrongStatus', { status: found.promotion.status })
  }
}

function assertApprover(ctx: ServiceContext, found: FoundPromotion) {
  if (found.side !== 'host' || !can(ctx.role, 'promotions:approve')) {
    throw new AppError('forbidden', 'promotions:errors.hostOnly')
  }
}

/** Either side asks the manufacturer for `amount` from one of the partnership's allocations (same currency). */
export async function submitPromotion(
  ctx: ServiceContext,
  id: string,
  input: { allocationId: string; amount: number },
) {
  if (!can(ctx.role, 'promotions:write')) throw new AppError('forbidden', 'promotions:errors.readOnly')
  const found = await lockPromotionForChange(ctx, id)
  expect(found, 'draft')
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new AppError('invalid', 'promotions:errors.amount')
  const [allocation] = await ctx.tx
    .select({ id: fundAllocations.id, currency: funds.currency })
    .from(fundAllocations)
    .innerJoin(funds, eq(funds.id, fundAllocations.fundId))
    .where(
      and(
        eq(fundAllocations.id, input.allocationId),
        eq(fundAllocations.partnershipId, found.promotion.partnershipId),
      ),
    )
  if (!allocation) throw new AppError('invalid', 'promotions:errors.allocation')
  if (allocation.currency !== found.promotion.currency)
    throw new AppError('invalid', 'promotions:errors.currency')
  return move(ctx, found, 'submitted', { allocationId: allocation.id, requestedAmount: input.amount }, null)
}

/**
 * The manufacturer approves all or part of the request: the amount is committed on the allocation through the
 * ledger, under its lock, so racing approvals can never commit more than is available.
 */
export async function approvePromotion(ctx: ServiceContext, id: string, input: { amount: number }) {
  const found = await lockPromotionForChange(ctx, id)
  assertApprover(ctx, found)
  expect(found, 'submitted')
  const { promotion } = found
  if (!promotion.allocationId || !promotion.requestedAmount)
    throw new AppError('conflict', 'promotions:errors.allocation')
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > promotion.requestedAmount) {
    throw new AppError('invalid', 'promotions:errors.approveAmount')
  }
  await commitFunds(ctx, {
    allocationId: promotion.allocationId,
    amount: input.amount,
    reason: `Approved: ${promotion.name}`,
    source: { type: 'promotion', id: promotion.id },
  })
  return move(ctx, found, 'approved', { approvedAmount: input.amount, decisionReason: null }, null)
}

export async function rejectPromotion(ctx: ServiceContext, id: string, reason: string) {
  const found = await lockPromotionForChange(ctx, id)
  assertApprover(ctx, found)
  expect(found, 'submitted')
  return move(ctx, found, 'rejected', { decisionReason: reason }, reason)
}

/** Back to draft for changes, with what to change. */
export async function sendBackPromotion(ctx: ServiceContext, id: string, reason: string) {
  const found = await lockPromotionForChange(ctx, id)
  assertApprover(ctx, found)
  expect(found, 'submitted')
  return move(ctx, found, 'draft', { decisionReason: reason }, reason)
}

/** The manufacturer marks an approved promotion live, then completed. */
export async function advancePromotion(ctx: ServiceContext, id: string) {
  const found = await lockPromotionForChange(ctx, id)
  assertApprover(ctx, found)
  expect(found, 'approved', 'live')
  return move(ctx, found, found.promotion.status === 'approved' ? 'live' : 'completed', {}, null)
}

/**
 * Either side cancels a draft or a request before it is decided. An approved or live promotion holds committed
 * money, and cancelling it releases that money to the allocation: a decision for the manufacturer's approvers.
 */
export async function cancelPromotion(ctx: ServiceContext, id: string, reason: string) {
  if (!can(ctx.role, 'promotions:write')) throw new AppError('forbidden', 'promotions:errors.readOnly')
  const found = await lockPromotionForChange(ctx, id)
  expect(found, 'draft', 'submitted', 'approved', 'live')
  const { promotion } = found
  const funded = promotion.status === 'approved' || promotion.status === 'live' || !!promotion.approvedAmount
  if (funded) {
    if (found.side !== 'host') throw new AppError('forbidden', 'promotions:errors.hostCancelsFunded')
    assertApprover(ctx, found)
  }
  if (promotion.approvedAmount && promotion.allocationId) {
    const committed = (await balanceOf(ctx, promotion.allocationId)).committed
    const release = Math.min(promotion.approvedAmount, committed)
    if (release > 0) {
      await releaseFunds(ctx, {
        allocationId: promotion.allocationId,
        amount: release,
        reason: `Cancelled: ${promotion.name}`,
        source: { type: 'promotion', id: promotion.id },
      })
    }
  }
  return move(ctx, found, 'cancelled', { decisionReason: reason }, reason)
}

/**
 * The manufacturer settles a completed promotion once every claim on it is decided (rejected or settled); money
 * still committed to it is released to the allocation (claims/release-unclaimed.server.ts).
 */
export async function settlePromotion(ctx: ServiceContext, id: string) {
  const found = await lockPromotionForChange(ctx, id)
  assertApprover(ctx, found)
  expect(found, 'completed')
  const { released } = await releaseUnclaimed(ctx, found)
  const row = await move(ctx, found, 'settled', {}, null)
  await notifyPromotionSettled(ctx, row, released)
  return row
}
