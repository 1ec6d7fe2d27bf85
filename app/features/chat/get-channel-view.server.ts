import { and, desc, eq, isNull, ne } from 'drizzle-orm'
import { chatReads, documents, organizations, partnerships, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findChannel } from './find-channel.server.ts'
import { listChannelMembers } from './list-channel-members.server.ts'
import { listMessages } from './list-messages.server.ts'
import type { ReadMark } from './message-types.ts'

export const FIRST_PAGE = 50

/** Everything the channel page needs: the channel, who is in it, how far others have read, the newest messages. */
export async function getChannelView(ctx: ServiceContext, channelId: string) {
  const found = await findChannel(ctx, channelId)
  const [members, messages, reads, title, attachable] = await Promise.all([
    listChannelMembers(ctx, found),
    listMessages(ctx, channelId, { limit: FIRST_PAGE }),
    readMarks(ctx, found.channel.id),
    partnerName(ctx, found.channel.partnershipId),
    attachableDocuments(ctx, found.channel.partnershipId),
  ])
  const mine = reads.find((r) => r.userId === ctx.userId)
  return {
    channel: {
      id: found.channel.id,
      kind: found.channel.kind,
      name: found.channel.name,
      recordType: found.channel.recordType,
      recordId: found.channel.recordId,
      partnershipId: found.channel.partnershipId,
      partnerName: title,
      lastMessageId: found.channel.lastMessageId,
    },
    canPost: can(ctx.role, 'chat:write') && found.open,
    open: found.open,
    members,
    messages,
    hasOlder: messages.length === FIRST_PAGE,
    reads: reads.filter((r) => r.userId !== ctx.userId),
    myLastReadId: mine?.lastReadId ?? 0,
    attachable: can(ctx.role, 'chat:write') && found.open ? attachable : [],
  }
}

/** The newest documents a message here may link: the partnership's shared files, or the org's internal ones. */
async function attachableDocuments(ctx: ServiceContext, partnershipId: string | null) {
  return ctx.tx
    .select({ id: documents.id, name: documents.name })
    .from(documents)
    .where(
      partnershipId
        ? eq(documents.partnershipId, partnershipId)
        : and(isNull(documents.partnershipId), eq(documents.orgId, ctx.orgId)),
    )
    .orderBy(desc(documents.updatedAt))
    .limit(50)
}

async function readMarks(ctx: ServiceContext, channelId: string): Promise<ReadMark[]> {
  return ctx.tx
    .select({ userId: chatReads.userId, name: users.name, lastReadId: chatReads.lastReadId })
    .from(chatReads)
    .innerJoin(users, eq(users.id, chatReads.userId))
    .where(and(eq(chatReads.channelId, channelId), ne(chatReads.lastReadId, 0)))
}

/** The other org's name, as the caller sees it: the heading of a shared channel. */
async function partnerName(ctx: ServiceContext, partnershipId: string | null) {
  if (!partnershipId) return null
  const [row] = await ctx.tx
    .select({ host: partnerships.hostOrgId, partner: partnerships.partnerOrgId })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId))
  if (!row) return null
  const other = row.host === ctx.orgId ? row.partner : row.host
  const [org] = await ctx.tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, other))
  return org?.name ?? null
}
