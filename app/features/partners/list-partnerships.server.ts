import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { DEFAULT_PAGE_SIZE } from '#app/lib/pagination.ts'
import { organizations, partnerships, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { PartnerFilters } from './schemas.ts'

export type ListPartnershipsInput = PartnerFilters & { page: number; pageSize?: number }
export type PartnershipListRow = Awaited<ReturnType<typeof listPartnerships>>['rows'][number]

// The other side of each partnership: the partner for a host, the host for a partner.
const counterparty = alias(organizations, 'counterparty')
const manager = alias(users, 'account_manager')

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
export function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, '\\$&')}%`
}

/**
 * The partner directory: partnerships the caller's org hosts or belongs to, sorted by the other org's name.
 * Needs only `tx` and `orgId`, so the benchmark runs the very same query with or without row-level security.
 */
export async function listPartnerships(
  ctx: Pick<ServiceContext, 'tx' | 'orgId'>,
  input: ListPartnershipsInput,
) {
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE
  const page = Math.max(1, input.page)
  const counterpartyId = sql`case when ${partnerships.hostOrgId} = ${ctx.orgId} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`
  const joinCondition = eq(counterparty.id, counterpartyId)

  const conditions: SQL[] = [
    // Application lock; RLS adds the same restriction underneath.
    or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)) as SQL,
  ]
  if (input.tier) conditions.push(eq(partnerships.tier, input.tier))
  if (input.status) conditions.push(eq(partnerships.status, input.status))
  const needsCounterparty = !!(input.q || input.kind)
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(or(ilike(counterparty.name, pattern), ilike(counterparty.customerCode, pattern)) as SQL)
  }
  if (input.kind) conditions.push(eq(counterparty.kind, input.kind))
  const where = and(...conditions)

  const rowsQuery = ctx.tx
    .select({
      id: partnerships.id,
      kind: partnerships.kind,
      tier: partnerships.tier,
      status: partnerships.status,
      createdAt: partnerships.createdAt,
      isHost: sql<boolean>`${partnerships.hostOrgId} = ${ctx.orgId}`,
      counterparty: {
        id: counterparty.id,
        name: counterparty.name,
        kind: counterparty.kind,
        customerCode: counterparty.customerCode,
      },
      accountManagerName: manager.name,
    })
    .from(partnerships)
    .innerJoin(counterparty, joinCondition)
    .leftJoin(manager, eq(manager.id, partnerships.accountManagerId))
    .where(where)
    .orderBy(asc(counterparty.name), asc(partnerships.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)

  // The count joins the other org only when a filter needs its columns.
  const countBase = ctx.tx.select({ n: count() }).from(partnerships)
  const countQuery = needsCounterparty
    ? countBase.innerJoin(counterparty, joinCondition).where(where)
    : countBase.where(where)

  const rows = await rowsQuery
  const [{ n: total }] = await countQuery
  return { rows, total, page, pageSize }
}
