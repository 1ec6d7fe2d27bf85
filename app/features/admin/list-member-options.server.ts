import { asc, eq } from 'drizzle-orm'
import { memberships, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** Every member of the caller's org (any status) as id and name, for filter selects. */
export async function listMemberOptions(ctx: ServiceContext) {
  return ctx.tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, ctx.orgId))
    .orderBy(asc(users.name))
    .limit(500)
}
