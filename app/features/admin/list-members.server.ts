import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { memberships, type Role, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { escapeLike } from './schemas.ts'

/** What a member row shows, in the list and on the member's own page. */
export const memberColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  status: memberships.status,
  joinedAt: memberships.createdAt,
}

export type MemberFilters = { q?: string; role?: Role; status?: 'active' | 'deactivated' }

/** Members of the caller's org (never a partner's, though RLS would show those too), filtered and paginated. */
export async function listMembers(ctx: ServiceContext, filters: MemberFilters, page: PageRequest) {
  const conditions: SQL[] = [eq(memberships.orgId, ctx.orgId)]
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern))
    if (match) conditions.push(match)
  }
  if (filters.role) conditions.push(eq(memberships.role, filters.role))
  if (filters.status) conditions.push(eq(memberships.status, filters.status))
  const where = and(...conditions)
  const [rows, [total]] = await Promise.all([
    ctx.tx
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.tx
      .select({ n: count() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where),
  ])
  return { members: rows, total: total?.n ?? 0 }
}
