import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm'
import { auditEvents, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { escapeLike } from './schemas.ts'

export type AuditFilters = { action?: string; actorId?: string; before?: number }

export const AUDIT_PAGE_SIZE = 50

/** The org's audit trail, newest first, one keyset page (ids older than `before`). */
export async function listAuditEvents(
  ctx: ServiceContext,
  filters: AuditFilters,
  pageSize = AUDIT_PAGE_SIZE,
) {
  const conditions: SQL[] = [eq(auditEvents.orgId, ctx.orgId)]
  if (filters.action) conditions.push(like(auditEvents.action, `${escapeLike(filters.action)}%`))
  if (filters.actorId) conditions.push(eq(auditEvents.actorUserId, filters.actorId))
  if (filters.before) conditions.push(lt(auditEvents.id, filters.before))
  const rows = await ctx.tx
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: auditEvents.ip,
      actorId: auditEvents.actorUserId,
      // Left join: RLS hides users no longer visible to the org, and system events have no actor.
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1)
  const events = rows.slice(0, pageSize)
  const next = rows.length > pageSize ? events[events.length - 1]?.id : undefined
  return { events, next }
}
