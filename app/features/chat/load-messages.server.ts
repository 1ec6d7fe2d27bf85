import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  chatAttachments,
  chatMessages,
  chatReactions,
  documents,
  documentVersions,
  organizations,
  users,
} from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { MessageDTO } from './message-types.ts'

const replied = alias(chatMessages, 'replied')
const repliedAuthor = alias(users, 'replied_author')

const EXCERPT = 140

/** Messages matching `where` as the browser sees them, oldest first (at most `limit`, taken from `order`'s end). */
export async function loadMessages(
  ctx: Pick<ServiceContext, 'tx' | 'userId'>,
  where: SQL | undefined,
  options: { limit: number; newestFirst?: boolean },
): Promise<MessageDTO[]> {
  const rows = await ctx.tx
    .select({
      message: chatMessages,
      authorName: users.name,
      orgName: organizations.name,
      replied: { id: replied.id, body: replied.body, deletedAt: replied.deletedAt },
      repliedAuthor: repliedAuthor.name,
    })
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.authorId))
    .innerJoin(organizations, eq(organizations.id, chatMessages.authorOrgId))
    .leftJoin(replied, eq(replied.id, chatMessages.replyToId))
    .leftJoin(repliedAuthor, eq(repliedAuthor.id, replied.authorId))
    .where(where)
    .orderBy(options.newestFirst ? desc(chatMessages.id) : asc(chatMessages.id))
    .limit(options.limit)
  if (options.newestFirst) rows.reverse()
  const ids = rows.map((r) => r.message.id)
  const [reactions, attachments] = ids.length
    ? await Promise.all([loadReactions(ctx, ids), loadAttachments(ctx, ids)])
    : [new Map(), new Map()]
  return rows.map(({ message, authorName, orgName, replied: reply, repliedAuthor: replyAuthor }) => ({
    id: message.id,
    channelId: message.channelId,
    clientId: message.clientId,
    author: { id: message.authorId, name: authorName, orgId: message.authorOrgId, orgName },
    body: message.deletedAt ? '' : message.body,
    replyTo: reply?.id
      ? {
          id: reply.id,
          authorName: replyAuthor ?? '',
          excerpt: reply.deletedAt ? '' : reply.body.slice(0, EXCERPT),
        }
      : null,
    mentions: message.deletedAt ? [] : message.mentions,
    reactions: message.deletedAt ? [] : (reactions.get(message.id) ?? []),
    attachments: message.deletedAt ? [] : (attachments.get(message.id) ?? []),
    editedAt: message.editedAt?.toISOString() ?? null,
    deletedAt: message.deletedAt?.toISOString() ?? null,
    createdAt: message.createdAt.toISOString(),
  }))
}

export async function loadMessage(ctx: Pick<ServiceContext, 'tx' | 'userId'>, id: number) {
  const [message] = await loadMessages(ctx, eq(chatMessages.id, id), { limit: 1 })
  return message ?? null
}

async function loadReactions(ctx: Pick<ServiceContext, 'tx' | 'userId'>, ids: number[]) {
  const rows = await ctx.tx
    .select({
      messageId: chatReactions.messageId,
      emoji: chatReactions.emoji,
      userId: chatReactions.userId,
      name: users.name,
    })
    .from(chatReactions)
    .innerJoin(users, eq(users.id, chatReactions.userId))
    .where(inArray(chatReactions.messageId, ids))
    .orderBy(asc(chatReactions.createdAt))
  const byMessage = new Map<number, MessageDTO['reactions']>()
  for (const row of rows) {
    const list = byMessage.get(row.messageId) ?? []
    let entry = list.find((r) => r.emoji === row.emoji)
    if (!entry) {
      entry = { emoji: row.emoji, count: 0, mine: false, names: [], userIds: [] }
      list.push(entry)
    }
    entry.count++
    entry.names.push(row.name)
    entry.userIds.push(row.userId)
    if (row.userId === ctx.userId) entry.mine = true
    byMessage.set(row.messageId, list)
  }
  return byMessage
}

async function loadAttachments(ctx: Pick<ServiceContext, 'tx'>, ids: number[]) {
  const rows = await ctx.tx
    .select({
      messageId: chatAttachments.messageId,
      documentId: documents.id,
      name: documents.name,
      byteSize: documentVersions.byteSize,
      contentType: documentVersions.contentType,
    })
    .from(chatAttachments)
    .innerJoin(documents, eq(documents.id, chatAttachments.documentId))
    .innerJoin(
      documentVersions,
      and(
        eq(documentVersions.documentId, documents.id),
        eq(documentVersions.version, documents.currentVersion),
      ),
    )
    .where(inArray(chatAttachments.messageId, ids))
  const byMessage = new Map<number, MessageDTO['attachments']>()
  for (const { messageId, ...attachment } of rows) {
    byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), attachment])
  }
  return byMessage
}
