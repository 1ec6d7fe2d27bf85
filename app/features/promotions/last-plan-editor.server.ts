import { sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { Promotion } from './find-promotion.server.ts'
import type { PlanEditor } from './plan-fields.ts'

/**
 * Names whoever saved the plan after `afterVersion`. Audit events are private to each org, so a colleague's save is
 * found by name and anything else is credited to the other side (its org's name): a good guess, not a record.
 */
export async function lastPlanEditor(
  ctx: ServiceContext,
  promotion: Pick<Promotion, 'id' | 'partnershipId'>,
  afterVersion: number,
): Promise<PlanEditor> {
  const [own] = await rowsOf<{ actor: string | null; name: string | null }>(
    ctx.tx,
    sql`select a.actor_user_id as actor, u.name from audit_events a left join users u on u.id = a.actor_user_id
        where a.org_id = ${ctx.orgId} and a.action = 'promotion.updated' and a.target_type = 'promotion'
          and a.target_id = ${promotion.id} and (a.data->>'version')::int > ${afterVersion}
        order by a.id desc limit 1`,
  )
  if (own?.actor === ctx.userId) return { kind: 'you', name: own.name ?? '' }
  if (own) return { kind: 'colleague', name: own.name ?? '' }
  const [other] = await rowsOf<{ name: string }>(
    ctx.tx,
    sql`select o.name from partnerships p
        join organizations o on o.id = case when p.host_org_id = ${ctx.orgId} then p.partner_org_id else p.host_org_id end
        where p.id = ${promotion.partnershipId}`,
  )
  return { kind: 'otherSide', name: other?.name ?? '' }
}
