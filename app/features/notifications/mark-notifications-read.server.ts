import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { notifications } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { appPath } from './app-path.ts'

const notFound = () => new AppError('not_found', 'notifications:errors.notFound')

/**
 * Marks one of the caller's own notifications read and returns where it leads. Someone else's (or an unknown id)
 * is not found, before anything else happens.
 */
export async function markNotificationRead(ctx: ServiceContext, id: string): Promise<{ link: string }> {
  if (!isId(id)) throw notFound()
  const [row] = await ctx.tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(
      and(eq(notifications.id, id), eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId)),
    )
    .returning({ link: notifications.link })
  if (!row) throw notFound()
  return { link: appPath(row.link) }
}

/** Where one of the caller's own notifications leads, without marking it (opening its address). */
export async function findNotificationLink(ctx: ServiceContext, id: string): Promise<{ link: string }> {
  if (!isId(id)) throw notFound()
  const [row] = await ctx.tx
    .select({ link: notifications.link })
    .from(notifications)
    .where(
      and(eq(notifications.id, id), eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId)),
    )
  if (!row) throw notFound()
  return { link: appPath(row.link) }
}

/** Marks every unread notification of the caller in this org read; returns how many. */
export async function markAllNotificationsRead(ctx: ServiceContext): Promise<number> {
  const rows = await ctx.tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, ctx.userId),
        eq(notifications.orgId, ctx.orgId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id })
  return rows.length
}
