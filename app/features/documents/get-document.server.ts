import { asc, count, desc, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { PageRequest } from '#app/lib/pagination.ts'
import { documentDownloads, documentVersions, organizations, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findDocument } from './find-document.server.ts'
import { otherOrgName } from './get-folder.server.ts'

const uploaderOrg = alias(organizations, 'uploader_org')
const downloaderOrg = alias(organizations, 'downloader_org')

/**
 * A document's page: its versions (every one stays downloadable), and for the side that owns it (the org whose
 * user first uploaded it) the download log: who, from which org, which version, when.
 */
export async function getDocument(ctx: ServiceContext, id: string, logPage: PageRequest) {
  const found = await findDocument(ctx, id)
  const { document } = found
  const ownerSide = document.ownerOrgId === ctx.orgId
  const [versions, log, partnerName] = await Promise.all([
    ctx.tx
      .select({
        id: documentVersions.id,
        version: documentVersions.version,
        byteSize: documentVersions.byteSize,
        contentType: documentVersions.contentType,
        sha256: documentVersions.sha256,
        previewStatus: documentVersions.previewStatus,
        createdAt: documentVersions.createdAt,
        uploadedBy: users.name,
        uploaderOrg: uploaderOrg.name,
      })
      .from(documentVersions)
      .leftJoin(users, eq(users.id, documentVersions.uploadedById))
      .innerJoin(uploaderOrg, eq(uploaderOrg.id, documentVersions.uploaderOrgId))
      .where(eq(documentVersions.documentId, document.id))
      .orderBy(desc(documentVersions.version)),
    ownerSide ? downloadLog(ctx, document.id, logPage) : null,
    otherOrgName(ctx, document.partnershipId),
  ])
  return {
    document: {
      id: document.id,
      name: document.name,
      currentVersion: document.currentVersion,
      folderId: document.folderId,
      partnerName,
    },
    folderName: found.folder.name,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    log,
    canUpload: can(ctx.role, 'documents:write') && found.open,
  }
}

async function downloadLog(ctx: ServiceContext, documentId: string, page: PageRequest) {
  const [rows, [{ total }]] = await Promise.all([
    ctx.tx
      .select({
        id: documentDownloads.id,
        at: documentDownloads.createdAt,
        who: users.name,
        org: downloaderOrg.name,
        version: documentVersions.version,
      })
      .from(documentDownloads)
      .leftJoin(users, eq(users.id, documentDownloads.userId))
      .innerJoin(downloaderOrg, eq(downloaderOrg.id, documentDownloads.downloaderOrgId))
      .innerJoin(documentVersions, eq(documentVersions.id, documentDownloads.versionId))
      .where(eq(documentDownloads.documentId, documentId))
      .orderBy(desc(documentDownloads.createdAt), asc(documentDownloads.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.tx
      .select({ total: count() })
      .from(documentDownloads)
      .where(eq(documentDownloads.documentId, documentId)),
  ])
  return {
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  }
}
