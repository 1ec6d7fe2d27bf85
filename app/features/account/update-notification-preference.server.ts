import { eq } from 'drizzle-orm'
import { type DigestInterval, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** How often the signed-in person gets chat digests (row-level security lets people update only themselves). */
export async function updateNotificationPreference(ctx: ServiceContext, chatDigest: DigestInterval) {
  await ctx.tx.update(users).set({ chatDigest }).where(eq(users.id, ctx.userId))
}

export async function getNotificationPreference(ctx: ServiceContext): Promise<DigestInterval> {
  const [row] = await ctx.tx
    .select({ chatDigest: users.chatDigest })
    .from(users)
    .where(eq(users.id, ctx.userId))
  return row?.chatDigest ?? 'hourly'
}
