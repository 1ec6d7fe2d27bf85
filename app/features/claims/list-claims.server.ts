import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import {
  type ClaimStatus,
  claimProofs,
  claims,
  organizations,
  partnerships,
  promotions,
} from '#db/schema/index.ts'
import { can, seesOwnOnly } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type ClaimRow = Awaited<ReturnType<typeof listClaims>>['rows'][number]

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Claims on the caller's partnerships — a manufacturer's queue across its partners, or a partner's own claims —
 * waiting ones first, then newest; by status, and by promotion or partner name. The same access rule as a claim's
 * page (its promotion's), so the list never shows what the page would refuse.
 */
export async function listClaims(
  ctx: ServiceContext,
  input: { q?: string; status?: ClaimStatus; promotionId?: string; page: PageRequest },
) {
  if (!can(ctx.role, 'promotions:read')) return { rows: [], total: 0 }
  const other = sql`case when ${partnerships.hostOrgId} = ${ctx.orgId} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`
  const conditions: SQL[] = [
    or(eq(partnerships.hostOrgId, ctx.orgId), eq(partnerships.partnerOrgId, ctx.orgId)) as SQL,
  ]
  if (input.status) conditions.push(eq(claims.status, input.status))
  if (input.promotionId) conditions.push(eq(claims.promotionId, input.promotionId))
  if (input.q) {
    const like = `%${escapeLike(input.q)}%`
    conditions.push(or(ilike(promotions.name, like), ilike(organizations.name, like)) as SQL)
  }
  if (seesOwnOnly(ctx.role)) conditions.push(eq(promotions.createdById, ctx.userId))
  const where = and(...conditions)
  const base = () =>
    ctx.tx
      .select({
        id: claims.id,
        promotionId: claims.promotionId,
        promotionName: promotions.name,
        partnerName: organizations.name,
        amount: claims.amount,
        approvedAmount: claims.approvedAmount,
        currency: claims.currency,
        description: claims.description,
        status: claims.status,
        version: claims.version,
        decisionReason: claims.decisionReason,
        settlementMethod: claims.settlementMethod,
        settlementReference: claims.settlementReference,
        createdAt: claims.createdAt,
      })
      .from(claims)
      .innerJoin(promotions, eq(promotions.id, claims.promotionId))
      .innerJoin(partnerships, eq(partnerships.id, claims.partnershipId))
      .innerJoin(organizations, eq(organizations.id, other))
  const [rows, [{ total }]] = await Promise.all([
    base()
      .where(where)
      .orderBy(sql`${claims.status} = 'submitted' desc`, desc(claims.createdAt), asc(claims.id))
      .limit(input.page.pageSize)
      .offset(input.page.offset),
    ctx.tx
      .select({ total: count() })
      .from(claims)
      .innerJoin(promotions, eq(promotions.id, claims.promotionId))
      .innerJoin(partnerships, eq(partnerships.id, claims.partnershipId))
      .innerJoin(organizations, eq(organizations.id, other))
      .where(where),
  ])
  const proofs = rows.length
    ? await ctx.tx
        .select({
          id: claimProofs.id,
          claimId: claimProofs.claimId,
          fileName: claimProofs.fileName,
          contentType: claimProofs.contentType,
          size: claimProofs.size,
        })
        .from(claimProofs)
        .where(
          inArray(
            claimProofs.claimId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(claimProofs.createdAt), asc(claimProofs.id))
    : []
  return {
    rows: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      proofs: proofs.filter((p) => p.claimId === r.id),
    })),
    total,
  }
}
