import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { folders, type folders as foldersTable, partnerships } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type Folder = typeof foldersTable.$inferSelect
export type FoundFolder = {
  folder: Folder
  hostOrgId: string
  partnerOrgId: string | null
  /** False when the partnership's status allows no writes: files stay readable, nobody uploads. */
  open: boolean
}

const notFound = () => new AppError('not_found', 'files:errors.folderNotFound')

/**
 * The application lock for a folder. RLS limits rows to the caller's org and partnerships; here internal folders
 * are refused to portal users, and shared folders need the caller's org on the partnership. Else "not found".
 */
export async function findFolder(ctx: ServiceContext, id: string): Promise<FoundFolder> {
  if (!isId(id) || !can(ctx.role, 'documents:read')) throw notFound()
  const [row] = await ctx.tx
    .select({ folder: folders, partnership: partnerships })
    .from(folders)
    .leftJoin(partnerships, eq(partnerships.id, folders.partnershipId))
    .where(eq(folders.id, id))
  if (!row) throw notFound()
  const { folder, partnership } = row
  if (!folder.partnershipId) {
    if (folder.orgId !== ctx.orgId || !can(ctx.role, 'documents:internal')) throw notFound()
    return { folder, hostOrgId: folder.orgId, partnerOrgId: null, open: true }
  }
  if (!partnership || (partnership.hostOrgId !== ctx.orgId && partnership.partnerOrgId !== ctx.orgId)) {
    throw notFound()
  }
  return {
    folder,
    hostOrgId: partnership.hostOrgId,
    partnerOrgId: partnership.partnerOrgId,
    open: partnershipAllows(partnership.status, 'write'),
  }
}

/** Uploading needs write rights and an open partnership. */
export function assertCanUpload(ctx: Pick<ServiceContext, 'role'>, found: FoundFolder) {
  if (!can(ctx.role, 'documents:write')) throw new AppError('forbidden', 'files:errors.readOnly')
  if (!found.open) throw new AppError('conflict', 'files:errors.closed')
}
