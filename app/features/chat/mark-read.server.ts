import { sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { chatReads } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type FoundChannel, findChannel } from './find-channel.server.ts'

/**
 * Moves the caller's read mark forward (never back, never past the newest message). Returns the mark now stored,
 * or null when it did not move (so nothing needs pushing).
 */
export async function markRead(ctx: ServiceContext, found: FoundChannel, lastReadId: number) {
  const upTo = Math.min(lastReadId, found.channel.lastMessageId)
  if (upTo <= 0) return null
  const [row] = await ctx.tx
    .insert(chatReads)
    .values({
      channelId: found.channel.id,
      userId: ctx.userId,
      orgId: found.channel.orgId,
      partnershipId: found.channel.partnershipId,
      lastReadId: upTo,
      readAt: new Date(),
    })
    .onConflictDoUpdate({
      target: [chatReads.channelId, chatReads.userId],
      set: { lastReadId: sql`excluded.last_read_id`, readAt: sql`excluded.read_at` },
      setWhere: sql`${chatReads.lastReadId} < excluded.last_read_id`,
    })
    .returning({ lastReadId: chatReads.lastReadId })
  return row?.lastReadId ?? null
}

/**
 * The read-mark route: anyone who can open the channel may mark it read (viewers too), while its partnership
 * takes writes (decision 0024 counts read marks in shared channels as writes).
 */
export async function markChannelRead(ctx: ServiceContext, channelId: string, lastReadId: number) {
  const found = await findChannel(ctx, channelId)
  if (!found.open) throw new AppError('conflict', 'chat:errors.closed')
  const stored = await markRead(ctx, found, lastReadId)
  return { found, lastReadId: stored }
}
