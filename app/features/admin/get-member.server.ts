import { and, count, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { memberships, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { memberColumns } from './list-members.server.ts'

/** One member of the caller's org by user id; a user outside the org is not found, whatever RLS would show. */
export async function getMember(ctx: ServiceContext, input: { userId: string }) {
  const [member] = await ctx.tx
    .select({ ...memberColumns, updatedAt: memberships.updatedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)))
  if (!member) throw new AppError('not_found', 'admin:member.notFound')
  return member
}

export async function countActiveOwners(ctx: ServiceContext) {
  const [row] = await ctx.tx
    .select({ n: count() })
    .from(memberships)
    .where(
      and(eq(memberships.orgId, ctx.orgId), eq(memberships.role, 'owner'), eq(memberships.status, 'active')),
    )
  return row?.n ?? 0
}
