import { and, asc, count, desc, eq, ilike, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { PageRequest } from '#app/lib/pagination.ts'
import { documents, documentVersions, folders, organizations, partnerships, users } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findFolder } from './find-folder.server.ts'

const uploaderOrg = alias(organizations, 'uploader_org')

/** A folder's page: where it is, its subfolders, and one page of its documents with their current version. */
export async function getFolder(ctx: ServiceContext, id: string, input: { q?: string; page: PageRequest }) {
  const found = await findFolder(ctx, id)
  const { folder } = found
  const byName = input.q
    ? ilike(documents.name, `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    : undefined
  const inFolder = and(eq(documents.folderId, folder.id), byName)
  const [parent, subfolders, rows, [{ total }], partnerName] = await Promise.all([
    folder.parentId
      ? ctx.tx
          .select({ id: folders.id, name: folders.name })
          .from(folders)
          .where(eq(folders.id, folder.parentId))
          .then((r) => r[0] ?? null)
      : null,
    ctx.tx
      .select({ id: folders.id, name: folders.name })
      .from(folders)
      .where(eq(folders.parentId, folder.id))
      .orderBy(asc(folders.name)),
    ctx.tx
      .select({
        id: documents.id,
        name: documents.name,
        version: documents.currentVersion,
        updatedAt: documents.updatedAt,
        byteSize: documentVersions.byteSize,
        contentType: documentVersions.contentType,
        uploadedBy: users.name,
        uploaderOrg: uploaderOrg.name,
      })
      .from(documents)
      .innerJoin(
        documentVersions,
        and(
          eq(documentVersions.documentId, documents.id),
          eq(documentVersions.version, documents.currentVersion),
        ),
      )
      .leftJoin(users, eq(users.id, documentVersions.uploadedById))
      .innerJoin(uploaderOrg, eq(uploaderOrg.id, documentVersions.uploaderOrgId))
      .where(inFolder)
      .orderBy(desc(documents.updatedAt), asc(documents.name))
      .limit(input.page.pageSize)
      .offset(input.page.offset),
    ctx.tx.select({ total: count() }).from(documents).where(inFolder),
    otherOrgName(ctx, folder.partnershipId),
  ])
  return {
    folder: { id: folder.id, name: folder.name, partnershipId: folder.partnershipId, partnerName },
    parent,
    subfolders,
    documents: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    total,
    canUpload: can(ctx.role, 'documents:write') && found.open,
    canCreateFolder: can(ctx.role, 'documents:folders') && found.open && !folder.parentId,
  }
}

/** The other org of a partnership, as the caller sees it. */
export async function otherOrgName(ctx: ServiceContext, partnershipId: string | null) {
  if (!partnershipId) return null
  const [row] = await ctx.tx
    .select({ name: organizations.name })
    .from(partnerships)
    .innerJoin(
      organizations,
      eq(
        organizations.id,
        sql`case when ${partnerships.hostOrgId} = ${ctx.orgId} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`,
      ),
    )
    .where(eq(partnerships.id, partnershipId))
  return row?.name ?? null
}
