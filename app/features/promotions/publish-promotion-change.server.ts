import { eq } from 'drizzle-orm'
import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { partnerships } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { Promotion } from './find-promotion.server.ts'

export type RecordChanged = { type: 'promotion'; id: string; version: number }

/**
 * Tells every signed-in user of both sides of the partnership that this promotion changed (plan, status, volumes,
 * claims), once the caller's transaction has committed, so a page that revalidates on the push reads the change.
 * The payload is only type, id and version: both orgs may see the record; anyone who may not open it (a member_own
 * of either side who did not start it) just gets a 404 on revalidation, which the page ignores.
 */
export async function publishPromotionChange(
  ctx: ServiceContext,
  promotion: Pick<Promotion, 'id' | 'partnershipId' | 'version'>,
) {
  const [partnership] = await ctx.tx
    .select({ host: partnerships.hostOrgId, partner: partnerships.partnerOrgId })
    .from(partnerships)
    .where(eq(partnerships.id, promotion.partnershipId))
  if (!partnership) return
  const payload: RecordChanged = { type: 'promotion', id: promotion.id, version: promotion.version }
  afterCommit(ctx.tx, () => {
    for (const orgId of new Set([partnership.host, partnership.partner])) {
      publish(rooms.org(orgId), 'record:changed', payload)
    }
  })
}
