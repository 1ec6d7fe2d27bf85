import { and, eq, inArray, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { channels, chatAttachments, chatMessages, documents } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCanPost, findChannel } from './find-channel.server.ts'
import { listChannelMembers, validMentions } from './list-channel-members.server.ts'
import { loadMessage } from './load-messages.server.ts'
import { markRead } from './mark-read.server.ts'
import type { PostMessageInput } from './schemas.ts'

/**
 * Stores a message (the caller pushes it after commit). The channel row is locked first, so ids are handed out in
 * commit order within a channel and "everything after id N" never skips a message committed later. A retried
 * send (same clientId from the same author) returns the first message instead of posting twice.
 */
export async function postMessage(ctx: ServiceContext, channelId: string, input: PostMessageInput) {
  const found = await findChannel(ctx, channelId, true)
  assertCanPost(ctx, found)
  const [existing] = await ctx.tx
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(and(eq(chatMessages.authorId, ctx.userId), eq(chatMessages.clientId, input.clientId)))
  if (existing) {
    const message = await loadMessage(ctx, existing.id)
    if (message?.channelId !== channelId) throw new AppError('conflict', 'chat:errors.clientId')
    return { message, created: false, found }
  }
  const { channel } = found
  if (input.replyToId) {
    const [target] = await ctx.tx
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(and(eq(chatMessages.id, input.replyToId), eq(chatMessages.channelId, channel.id)))
    if (!target) throw new AppError('invalid', 'chat:errors.replyMissing')
  }
  const attachmentIds = await attachable(ctx, found.channel, input.attachmentIds)
  const members = input.mentions.length ? await listChannelMembers(ctx, found) : []
  const [row] = await ctx.tx
    .insert(chatMessages)
    .values({
      channelId: channel.id,
      orgId: channel.orgId,
      partnershipId: channel.partnershipId,
      authorId: ctx.userId,
      authorOrgId: ctx.orgId,
      clientId: input.clientId,
      body: input.body,
      replyToId: input.replyToId ?? null,
      mentions: validMentions(input.body, input.mentions, members),
    })
    .returning({ id: chatMessages.id, createdAt: chatMessages.createdAt })
  if (attachmentIds.length) {
    await ctx.tx.insert(chatAttachments).values(
      attachmentIds.map((documentId) => ({
        messageId: row.id,
        documentId,
        orgId: channel.orgId,
        partnershipId: channel.partnershipId,
      })),
    )
  }
  await ctx.tx
    .update(channels)
    .set({ lastMessageId: row.id, lastMessageAt: row.createdAt, updatedAt: sql`updated_at` })
    .where(eq(channels.id, channel.id))
  // The author has read what they wrote.
  await markRead(ctx, { ...found, channel: { ...channel, lastMessageId: row.id } }, row.id)
  const message = await loadMessage(ctx, row.id)
  if (!message) throw new Error('message vanished after insert')
  return { message, created: true, found }
}

/** Documents may be attached only from the channel's own scope: its partnership's folders, or the org's own. */
async function attachable(ctx: ServiceContext, channel: { partnershipId: string | null }, ids: string[]) {
  if (ids.length === 0) return []
  const rows = await ctx.tx
    .select({ id: documents.id, partnershipId: documents.partnershipId, orgId: documents.orgId })
    .from(documents)
    .where(inArray(documents.id, ids))
  const ok = rows.filter((d) =>
    channel.partnershipId
      ? d.partnershipId === channel.partnershipId
      : d.partnershipId === null && d.orgId === ctx.orgId,
  )
  if (ok.length !== new Set(ids).size) throw new AppError('invalid', 'chat:errors.attachmentMissing')
  return ok.map((d) => d.id)
}
