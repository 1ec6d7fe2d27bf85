import { eq } from 'drizzle-orm'
import { type DigestInterval, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type NotificationPreference = { chatDigest: DigestInterval; notificationEmail: DigestInterval }

/**
 * How often the signed-in person is emailed: chat digests, and unread notifications (promotion and claim steps).
 * A field left out keeps its value. Row-level security lets people update only themselves.
 */
export async function updateNotificationPreference(
  ctx: ServiceContext,
  input: Partial<NotificationPreference>,
) {
  const set = {
    ...(input.chatDigest ? { chatDigest: input.chatDigest } : {}),
    ...(input.notificationEmail ? { notificationEmail: input.notificationEmail } : {}),
  }
  if (Object.keys(set).length === 0) return
  await ctx.tx.update(users).set(set).where(eq(users.id, ctx.userId))
}

export async function getNotificationPreference(ctx: ServiceContext): Promise<NotificationPreference> {
  const [row] = await ctx.tx
    .select({ chatDigest: users.chatDigest, notificationEmail: users.notificationEmail })
    .from(users)
    .where(eq(users.id, ctx.userId))
  return {
    chatDigest: row?.chatDigest ?? 'hourly',
    notificationEmail: row?.notificationEmail ?? 'immediately',
  }
}
