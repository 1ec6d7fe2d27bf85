import crypto from 'node:crypto'
import { Readable, Transform } from 'node:stream'
import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { getStorage, newObjectKey, uploadLimitBytes } from '#app/lib/storage/index.server.ts'
import { sniffUpload, UnsupportedTypeError } from '#app/lib/storage/sniff.server.ts'
import { TooLargeError } from '#app/lib/storage/types.ts'
import { documents, documentVersions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCanUpload, findFolder } from './find-folder.server.ts'
import { cleanFileName } from './names.ts'

/** After a refusal, up to this much of what the client is still sending is read and dropped (see discard). */
export const DISCARD_LIMIT = 32 * 1024 * 1024

type Run = <T>(fn: (ctx: ServiceContext) => Promise<T>) => Promise<T>

/** Kinds whose previews are made by a background job (images preview as themselves). */
export const previewedByJob = new Set(['application/pdf'])
const images = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/**
 * Uploads one file into a folder. Three steps, so no database transaction stays open while bytes stream:
 * check access; sniff the type and stream to storage under a random key (counting, hashing, stopping at the size
 * limit); then record the version, adding to a same-named document or creating it. If recording fails, the stored
 * object is removed.
 */
export async function uploadDocument(
  run: Run,
  input: { folderId: string; fileName: string; source: AsyncIterable<Uint8Array> },
) {
  const name = cleanFileName(input.fileName)
  if (!name) throw new AppError('invalid', 'files:errors.nameRequired')
  await run(async (ctx) => assertCanUpload(ctx, await findFolder(ctx, input.folderId)))

  const sniffed = await sniffUpload(input.source, name).catch(async (error) => {
    if (!(error instanceof UnsupportedTypeError)) throw error
    await error.discard(DISCARD_LIMIT)
    throw new AppError('invalid', error.message, { status: 415 })
  })
  const key = newObjectKey('documents')
  const hash = crypto.createHash('sha256')
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  let byteSize: number
  try {
    ;({ byteSize } = await getStorage().put(key, Readable.from(sniffed.body).pipe(hashing), {
      contentType: sniffed.contentType,
      maxBytes: uploadLimitBytes(),
    }))
  } catch (error) {
    if (error instanceof TooLargeError) {
      await sniffed.discard(DISCARD_LIMIT)
      throw new AppError('invalid', 'files:errors.tooLarge', { status: 413, maxBytes: error.maxBytes })
    }
    throw error
  }

  try {
    return await run((ctx) =>
      recordVersion(ctx, {
        folderId: input.folderId,
        name,
        storageKey: key,
        byteSize,
        contentType: sniffed.contentType,
        sha256: hash.digest('hex'),
      }),
    )
  } catch (error) {
    await getStorage()
      .delete(key)
      .catch(() => {})
    throw error
  }
}

async function recordVersion(
  ctx: ServiceContext,
  input: {
    folderId: string
    name: string
    storageKey: string
    byteSize: number
    contentType: string
    sha256: string
  },
) {
  const found = await findFolder(ctx, input.folderId)
  assertCanUpload(ctx, found)
  const { folder } = found
  // One document per name per side in a folder (only the side that owns a file adds versions to it): create it if
  // new, then lock it, so two uploads of one name number apart.
  await ctx.tx
    .insert(documents)
    .values({
      folderId: folder.id,
      orgId: folder.orgId,
      partnershipId: folder.partnershipId,
      name: input.name,
      ownerOrgId: ctx.orgId,
      createdById: ctx.userId,
    })
    .onConflictDoNothing()
  const [document] = await ctx.tx
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.folderId, folder.id),
        eq(documents.ownerOrgId, ctx.orgId),
        sql`lower(${documents.name}) = lower(${input.name})`,
      ),
    )
    .for('update')
  const version = document.currentVersion + 1
  const previewStatus = images.has(input.contentType)
    ? 'ready'
    : previewedByJob.has(input.contentType)
      ? 'pending'
      : 'none'
  const [row] = await ctx.tx
    .insert(documentVersions)
    .values({
      documentId: document.id,
      orgId: folder.orgId,
      partnershipId: folder.partnershipId,
      version,
      storageKey: input.storageKey,
      byteSize: input.byteSize,
      contentType: input.contentType,
      sha256: input.sha256,
      uploadedById: ctx.userId,
      uploaderOrgId: ctx.orgId,
      previewStatus,
    })
    .returning()
  await ctx.tx.update(documents).set({ currentVersion: version }).where(eq(documents.id, document.id))
  if (previewStatus === 'pending') {
    await enqueueJob(ctx.tx, { orgId: ctx.orgId, kind: 'documents.preview', payload: { versionId: row.id } })
  }
  await ctx.audit({
    action: 'document.uploaded',
    targetType: 'document',
    targetId: document.id,
    data: { version, byteSize: input.byteSize, contentType: input.contentType },
  })
  return { document: { ...document, currentVersion: version }, version: row }
}
