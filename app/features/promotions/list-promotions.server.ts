import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { organizations, type PromotionStatus, partnerships, promotions } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** Promotions on the caller's partnerships, newest start first, by status and name; a member_own sees their own. */
export async function listPromotions(
  ctx: ServiceContext,
  input: { q?: string; status?: PromotionStatus; page: PageRequest },
) {
  const conditions: SQL[] = [
    or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)) as SQL,
  ]
  if (input.status) conditions.push(eq(promotions.status, input.status))
  if (input.q) conditions.push(ilike(promotions.name, `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
  if (seesOwnOnly(ctx.role)) conditions.push(eq(promotions.createdById, ctx.userId))
  const where = and(...conditions)
  const other = sql`case when ${partnerships.hostOrgId} = ${ctx.orgId} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`
  const [rows, [{ total }]] = await Promise.all([
    ctx.tx
      .select({
        id: promotions.id,
        name: promotions.name,
        status: promotions.status,
        mechanics: promotions.mechanics,
        startsOn: promotions.startsOn,
        endsOn: promotions.endsOn,
        currency: promotions.currency,
        plannedSpend: promotions.plannedSpend,
        approvedAmount: promotions.approvedAmount,
        partnerName: organizations.name,
      })
      .from(promotions)
      .innerJoin(partnerships, eq(partnerships.id, promotions.partnershipId))
      .innerJoin(organizations, eq(organizations.id, other))
      .where(where)
      .orderBy(desc(promotions.startsOn), promotions.name)
      .limit(input.page.pageSize)
      .offset(input.page.offset),
    ctx.tx
      .select({ total: count() })
      .from(promotions)
      .innerJoin(partnerships, eq(partnerships.id, promotions.partnershipId))
      .where(where),
  ])
  return { rows, total }
}
