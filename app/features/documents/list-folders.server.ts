import { type SQL, sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { rowsOf } from '#db/rows.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type FolderSummary = {
  id: string
  name: string
  partnershipId: string | null
  partnerName: string | null
  documents: number
  updatedAt: string | null
}

/**
 * Top-level folders the caller can open: their org's internal folders (staff only) and the shared folders of their
 * partnerships, with document counts and latest activity, searchable by folder or partner name.
 */
export async function listFolders(ctx: ServiceContext, input: { q?: string; page: PageRequest }) {
  const staff = can(ctx.role, 'documents:internal')
  const search = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const visible: SQL = sql`
    from folders f
    left join partnerships p on p.id = f.partnership_id
    left join organizations other on other.id =
      case when p.host_org_id = ${ctx.orgId} then p.partner_org_id else p.host_org_id end
    where f.parent_id is null
      and ((f.partnership_id is null and f.org_id = ${ctx.orgId} and ${staff})
        or p.host_org_id = ${ctx.orgId} or p.partner_org_id = ${ctx.orgId})
      and (${search}::text is null or f.name ilike ${search} or other.name ilike ${search})`
  const [rows, [{ total }]] = await Promise.all([
    rowsOf<{
      id: string
      name: string
      partnership_id: string | null
      partner_name: string | null
      documents: number | string
      updated_at: Date | string | null
    }>(
      ctx.tx,
      sql`select f.id, f.name, f.partnership_id, other.name as partner_name,
            (select count(*) from documents d where d.folder_id = f.id) as documents,
            (select max(d.updated_at) from documents d where d.folder_id = f.id) as updated_at
          ${visible}
          order by f.partnership_id is not null, other.name nulls first, f.name
          limit ${input.page.pageSize} offset ${input.page.offset}`,
    ),
    rowsOf<{ total: number | string }>(ctx.tx, sql`select count(*) as total ${visible}`),
  ])
  const folders: FolderSummary[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    partnershipId: r.partnership_id,
    partnerName: r.partner_name,
    documents: Number(r.documents),
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  }))
  return { folders, total: Number(total) }
}
