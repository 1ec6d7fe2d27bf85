import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { documentDownloads, documentVersions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findDocument } from './find-document.server.ts'
import { versionedName } from './names.ts'

async function findVersion(ctx: ServiceContext, documentId: string, versionId: string) {
  const found = await findDocument(ctx, documentId)
  if (!isId(versionId)) throw new AppError('not_found', 'files:errors.documentNotFound')
  const [version] = await ctx.tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, found.document.id)))
  if (!version) throw new AppError('not_found', 'files:errors.documentNotFound')
  return { ...found, version }
}

/** Records the download (who, which version, when) and says what to hand out; the route signs the link. */
export async function recordDownload(ctx: ServiceContext, documentId: string, versionId: string) {
  const { document, version } = await findVersion(ctx, documentId, versionId)
  await ctx.tx.insert(documentDownloads).values({
    documentId: document.id,
    versionId: version.id,
    orgId: document.orgId,
    partnershipId: document.partnershipId,
    userId: ctx.userId,
    downloaderOrgId: ctx.orgId,
  })
  await ctx.audit({
    action: 'document.downloaded',
    targetType: 'document',
    targetId: document.id,
    data: { version: version.version },
  })
  return {
    key: version.storageKey,
    fileName: versionedName(document.name, version.version, document.currentVersion),
    contentType: version.contentType,
  }
}

/** The preview image of a version: an image is its own preview; a PDF's is the PNG its job rendered. */
export async function previewOf(ctx: ServiceContext, documentId: string, versionId: string) {
  const { document, version } = await findVersion(ctx, documentId, versionId)
  if (version.previewStatus !== 'ready') return null
  if (version.contentType.startsWith('image/')) {
    return { key: version.storageKey, contentType: version.contentType, fileName: document.name }
  }
  if (!version.previewKey) return null
  return { key: version.previewKey, contentType: 'image/png', fileName: `${document.name}.png` }
}
