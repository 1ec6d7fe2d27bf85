import { beforeAll, describe, expect, test } from 'vitest'
import { balanceOf } from '#app/features/funds/ledger.server.ts'
import { createPromotion, updatePromotion } from '#app/features/promotions/save-promotion.server.ts'
import {
  advancePromotion,
  approvePromotion,
  cancelPromotion,
  rejectPromotion,
  sendBackPromotion,
  submitPromotion,
} from '#app/features/promotions/transitions.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { fundPartnership } from './funded-partnership.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, type Caller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// Promotions against real PostgreSQL: both sides draft, stale saves are refused with the other's values, the
// manufacturer approves by committing through the ledger (never more than available, even racing), cancelling
// releases the money.

let world: World
let manager: Caller
let retailer: Caller
let allocationId: string
let n = 0

const plan = promotionPlan

beforeAll(async () => {
  world = await createWorld()
  manager = hostCaller(world, 'manager')
  retailer = retailerCaller(world)
  const { allocation } = await fundPartnership(world, {
    name: `Promo fund ${world.marker}`,
    budget: '100000.00',
    amount: 3_000_00,
  })
  allocationId = allocation.id
})

async function draft(by: Caller = retailer) {
  return asCaller(by, (ctx) => createPromotion(ctx, world.partnerships.ar.id, plan(`Spring ${++n}`)))
}

describe('co-planning', () => {
  test('the retailer drafts, the manufacturer edits; a save from an older version is refused with the current values', async () => {
    const promotion = await draft()
    expect(promotion.createdByOrgId).toBe(world.r.org.id)
    const edited = await asCaller(manager, (ctx) =>
      updatePromotion(
        ctx,
        promotion.id,
        { ...plan('Spring displays'), plannedSpend: '3500.00' },
        promotion.version,
      ),
    )
    expect(edited.version).toBe(promotion.version + 1)
    const stale = await asCaller(retailer, (ctx) =>
      updatePromotion(ctx, promotion.id, { ...plan('Mine'), plannedSpend: '2000.00' }, promotion.version),
    ).catch((e) => e)
    expect(stale).toBeInstanceOf(AppError)
    expect(stale.message).toBe('promotions:errors.stale')
    expect(stale.details.current).toEqual(
      expect.objectContaining({ name: 'Spring displays', plannedSpend: 350_000 }),
    )
  })

  test('the foreign world cannot see or touch it', async () => {
    const promotion = await draft()
    const outsider: Caller = {
      orgId: world.foreign.z.id,
      userId: world.foreign.zOwner.id,
      orgKind: 'manufacturer',
      role: 'owner',
    }
    const error = await asCaller(outsider, (ctx) => approvePromotion(ctx, promotion.id, { amount: 1 })).catch(
      (e) => e,
    )
    expect(error.message).toBe('promotions:errors.notFound')
  })
})

describe('funding', () => {
  test('submit, approve part of it (committed in the ledger), go live, cancel (released)', async () => {
    const promotion = await draft()
    await asCaller(retailer, (ctx) => submitPromotion(ctx, promotion.id, { allocationId, amount: 80_000 }))
    // The retailer cannot approve its own request.
    const self = await asCaller(retailer, (ctx) =>
      approvePromotion(ctx, promotion.id, { amount: 80_000 }),
    ).catch((e) => e)
    expect(self.message).toBe('promotions:errors.hostOnly')
    const before = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    const approved = await asCaller(manager, (ctx) => approvePromotion(ctx, promotion.id, { amount: 60_000 }))
    expect(approved.status).toBe('approved')
    expect(approved.approvedAmount).toBe(60_000)
    const after = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    expect(after.committed - before.committed).toBe(60_000)
    expect(after.available).toBe(before.available - 60_000)
    await asCaller(manager, (ctx) => advancePromotion(ctx, promotion.id))
    const cancelled = await asCaller(manager, (ctx) => cancelPromotion(ctx, promotion.id, 'Stores not ready'))
    expect(cancelled.status).toBe('cancelled')
    expect((await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))).available).toBe(before.available)
  })

  test('cancelling an approved or live promotion releases money: an editor who may not approve cannot', async () => {
    const member = hostCaller(world, 'member')
    for (const live of [false, true]) {
      const promotion = await draft()
      await asCaller(retailer, (ctx) => submitPromotion(ctx, promotion.id, { allocationId, amount: 10_000 }))
      await asCaller(manager, (ctx) => approvePromotion(ctx, promotion.id, { amount: 10_000 }))
      if (live) await asCaller(manager, (ctx) => advancePromotion(ctx, promotion.id))
      const before = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
      const refused = await asCaller(member, (ctx) => cancelPromotion(ctx, promotion.id, 'Not needed')).catch(
        (e) => e,
      )
      expect(refused).toBeInstanceOf(AppError)
      expect(refused).toMatchObject({ code: 'forbidden', message: 'promotions:errors.hostOnly' })
      expect(await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))).toEqual(before)
      const cancelled = await asCaller(manager, (ctx) => cancelPromotion(ctx, promotion.id, 'Not needed'))
      expect(cancelled.status).toBe('cancelled')
    }
    // A draft holds no money: whoever may edit it may still cancel it.
    const unfunded = await draft()
    expect((await asCaller(member, (ctx) => cancelPromotion(ctx, unfunded.id, 'Dropped'))).status).toBe(
      'cancelled',
    )
  })

  test('reject with a reason, or send back for changes', async () => {
    const one = await draft()
    await asCaller(retailer, (ctx) => submitPromotion(ctx, one.id, { allocationId, amount: 10_000 }))
    expect(
      (await asCaller(manager, (ctx) => rejectPromotion(ctx, one.id, 'Out of season'))).decisionReason,
    ).toBe('Out of season')
    const two = await draft()
    await asCaller(retailer, (ctx) => submitPromotion(ctx, two.id, { allocationId, amount: 10_000 }))
    expect(
      (await asCaller(manager, (ctx) => sendBackPromotion(ctx, two.id, 'Add the store list'))).status,
    ).toBe('draft')
  })

  test('10 concurrent approvals against an allocation that can afford 3: exactly 3 succeed', async () => {
    const available = (await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))).available
    const each = Math.floor(available / 3)
    const drafts = await Promise.all(Array.from({ length: 10 }, () => draft()))
    for (const d of drafts) {
      await asCaller(retailer, (ctx) => submitPromotion(ctx, d.id, { allocationId, amount: each }))
    }
    const results = await Promise.allSettled(
      drafts.map((d) => asCaller(manager, (ctx) => approvePromotion(ctx, d.id, { amount: each }))),
    )
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(3)
    expect(refused).toHaveLength(7)
    for (const r of refused) expect((r.reason as AppError).message).toBe('funds:errors.overAvailable')
    expect((await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))).available).toBe(
      available - 3 * each,
    )
  })
})
