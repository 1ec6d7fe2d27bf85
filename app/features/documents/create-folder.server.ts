import { and, eq, isNull, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { folders } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { assertPermission } from '../auth/require.server.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCanUpload, findFolder } from './find-folder.server.ts'

export type NewFolder = { name: string; partnershipId?: string; parentId?: string }

/**
 * A folder: internal (no partnership), shared on a partnership (owned by its host, open to both sides), or a
 * subfolder, which takes its parent's scope. Names are unique per place, case-insensitively.
 */
export async function createFolder(ctx: ServiceContext, input: NewFolder) {
  assertPermission(ctx, 'documents:folders')
  let scope: { orgId: string; partnershipId: string | null; parentId: string | null }
  if (input.parentId) {
    const parent = await findFolder(ctx, input.parentId)
    assertCanUpload(ctx, parent)
    if (parent.folder.parentId) throw new AppError('invalid', 'files:errors.tooDeep', { field: 'name' })
    scope = {
      orgId: parent.folder.orgId,
      partnershipId: parent.folder.partnershipId,
      parentId: parent.folder.id,
    }
  } else if (input.partnershipId) {
    const partnership = await getPartnership(ctx, input.partnershipId)
    if (!partnership) throw new AppError('not_found', 'files:errors.partnershipNotFound')
    if (!partnershipAllows(partnership.status, 'write')) throw new AppError('conflict', 'files:errors.closed')
    scope = { orgId: partnership.host.id, partnershipId: partnership.id, parentId: null }
  } else {
    assertPermission(ctx, 'documents:internal')
    scope = { orgId: ctx.orgId, partnershipId: null, parentId: null }
  }
  const [taken] = await ctx.tx
    .select({ id: folders.id })
    .from(folders)
    .where(
      and(
        eq(folders.orgId, scope.orgId),
        scope.partnershipId ? eq(folders.partnershipId, scope.partnershipId) : isNull(folders.partnershipId),
        scope.parentId ? eq(folders.parentId, scope.parentId) : isNull(folders.parentId),
        sql`lower(${folders.name}) = lower(${input.name})`,
      ),
    )
  if (taken) throw new AppError('conflict', 'files:errors.folderTaken', { field: 'name' })
  const [row] = await ctx.tx
    .insert(folders)
    .values({ ...scope, name: input.name, createdById: ctx.userId })
    .returning({ id: folders.id })
  await ctx.audit({ action: 'folder.created', targetType: 'folder', targetId: row.id })
  return row.id
}

/** The partnership's default shared folder ("Shared"), created on first use by either side. */
export async function openSharedFolder(ctx: ServiceContext, partnershipId: string) {
  assertPermission(ctx, 'documents:read')
  const partnership = await getPartnership(ctx, partnershipId)
  if (!partnership) throw new AppError('not_found', 'files:errors.partnershipNotFound')
  const where = and(
    eq(folders.partnershipId, partnership.id),
    isNull(folders.parentId),
    sql`lower(${folders.name}) = 'shared'`,
  )
  const [existing] = await ctx.tx.select({ id: folders.id }).from(folders).where(where)
  if (existing) return existing.id
  // Making it is a write: not for viewers, nor while the partnership's status allows no writes.
  if (!can(ctx.role, 'documents:write')) throw new AppError('forbidden', 'files:errors.readOnly')
  if (!partnershipAllows(partnership.status, 'write')) throw new AppError('conflict', 'files:errors.closed')
  await ctx.tx
    .insert(folders)
    .values({
      orgId: partnership.host.id,
      partnershipId: partnership.id,
      name: 'Shared',
      createdById: ctx.userId,
    })
    .onConflictDoNothing()
  const [row] = await ctx.tx.select({ id: folders.id }).from(folders).where(where)
  return row.id
}
