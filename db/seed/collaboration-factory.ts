import crypto from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import {
  type ChannelKind,
  channels,
  chatAttachments,
  chatMessages,
  chatReactions,
  chatReads,
  documentDownloads,
  documents,
  documentVersions,
  folders,
  type ThreadRecordType,
} from '#db/schema/index.ts'

// Channels, messages, folders and documents for the demo seed and the tests, written as the owner (asSystem).
// Messages take the channel row lock like the service does, so their ids keep the same order guarantee.

type Scope = { orgId: string; partnershipId: string | null }

export async function createChannelRecord(
  tx: Tx,
  input: Scope & {
    kind: ChannelKind
    name: string
    createdById?: string
    record?: { type: ThreadRecordType; id: string }
  },
) {
  const [channel] = await tx
    .insert(channels)
    .values({
      orgId: input.orgId,
      partnershipId: input.partnershipId,
      kind: input.kind,
      name: input.name,
      recordType: input.record?.type ?? null,
      recordId: input.record?.id ?? null,
      createdById: input.createdById ?? null,
    })
    .returning()
  return channel
}

export async function createMessageRecord(
  tx: Tx,
  input: {
    channel: typeof channels.$inferSelect
    authorId: string
    authorOrgId: string
    body: string
    replyToId?: number
    mentions?: string[]
    at?: Date
  },
) {
  const { channel } = input
  await tx.execute(sql`select 1 from channels where id = ${channel.id} for update`)
  const [message] = await tx
    .insert(chatMessages)
    .values({
      channelId: channel.id,
      orgId: channel.orgId,
      partnershipId: channel.partnershipId,
      authorId: input.authorId,
      authorOrgId: input.authorOrgId,
      clientId: crypto.randomUUID(),
      body: input.body,
      replyToId: input.replyToId ?? null,
      mentions: input.mentions ?? [],
      createdAt: input.at ?? new Date(),
    })
    .returning()
  await tx
    .update(channels)
    .set({ lastMessageId: message.id, lastMessageAt: message.createdAt })
    .where(sql`id = ${channel.id}`)
  return message
}

export async function createReactionRecord(
  tx: Tx,
  input: { message: typeof chatMessages.$inferSelect; userId: string; emoji: string },
) {
  const { message } = input
  await tx.insert(chatReactions).values({
    messageId: message.id,
    userId: input.userId,
    emoji: input.emoji,
    orgId: message.orgId,
    partnershipId: message.partnershipId,
  })
}

export async function markReadRecord(
  tx: Tx,
  input: { channel: typeof channels.$inferSelect; userId: string; lastReadId: number },
) {
  await tx.insert(chatReads).values({
    channelId: input.channel.id,
    userId: input.userId,
    orgId: input.channel.orgId,
    partnershipId: input.channel.partnershipId,
    lastReadId: input.lastReadId,
    readAt: new Date(),
  })
}

export async function createFolderRecord(
  tx: Tx,
  input: Scope & { name: string; parentId?: string; createdById?: string },
) {
  const [folder] = await tx
    .insert(folders)
    .values({
      orgId: input.orgId,
      partnershipId: input.partnershipId,
      parentId: input.parentId ?? null,
      name: input.name,
      createdById: input.createdById ?? null,
    })
    .returning()
  return folder
}

/**
 * A document with one version per entry of `versions`. The bytes are the caller's business: pass storage keys
 * that exist when a test downloads them (or random ones for rows that are only listed).
 */
export async function createDocumentRecord(
  tx: Tx,
  input: {
    folder: typeof folders.$inferSelect
    name: string
    uploadedById: string
    uploaderOrgId: string
    versions: {
      storageKey?: string
      byteSize: number
      contentType: string
      sha256?: string
      previewStatus?: 'none' | 'pending' | 'ready'
    }[]
  },
) {
  const { folder } = input
  const [document] = await tx
    .insert(documents)
    .values({
      folderId: folder.id,
      orgId: folder.orgId,
      partnershipId: folder.partnershipId,
      name: input.name,
      currentVersion: input.versions.length,
      ownerOrgId: input.uploaderOrgId,
      createdById: input.uploadedById,
    })
    .returning()
  const versions = []
  for (const [i, v] of input.versions.entries()) {
    const [version] = await tx
      .insert(documentVersions)
      .values({
        documentId: document.id,
        orgId: folder.orgId,
        partnershipId: folder.partnershipId,
        version: i + 1,
        storageKey: v.storageKey ?? `documents/${crypto.randomUUID()}`,
        byteSize: v.byteSize,
        contentType: v.contentType,
        sha256: v.sha256 ?? crypto.randomBytes(32).toString('hex'),
        uploadedById: input.uploadedById,
        uploaderOrgId: input.uploaderOrgId,
        previewStatus: v.previewStatus ?? 'none',
      })
      .returning()
    versions.push(version)
  }
  return { document, versions }
}

export async function recordDownloadRecord(
  tx: Tx,
  input: {
    document: typeof documents.$inferSelect
    versionId: string
    userId: string
    downloaderOrgId: string
  },
) {
  await tx.insert(documentDownloads).values({
    documentId: input.document.id,
    versionId: input.versionId,
    orgId: input.document.orgId,
    partnershipId: input.document.partnershipId,
    userId: input.userId,
    downloaderOrgId: input.downloaderOrgId,
  })
}

export async function attachDocumentRecord(
  tx: Tx,
  input: { message: typeof chatMessages.$inferSelect; documentId: string },
) {
  await tx.insert(chatAttachments).values({
    messageId: input.message.id,
    documentId: input.documentId,
    orgId: input.message.orgId,
    partnershipId: input.message.partnershipId,
  })
}
