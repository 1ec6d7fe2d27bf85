import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { chatMessages, chatReactions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCanPost, findChannel } from './find-channel.server.ts'
import { listChannelMembers, validMentions } from './list-channel-members.server.ts'
import { loadMessage } from './load-messages.server.ts'

const notFound = () => new AppError('not_found', 'chat:errors.messageNotFound')

async function findMessage(ctx: ServiceContext, channelId: string, messageId: string, write = true) {
  const id = Number(messageId)
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound()
  const found = await findChannel(ctx, channelId)
  if (write) assertCanPost(ctx, found)
  const [message] = await ctx.tx
    .select()
    .from(chatMessages)
    // No FOR UPDATE: row-level security lets a row be locked only by its author, and reacting needs no lock.
    .where(and(eq(chatMessages.id, id), eq(chatMessages.channelId, found.channel.id)))
  if (!message) throw notFound()
  return { found, message }
}

function assertOwnLive(ctx: ServiceContext, message: { authorId: string; deletedAt: Date | null }) {
  if (message.authorId !== ctx.userId) throw new AppError('forbidden', 'chat:errors.notYours')
  if (message.deletedAt) throw new AppError('conflict', 'chat:errors.deleted')
}

export async function getMessage(ctx: ServiceContext, ids: { channelId: string; messageId: string }) {
  const { message } = await findMessage(ctx, ids.channelId, ids.messageId, false)
  return loadMessage(ctx, message.id)
}

/** Authors edit their own messages; the message shows as edited. */
export async function editMessage(
  ctx: ServiceContext,
  ids: { channelId: string; messageId: string },
  input: { body: string; mentions: string[] },
) {
  const { found, message } = await findMessage(ctx, ids.channelId, ids.messageId)
  assertOwnLive(ctx, message)
  const members = input.mentions.length ? await listChannelMembers(ctx, found) : []
  await ctx.tx
    .update(chatMessages)
    .set({
      body: input.body,
      mentions: validMentions(input.body, input.mentions, members),
      editedAt: new Date(),
    })
    .where(eq(chatMessages.id, message.id))
  return loadMessage(ctx, message.id)
}

/** A deleted message keeps its place (replies still point at it) but loses its text, reactions and files. */
export async function deleteMessage(ctx: ServiceContext, ids: { channelId: string; messageId: string }) {
  const { message } = await findMessage(ctx, ids.channelId, ids.messageId)
  assertOwnLive(ctx, message)
  await ctx.tx
    .update(chatMessages)
    .set({ body: '', mentions: [], deletedAt: new Date() })
    .where(eq(chatMessages.id, message.id))
  return loadMessage(ctx, message.id)
}

/** Adds the caller's reaction, or takes it back when they already reacted with that emoji. */
export async function toggleReaction(
  ctx: ServiceContext,
  ids: { channelId: string; messageId: string },
  emoji: string,
) {
  const { message } = await findMessage(ctx, ids.channelId, ids.messageId)
  if (message.deletedAt) throw new AppError('conflict', 'chat:errors.deleted')
  const mine = and(
    eq(chatReactions.messageId, message.id),
    eq(chatReactions.userId, ctx.userId),
    eq(chatReactions.emoji, emoji),
  )
  const removed = await ctx.tx.delete(chatReactions).where(mine).returning({ emoji: chatReactions.emoji })
  if (removed.length === 0) {
    await ctx.tx.insert(chatReactions).values({
      messageId: message.id,
      userId: ctx.userId,
      emoji,
      orgId: message.orgId,
      partnershipId: message.partnershipId,
    })
  }
  return loadMessage(ctx, message.id)
}
