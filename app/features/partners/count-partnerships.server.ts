import { count, eq, or } from 'drizzle-orm'
import { partnerships } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

export async function countPartnershipsByStatus(ctx: ServiceContext) {
  const rows = await ctx.tx
    .select({ status: partnerships.status, n: count() })
    .from(partnerships)
    .where(or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)))
    .groupBy(partnerships.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>
}
