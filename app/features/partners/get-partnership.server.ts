import { and, eq, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { IdSchema } from '#app/lib/ids.ts'
import { organizations, partnerships, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

const host = alias(organizations, 'host_org')
const partner = alias(organizations, 'partner_org')
const manager = alias(users, 'account_manager')

export type PartnershipDetail = NonNullable<Awaited<ReturnType<typeof getPartnership>>>

/**
 * One partnership the caller's org hosts or belongs to, with both orgs and the account manager.
 * Returns null for a malformed id or a partnership of other orgs, so callers answer 404 either way.
 */
export async function getPartnership(ctx: Pick<ServiceContext, 'tx' | 'orgId'>, id: string) {
  const parsed = IdSchema.safeParse(id)
  if (!parsed.success) return null
  const [row] = await ctx.tx
    .select({
      id: partnerships.id,
      kind: partnerships.kind,
      tier: partnerships.tier,
      status: partnerships.status,
      version: partnerships.version,
      createdAt: partnerships.createdAt,
      updatedAt: partnerships.updatedAt,
      host: { id: host.id, name: host.name, kind: host.kind, customerCode: host.customerCode },
      partner: { id: partner.id, name: partner.name, kind: partner.kind, customerCode: partner.customerCode },
      accountManager: { id: manager.id, name: manager.name, email: manager.email },
    })
    .from(partnerships)
    .innerJoin(host, eq(host.id, partnerships.hostOrgId))
    .innerJoin(partner, eq(partner.id, partnerships.partnerOrgId))
    .leftJoin(manager, eq(manager.id, partnerships.accountManagerId))
    .where(
      and(
        eq(partnerships.id, parsed.data),
        or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)),
      ),
    )
    .limit(1)
  if (!row) return null
  return { ...row, isHost: row.host.id === ctx.orgId }
}
