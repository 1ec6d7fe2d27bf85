import { and, eq, gt, ilike, isNull, lt } from 'drizzle-orm'
import { chatMessages } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findChannel } from './find-channel.server.ts'
import { loadMessages } from './load-messages.server.ts'

export type MessageQuery = { after?: number; before?: number; q?: string; limit: number }

/**
 * A channel's messages by keyset: `after` (catching up after a reconnect, oldest first), `before` (scrolling
 * back), or the newest page. `q` searches the text (deleted messages never match).
 */
export async function listMessages(ctx: ServiceContext, channelId: string, query: MessageQuery) {
  const found = await findChannel(ctx, channelId)
  const inChannel = eq(chatMessages.channelId, found.channel.id)
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const where = and(inChannel, isNull(chatMessages.deletedAt), ilike(chatMessages.body, pattern))
    return loadMessages(ctx, where, { limit: query.limit, newestFirst: true })
  }
  if (query.after !== undefined) {
    return loadMessages(ctx, and(inChannel, gt(chatMessages.id, query.after)), { limit: query.limit })
  }
  const where = query.before ? and(inChannel, lt(chatMessages.id, query.before)) : inChannel
  return loadMessages(ctx, where, { limit: query.limit, newestFirst: true })
}
