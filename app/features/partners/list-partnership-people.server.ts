import { and, asc, eq, lte, or, sql } from 'drizzle-orm'
import { memberships, partnerships, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

export const PEOPLE_CAP = 100

type Side = 'host' | 'partner'
export type PartnershipPerson = Awaited<ReturnType<typeof listPartnershipPeople>>['host']['rows'][number]

/**
 * Members of both orgs of a partnership the caller belongs to: up to `cap` per side (by name) plus each side's
 * total, in one query. RLS lets a tenant read the memberships and users of its partner orgs.
 */
export async function listPartnershipPeople(
  ctx: Pick<ServiceContext, 'tx' | 'orgId'>,
  partnershipId: string,
  cap = PEOPLE_CAP,
) {
  const ranked = ctx.tx
    .select({
      side: sql<Side>`case when ${memberships.orgId} = ${partnerships.hostOrgId} then 'host' else 'partner' end`.as(
        'side',
      ),
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      rank: sql<number>`(row_number() over (partition by ${memberships.orgId} order by ${users.name}, ${users.id}))::int`.as(
        'rank',
      ),
      total: sql<number>`(count(*) over (partition by ${memberships.orgId}))::int`.as('total'),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      partnerships,
      and(
        eq(partnerships.id, partnershipId),
        or(eq(partnerships.hostOrgId, memberships.orgId), eq(partnerships.partnerOrgId, memberships.orgId)),
      ),
    )
    .where(or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)))
    .as('ranked')

  const rows = await ctx.tx
    .select()
    .from(ranked)
    .where(lte(ranked.rank, cap))
    .orderBy(asc(ranked.side), asc(ranked.rank))

  const pick = (side: Side) => {
    const list = rows.filter((r) => r.side === side)
    return {
      total: list[0]?.total ?? 0,
      rows: list.map(({ userId, name, email, role, status }) => ({ userId, name, email, role, status })),
    }
  }
  return { host: pick('host'), partner: pick('partner'), cap }
}
