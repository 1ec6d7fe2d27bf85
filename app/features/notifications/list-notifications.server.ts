import { and, count, desc, eq, isNull } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { notifications, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

// Row-level security already limits notifications to the caller's own in this org; the `where` says so too, so
// the list, the count and the mark can never disagree (docs/architecture.md, “Who checks what”).
const mine = (ctx: ServiceContext) =>
  and(eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId))

/** The caller's notifications in the signed-in org, newest first, a page at a time. */
export async function listNotifications(ctx: ServiceContext, page: PageRequest) {
  const [items, [{ total }]] = await Promise.all([
    ctx.tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        messageKey: notifications.messageKey,
        values: notifications.values,
        link: notifications.link,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        actorName: users.name,
      })
      .from(notifications)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(mine(ctx))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.tx.select({ total: count() }).from(notifications).where(mine(ctx)),
  ])
  return { items, total }
}

/** The bell's number: one count on notifications_user_idx (user, org, created_at). */
export async function countUnreadNotifications(ctx: ServiceContext): Promise<number> {
  const [row] = await ctx.tx
    .select({ unread: count() })
    .from(notifications)
    .where(and(mine(ctx), isNull(notifications.readAt)))
  return row?.unread ?? 0
}
