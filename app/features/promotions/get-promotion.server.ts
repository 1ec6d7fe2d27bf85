import { asc, eq, sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import { organizations, partnerships, promotionEvents, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findPromotion } from './find-promotion.server.ts'

/** A promotion's page: the plan, who is on the other side, its history, and what the caller may do next. */
export async function getPromotion(ctx: ServiceContext, id: string) {
  const found = await findPromotion(ctx, id)
  const { promotion, side } = found
  const [[partnership], history, allocations] = await Promise.all([
    ctx.tx
      .select({ host: partnerships.hostOrgId, partner: partnerships.partnerOrgId })
      .from(partnerships)
      .where(eq(partnerships.id, promotion.partnershipId)),
    ctx.tx
      .select({
        id: promotionEvents.id,
        from: promotionEvents.fromStatus,
        to: promotionEvents.toStatus,
        note: promotionEvents.note,
        at: promotionEvents.createdAt,
        who: users.name,
      })
      .from(promotionEvents)
      .leftJoin(users, eq(users.id, promotionEvents.actorId))
      .where(eq(promotionEvents.promotionId, promotion.id))
      .orderBy(asc(promotionEvents.createdAt)),
    rowsOf<{ id: string; fund_name: string; currency: string }>(
      ctx.tx,
      sql`select a.id, f.name as fund_name, f.currency from fund_allocations a join funds f on f.id = a.fund_id
          where a.partnership_id = ${promotion.partnershipId} and f.currency = ${promotion.currency}
          order by f.starts_on desc`,
    ),
  ])
  const otherId = side === 'host' ? partnership.partner : partnership.host
  const [other] = await ctx.tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, otherId))
  // Buttons follow the services' rules: roles, and a partnership whose status allows writes.
  const open = partnershipAllows(found.partnershipStatus, 'write')
  const write = open && can(ctx.role, 'promotions:write')
  const approve = open && side === 'host' && can(ctx.role, 'promotions:approve')
  const s = promotion.status
  return {
    promotion: {
      ...promotion,
      createdAt: promotion.createdAt.toISOString(),
      updatedAt: promotion.updatedAt.toISOString(),
    },
    side,
    partnerName: other?.name ?? '',
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    allocations: allocations.map((a) => ({ value: a.id, label: a.fund_name })),
    can: {
      edit: write && s === 'draft',
      submit: write && s === 'draft',
      decide: approve && s === 'submitted',
      advance: approve && (s === 'approved' || s === 'live'),
      settle: approve && s === 'completed',
      // Cancelling a funded promotion releases its money: the approvers' decision.
      cancel:
        write && (s === 'draft' || s === 'submitted' || (approve && (s === 'approved' || s === 'live'))),
    },
  }
}
