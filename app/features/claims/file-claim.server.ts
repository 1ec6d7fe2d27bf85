import { and, eq } from 'drizzle-orm'
import { todayIn } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { formatMoney, parseAmount } from '#app/lib/money.ts'
import { claims, organizations } from '#db/schema/index.ts'
import { notifyPartnership } from '../notifications/notify.server.ts'
import { type FoundPromotion, findPromotion, type Promotion } from '../promotions/find-promotion.server.ts'
import { defaultClaimDeadline } from '../promotions/plan-fields.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertClaimant } from './find-claim.server.ts'
import { recordProofs } from './record-proofs.server.ts'
import type { StoredProof } from './store-proof.server.ts'

const claimable = new Set(['approved', 'live', 'completed'])

/** The last day claims are taken and today, both in the manufacturer's time zone (its rule, its calendar). */
export async function claimWindow(
  ctx: Pick<ServiceContext, 'tx'>,
  promotion: Pick<Promotion, 'claimDeadline' | 'endsOn' | 'hostOrgId'>,
) {
  const deadline = promotion.claimDeadline ?? defaultClaimDeadline(promotion.endsOn)
  const [host] = await ctx.tx
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, promotion.hostOrgId))
  const today = todayIn(host?.timeZone ?? 'UTC')
  return { deadline, today, open: today <= deadline }
}

/**
 * Who may claim against a promotion: the partner's side (never the manufacturer's), with a writing role, while
 * the promotion is funded (approved, live or completed) and its claim deadline has not passed.
 */
export async function assertCanFileClaim(ctx: ServiceContext, found: FoundPromotion) {
  assertClaimant(ctx, found)
  const { promotion } = found
  if (!claimable.has(promotion.status) || !promotion.allocationId || !promotion.approvedAmount) {
    throw new AppError('conflict', 'claims:errors.notClaimable', { status: promotion.status })
  }
  const window = await claimWindow(ctx, promotion)
  if (!window.open) throw new AppError('conflict', 'claims:errors.deadline', { deadline: window.deadline })
  return window
}

/** The route's check before any byte of proof is stored. */
export async function checkCanFileClaim(ctx: ServiceContext, promotionId: string) {
  return assertCanFileClaim(ctx, await findPromotion(ctx, promotionId))
}

/**
 * Files a claim with its proofs, once per idempotency key: a double submit or a retry — even two racing — gets
 * the claim the first one made (`created: false`), and the caller discards the proofs it uploaded again.
 * The promotion's row lock queues filings behind decisions and the promotion's settlement.
 */
export async function fileClaim(
  ctx: ServiceContext,
  promotionId: string,
  input: { amount: string; description: string; idempotencyKey: string; proofs: StoredProof[] },
) {
  const found = await findPromotion(ctx, promotionId, true)
  assertClaimant(ctx, found)
  const { promotion } = found
  const existing = () =>
    ctx.tx
      .select()
      .from(claims)
      .where(
        and(
          eq(claims.partnershipId, promotion.partnershipId),
          eq(claims.idempotencyKey, input.idempotencyKey),
        ),
      )
  const [earlier] = await existing()
  if (earlier) return { claim: earlier, created: false }

  await assertCanFileClaim(ctx, found)
  const amount = parseAmount(input.amount, promotion.currency)
  if (amount === null || amount <= 0) throw new AppError('invalid', 'claims:errors.amount')
  const description = input.description.trim()
  if (!description) throw new AppError('invalid', 'claims:errors.descriptionRequired')

  const [inserted] = await ctx.tx
    .insert(claims)
    .values({
      promotionId: promotion.id,
      partnershipId: promotion.partnershipId,
      hostOrgId: promotion.hostOrgId,
      createdByOrgId: ctx.orgId,
      createdById: ctx.userId,
      idempotencyKey: input.idempotencyKey,
      amount,
      currency: promotion.currency,
      description,
    })
    .onConflictDoNothing({ target: [claims.partnershipId, claims.idempotencyKey] })
    .returning()
  if (!inserted) {
    // Another transaction with the same key committed first (the unique index waited for it).
    const [first] = await existing()
    if (!first) throw new AppError('conflict', 'claims:errors.reload')
    return { claim: first, created: false }
  }
  await recordProofs(ctx, inserted, input.proofs)
  await ctx.audit({
    action: 'claim.submitted',
    targetType: 'claim',
    targetId: inserted.id,
    data: { promotionId: promotion.id, amount, currency: promotion.currency, proofs: input.proofs.length },
  })
  await notifyPartnership(ctx, {
    partnershipId: promotion.partnershipId,
    audience: 'host',
    kind: 'claim.submitted',
    messageKey: 'claimSubmitted',
    values: { promotion: promotion.name, amount: formatMoney(amount, promotion.currency) },
    link: `/claims/${inserted.id}`,
    source: { type: 'claim', id: inserted.id },
  })
  return { claim: inserted, created: true }
}
