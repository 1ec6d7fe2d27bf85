import { and, eq, or, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { reauthorize, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { partnerships } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { PartnershipStatusInput } from './schemas.ts'
import { canTransition, statusTransitions } from './status-transitions.ts'

export type ChangePartnershipStatusInput = PartnershipStatusInput & { partnershipId: string }

/**
 * Suspends, reactivates or ends a partnership the caller's org hosts. Optimistic concurrency: the caller sends
 * the version it saw; a stale version is a `conflict`, never a silent overwrite. Audited in the same transaction.
 * Errors: not_found (unknown or another org's), forbidden (partner side), conflict, invalid (transition).
 * Once it commits, both sides' sockets re-authorize: a suspended or ended partnership has no live rooms.
 */
export async function changePartnershipStatus(ctx: ServiceContext, input: ChangePartnershipStatusInput) {
  const id = IdSchema.safeParse(input.partnershipId)
  if (!id.success) throw new AppError('not_found', 'Partnership not found')
  const [current] = await ctx.tx
    .select({
      status: partnerships.status,
      version: partnerships.version,
      hostOrgId: partnerships.hostOrgId,
      partnerOrgId: partnerships.partnerOrgId,
    })
    .from(partnerships)
    .where(
      and(
        eq(partnerships.id, id.data),
        or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)),
      ),
    )
  if (!current) throw new AppError('not_found', 'Partnership not found')
  if (current.hostOrgId !== ctx.orgId) throw new AppError('forbidden', 'Only the host may change the status')
  if (current.version !== input.version) throw new AppError('conflict', 'Stale version')
  if (!canTransition(input.intent, current.status)) {
    throw new AppError('invalid', `Cannot ${input.intent} a partnership that is ${current.status}`, {
      status: current.status,
    })
  }

  const transition = statusTransitions[input.intent]
  const [updated] = await ctx.tx
    .update(partnerships)
    .set({ status: transition.to, version: sql`${partnerships.version} + 1` })
    // The version in the where refuses a change made between our read and this write.
    .where(
      and(
        eq(partnerships.id, id.data),
        eq(partnerships.hostOrgId, ctx.orgId),
        eq(partnerships.version, input.version),
      ),
    )
    .returning({ version: partnerships.version, status: partnerships.status })
  if (!updated) throw new AppError('conflict', 'Stale version')
  afterCommit(ctx.tx, () => reauthorize([rooms.org(current.hostOrgId), rooms.org(current.partnerOrgId)]))

  await ctx.audit({
    action: transition.audit,
    targetType: 'partnership',
    targetId: id.data,
    data: { from: current.status, to: transition.to, reason: input.reason ?? null },
  })
  return { from: current.status, to: updated.status, version: updated.version }
}
