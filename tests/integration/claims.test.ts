import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { decideClaim } from '#app/features/claims/decide-claim.server.ts'
import { fileClaim } from '#app/features/claims/file-claim.server.ts'
import { promotionFunds } from '#app/features/claims/promotion-funds.server.ts'
import { settleClaim } from '#app/features/claims/settle-claim.server.ts'
import type { StoredProof } from '#app/features/claims/store-proof.server.ts'
import { balanceOf } from '#app/features/funds/ledger.server.ts'
import { createPromotion, updatePromotion } from '#app/features/promotions/save-promotion.server.ts'
import {
  advancePromotion,
  approvePromotion,
  settlePromotion,
  submitPromotion,
} from '#app/features/promotions/transitions.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import type { AppError } from '#app/lib/errors.ts'
import {
  auditEvents,
  claimProofs,
  claims,
  ledgerEntries,
  notifications,
  promotionEvents,
  promotions,
} from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { fundPartnership } from './funded-partnership.ts'
import { promotionPlan } from './promotion-plan.ts'
import { asCaller, type Caller, hostCaller, retailerCaller } from './service-context.ts'
import { createWorld, type World } from './world.ts'

// Claims against real PostgreSQL: the partner files (once per idempotency key, even racing, until the deadline),
// the manufacturer approves all or part — spending the promotion's commitment through the ledger, never more than
// it has, even when approvals race — or rejects, then settles; settling the promotion releases what is left.

let world: World
let manager: Caller
let retailer: Caller
let allocationId: string
let n = 0

beforeAll(async () => {
  world = await createWorld()
  manager = hostCaller(world, 'manager')
  retailer = retailerCaller(world)
  const { allocation } = await fundPartnership(world, {
    name: `Claims fund ${world.marker}`,
    endsOn: '2027-12-31',
    budget: '100000.00',
    amount: 50_000_00,
    reason: 'Claims',
  })
  allocationId = allocation.id
})

/** A promotion the retailer drafted and the manufacturer funded with `approved`, moved on to `status`. */
async function fundedPromotion(approved: number, status: 'approved' | 'live' | 'completed' = 'live') {
  const draft = await asCaller(retailer, (ctx) =>
    createPromotion(ctx, world.partnerships.ar.id, promotionPlan(`Claimable ${++n}`)),
  )
  await asCaller(retailer, (ctx) => submitPromotion(ctx, draft.id, { allocationId, amount: approved }))
  let promotion = await asCaller(manager, (ctx) => approvePromotion(ctx, draft.id, { amount: approved }))
  if (status !== 'approved') promotion = await asCaller(manager, (ctx) => advancePromotion(ctx, draft.id))
  if (status === 'completed') promotion = await asCaller(manager, (ctx) => advancePromotion(ctx, draft.id))
  return promotion
}

const proof = (name = 'display.jpg'): StoredProof => ({
  storageKey: `claims/test/${crypto.randomUUID()}`,
  fileName: name,
  contentType: 'image/jpeg',
  size: 1234,
})

function file(promotionId: string, amount: string, key = crypto.randomUUID(), by: Caller = retailer) {
  return asCaller(by, (ctx) =>
    fileClaim(ctx, promotionId, {
      amount,
      description: 'End-cap displays in 12 stores, photos attached',
      idempotencyKey: key,
      proofs: [proof()],
    }),
  )
}

const approve = (claimId: string, decision: 'approve' | 'partial' | 'reject' = 'approve', extra = {}) =>
  asCaller(manager, (ctx) => decideClaim(ctx, claimId, { decision, ...extra }))

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => e as AppError,
  )

const claimsOf = (promotionId: string) =>
  asSystem((tx) => tx.select().from(claims).where(eq(claims.promotionId, promotionId)))

describe('filing', () => {
  test('a double submit with the same idempotency key files one claim and returns it both times', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const key = crypto.randomUUID()
    const first = await file(promotion.id, '400.00', key)
    const again = await file(promotion.id, '400.00', key)
    expect(first.created).toBe(true)
    expect(again.created).toBe(false)
    expect(again.claim.id).toBe(first.claim.id)
    expect(first.claim).toEqual(
      expect.objectContaining({ amount: 40_000, status: 'submitted', currency: 'USD' }),
    )
    expect(await claimsOf(promotion.id)).toHaveLength(1)
    const proofs = await asSystem((tx) =>
      tx.select().from(claimProofs).where(eq(claimProofs.claimId, first.claim.id)),
    )
    expect(proofs).toHaveLength(1)
  })

  test('two racing submits with the same key make one claim; both get it', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const key = crypto.randomUUID()
    const results = await Promise.all([file(promotion.id, '250.00', key), file(promotion.id, '250.00', key)])
    expect(results.map((r) => r.claim.id)[0]).toBe(results[1].claim.id)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(await claimsOf(promotion.id)).toHaveLength(1)
  })

  test('after the claim deadline a claim is refused, naming the deadline; on the deadline day it is taken', async () => {
    const promotion = await fundedPromotion(1_000_00, 'completed')
    const today = todayIn(world.a.org.timeZone)
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const setDeadline = (d: string) =>
      asSystem((tx) => tx.update(promotions).set({ claimDeadline: d }).where(eq(promotions.id, promotion.id)))
    await setDeadline(yesterday)
    const late = await refusal(file(promotion.id, '100.00'))
    expect(late.message).toBe('claims:errors.deadline')
    expect(late.details).toEqual({ deadline: yesterday })
    expect(await claimsOf(promotion.id)).toHaveLength(0)
    await setDeadline(today)
    expect((await file(promotion.id, '100.00')).created).toBe(true)
  })

  test('a new promotion gets its claim deadline 60 days after it ends', async () => {
    const promotion = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, promotionPlan('Deadline default')),
    )
    expect(promotion.claimDeadline).toBe('2027-05-30')
    // Moving the end moves the default deadline with it; a deadline set on the plan stays as set.
    const moved = await asCaller(retailer, (ctx) =>
      updatePromotion(ctx, promotion.id, { ...promotionPlan('Deadline default'), endsOn: '2027-04-30' }, 1),
    )
    expect(moved.claimDeadline).toBe('2027-06-29')
    const explicit = await asCaller(retailer, (ctx) =>
      updatePromotion(
        ctx,
        promotion.id,
        { ...promotionPlan('Deadline default'), claimDeadline: '2027-09-30' },
        2,
      ),
    )
    expect(explicit.claimDeadline).toBe('2027-09-30')
  })

  test('only the partner side files, only on a funded promotion, and never on another org’s', async () => {
    const promotion = await fundedPromotion(1_000_00)
    expect((await refusal(file(promotion.id, '100.00', undefined, manager))).message).toBe(
      'claims:errors.partnerOnly',
    )
    const draft = await asCaller(retailer, (ctx) =>
      createPromotion(ctx, world.partnerships.ar.id, promotionPlan('Not funded')),
    )
    expect((await refusal(file(draft.id, '100.00'))).message).toBe('claims:errors.notClaimable')
    const outsider: Caller = {
      orgId: world.foreign.y.id,
      userId: world.foreign.yOwner.id,
      orgKind: 'retailer',
      role: 'owner',
    }
    expect((await refusal(file(promotion.id, '100.00', undefined, outsider))).message).toBe(
      'promotions:errors.notFound',
    )
    expect((await refusal(file(promotion.id, '0'))).message).toBe('claims:errors.amount')
    expect(await claimsOf(promotion.id)).toHaveLength(0)
  })

  test('filing tells the manufacturer’s managers (not the partner) and is audited', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim } = await file(promotion.id, '120.00')
    const told = await asSystem((tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.sourceId, claim.id), eq(notifications.kind, 'claim.submitted'))),
    )
    expect(told.length).toBeGreaterThan(0)
    expect(new Set(told.map((r) => r.orgId))).toEqual(new Set([world.a.org.id]))
    expect(told.map((r) => r.userId)).toContain(world.a.members.manager.id)
    const audited = await asSystem((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, claim.id), eq(auditEvents.action, 'claim.submitted'))),
    )
    expect(audited).toHaveLength(1)
  })
})

describe('deciding', () => {
  test('approving spends the claim from the promotion’s commitment; the balances add up', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim } = await file(promotion.id, '300.00')
    const before = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    const approved = await approve(claim.id)
    expect(approved).toEqual(expect.objectContaining({ status: 'approved', approvedAmount: 30_000 }))
    const after = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    expect(after.allocated).toBe(before.allocated)
    expect(after.committed).toBe(before.committed - 30_000)
    expect(after.spent).toBe(before.spent + 30_000)
    expect(after.available).toBe(before.available)
    expect(after.allocated).toBe(after.committed + after.spent + after.available)
    // The partner reads the same figures for its allocation.
    expect(await asCaller(retailer, (ctx) => balanceOf(ctx, allocationId))).toEqual(after)
    const funds = await asCaller(manager, (ctx) => promotionFunds(ctx, promotion))
    expect(funds).toEqual({ committed: 1_000_00, released: 0, spent: 30_000, remaining: 70_000 })
    const [spend] = await asSystem((tx) =>
      tx
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.sourceType, 'claim'), eq(ledgerEntries.sourceId, claim.id))),
    )
    expect(spend).toEqual(expect.objectContaining({ kind: 'spend', amount: 30_000, allocationId }))
    const told = await asSystem((tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.sourceId, claim.id), eq(notifications.kind, 'claim.approved'))),
    )
    expect(told.map((r) => r.userId)).toEqual([world.r.owner.id])
  })

  test('a decided claim cannot be decided again', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim } = await file(promotion.id, '100.00')
    await approve(claim.id)
    expect((await refusal(approve(claim.id))).message).toBe('claims:errors.alreadyDecided')
    expect((await refusal(approve(claim.id, 'reject', { reason: 'Late' }))).message).toBe(
      'claims:errors.alreadyDecided',
    )
    // A form shown before someone else decided carries the old version.
    const { claim: other } = await file(promotion.id, '100.00')
    expect((await refusal(approve(other.id, 'approve', { version: other.version + 1 }))).message).toBe(
      'claims:errors.alreadyDecided',
    )
  })

  test('a partial approval spends the part, needs a reason, and must be less than claimed', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim } = await file(promotion.id, '500.00')
    expect((await refusal(approve(claim.id, 'partial', { amount: '200.00' }))).message).toBe(
      'claims:errors.reasonRequired',
    )
    expect((await refusal(approve(claim.id, 'partial', { amount: '500.00', reason: 'All' }))).message).toBe(
      'claims:errors.partialAmount',
    )
    const partly = await approve(claim.id, 'partial', {
      amount: '200.00',
      reason: '4 of 10 stores had the display',
    })
    expect(partly).toEqual(
      expect.objectContaining({ status: 'partially_approved', approvedAmount: 20_000, amount: 50_000 }),
    )
    expect((await asCaller(manager, (ctx) => promotionFunds(ctx, promotion))).remaining).toBe(80_000)
  })

  test('rejecting needs a reason and spends nothing; the partner cannot decide', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim } = await file(promotion.id, '150.00')
    expect((await refusal(approve(claim.id, 'reject'))).message).toBe('claims:errors.reasonRequired')
    expect(
      (await refusal(asCaller(retailer, (ctx) => decideClaim(ctx, claim.id, { decision: 'approve' }))))
        .message,
    ).toBe('claims:errors.hostOnly')
    const rejected = await approve(claim.id, 'reject', { reason: 'No proof of the display' })
    expect(rejected).toEqual(expect.objectContaining({ status: 'rejected', approvedAmount: null }))
    expect((await asCaller(manager, (ctx) => promotionFunds(ctx, promotion))).spent).toBe(0)
  })

  test('approving more than the promotion still has committed is refused and moves nothing', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim: first } = await file(promotion.id, '700.00')
    await approve(first.id)
    const { claim } = await file(promotion.id, '500.00')
    const before = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    const over = await refusal(approve(claim.id))
    expect(over.message).toBe('claims:errors.overCommitted')
    expect(over.details).toEqual({ remaining: '$300.00', amount: '$500.00' })
    expect(await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))).toEqual(before)
    // What is left can still be approved in part.
    await approve(claim.id, 'partial', { amount: '300.00', reason: 'The rest of the budget' })
    expect((await asCaller(manager, (ctx) => promotionFunds(ctx, promotion))).remaining).toBe(0)
  })

  test('two concurrent approvals against one promotion cannot overspend it', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const a = await file(promotion.id, '700.00')
    const b = await file(promotion.id, '600.00')
    const before = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    const results = await Promise.allSettled([approve(a.claim.id), approve(b.claim.id)])
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect((refused[0].reason as AppError).message).toBe('claims:errors.overCommitted')
    const funds = await asCaller(manager, (ctx) => promotionFunds(ctx, promotion))
    expect(funds.remaining).toBeGreaterThanOrEqual(0)
    expect(funds.spent).toBeLessThanOrEqual(1_000_00)
    const after = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    expect(after.committed).toBeGreaterThanOrEqual(0)
    expect(after.spent - before.spent).toBe(funds.spent)
  })
})

describe('settling', () => {
  test('an approved claim is settled with a method and reference, once', async () => {
    const promotion = await fundedPromotion(1_000_00)
    const { claim } = await file(promotion.id, '100.00')
    expect(
      (
        await refusal(
          asCaller(manager, (ctx) => settleClaim(ctx, claim.id, { method: 'payment', reference: 'P-1' })),
        )
      ).message,
    ).toBe('claims:errors.notSettleable')
    await approve(claim.id)
    expect(
      (
        await refusal(
          asCaller(retailer, (ctx) => settleClaim(ctx, claim.id, { method: 'payment', reference: 'P-1' })),
        )
      ).message,
    ).toBe('claims:errors.hostOnly')
    const settled = await asCaller(manager, (ctx) =>
      settleClaim(ctx, claim.id, { method: 'credit_note', reference: 'CN-2027-0042' }),
    )
    expect(settled).toEqual(
      expect.objectContaining({
        status: 'settled',
        settlementMethod: 'credit_note',
        settlementReference: 'CN-2027-0042',
      }),
    )
    expect(settled.settledAt).toBeInstanceOf(Date)
    expect(
      (
        await refusal(
          asCaller(manager, (ctx) => settleClaim(ctx, claim.id, { method: 'payment', reference: 'P-2' })),
        )
      ).message,
    ).toBe('claims:errors.notSettleable')
  })

  test('a completed promotion settles once every claim is decided, releasing what was not claimed', async () => {
    const promotion = await fundedPromotion(1_000_00, 'completed')
    const { claim: paid } = await file(promotion.id, '600.00')
    const { claim: refused } = await file(promotion.id, '250.00')
    await approve(paid.id)
    // One claim still waits: not yet.
    expect((await refusal(asCaller(manager, (ctx) => settlePromotion(ctx, promotion.id)))).message).toBe(
      'claims:errors.undecided',
    )
    await approve(refused.id, 'reject', { reason: 'Duplicate of the first claim' })
    // An approved claim not yet paid also holds it open.
    expect((await refusal(asCaller(manager, (ctx) => settlePromotion(ctx, promotion.id)))).message).toBe(
      'claims:errors.undecided',
    )
    await asCaller(manager, (ctx) => settleClaim(ctx, paid.id, { method: 'payment', reference: 'PAY-77' }))
    expect((await refusal(asCaller(retailer, (ctx) => settlePromotion(ctx, promotion.id)))).message).toBe(
      'promotions:errors.hostOnly',
    )
    const before = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    const settled = await asCaller(manager, (ctx) => settlePromotion(ctx, promotion.id))
    expect(settled.status).toBe('settled')
    const after = await asCaller(manager, (ctx) => balanceOf(ctx, allocationId))
    expect(after.committed).toBe(before.committed - 40_000)
    expect(after.available).toBe(before.available + 40_000)
    expect(after.spent).toBe(before.spent)
    expect(await asCaller(manager, (ctx) => promotionFunds(ctx, promotion))).toEqual({
      committed: 1_000_00,
      released: 40_000,
      spent: 60_000,
      remaining: 0,
    })
    const [release] = await asSystem((tx) =>
      tx
        .select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.sourceId, promotion.id), eq(ledgerEntries.kind, 'release'))),
    )
    expect(release.amount).toBe(40_000)
    expect(release.reason).toMatch(/unclaimed/)
    const events = await asSystem((tx) =>
      tx
        .select({ from: promotionEvents.fromStatus, to: promotionEvents.toStatus })
        .from(promotionEvents)
        .where(eq(promotionEvents.promotionId, promotion.id)),
    )
    expect(events).toContainEqual({ from: 'completed', to: 'settled' })
    // Settled is final: no claim is taken any more.
    expect((await refusal(file(promotion.id, '10.00'))).message).toBe('claims:errors.notClaimable')
  })

  test('a promotion that is not completed cannot be settled', async () => {
    const promotion = await fundedPromotion(1_000_00, 'live')
    expect((await refusal(asCaller(manager, (ctx) => settlePromotion(ctx, promotion.id)))).message).toBe(
      'promotions:errors.wrongStatus',
    )
  })
})
