import { and, count, desc, eq, ilike, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { DEFAULT_PAGE_SIZE } from '#app/lib/pagination.ts'
import { organizations, partnerships, quoteRevisions, quotes } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { likePattern } from '../partners/list-partnerships.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { QuoteDisplayStatus } from './quote-status.ts'

export type ListQuotesInput = { q?: string; status?: QuoteDisplayStatus; page: number; today: string }
export type QuoteListRow = Awaited<ReturnType<typeof listQuotes>>['rows'][number]

const counterparty = alias(organizations, 'counterparty')

/**
 * Quotes on the caller's partnerships, newest first. Sellers see their working revision (member_own: only quotes
 * they own); buyers see the revision last sent to them and never a quote that was not sent.
 */
export async function listQuotes(ctx: ServiceContext, input: ListQuotesInput) {
  const pageSize = DEFAULT_PAGE_SIZE
  const page = Math.max(1, input.page)
  const isSeller = sql`${quotes.hostOrgId} = ${ctx.orgId}`
  const shownRevision = sql`case when ${isSeller} then ${quotes.currentRevision} else ${quotes.publishedRevision} end`
  const conditions: SQL[] = [
    or(
      eq(quotes.hostOrgId, ctx.orgId),
      and(eq(partnerships.partnerOrgId, ctx.orgId), isNotNull(quotes.publishedRevision)),
    ) as SQL,
  ]
  if (seesOwnOnly(ctx.role)) {
    conditions.push(or(sql`not ${isSeller}`, eq(quotes.ownerId, ctx.userId)) as SQL)
  }
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(
      or(
        ilike(quotes.number, pattern),
        ilike(quotes.title, pattern),
        ilike(counterparty.name, pattern),
      ) as SQL,
    )
  }
  const open = sql`${quotes.status} in ('sent', 'viewed')`
  if (input.status === 'expired') {
    conditions.push(and(open, lt(quoteRevisions.validUntil, input.today)) as SQL)
  } else if (input.status === 'sent' || input.status === 'viewed') {
    conditions.push(
      and(eq(quotes.status, input.status), sql`${quoteRevisions.validUntil} >= ${input.today}`) as SQL,
    )
  } else if (input.status) {
    conditions.push(eq(quotes.status, input.status))
  }
  const where = and(...conditions)
  const from = () =>
    ctx.tx
      .select({
        id: quotes.id,
        number: quotes.number,
        title: quotes.title,
        status: quotes.status,
        isSeller: sql<boolean>`${isSeller}`,
        revision: sql<number>`${shownRevision}`,
        hasUnsentRevision: sql<boolean>`${quotes.currentRevision} is distinct from ${quotes.publishedRevision}`,
        currency: quoteRevisions.currency,
        validUntil: quoteRevisions.validUntil,
        total: sql<number>`coalesce(${quotes.acceptedTotal}, ${quoteRevisions.total})`.mapWith(Number),
        counterparty: counterparty.name,
        updatedAt: quotes.updatedAt,
      })
      .from(quotes)
      .innerJoin(partnerships, eq(partnerships.id, quotes.partnershipId))
      .innerJoin(
        counterparty,
        eq(
          counterparty.id,
          sql`case when ${isSeller} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`,
        ),
      )
      .innerJoin(
        quoteRevisions,
        and(eq(quoteRevisions.quoteId, quotes.id), eq(quoteRevisions.revision, shownRevision)),
      )
  const rows = await from()
    .where(where)
    .orderBy(desc(quotes.updatedAt), desc(quotes.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
  const [{ n: total }] = await ctx.tx
    .select({ n: count() })
    .from(quotes)
    .innerJoin(partnerships, eq(partnerships.id, quotes.partnershipId))
    .innerJoin(
      counterparty,
      eq(
        counterparty.id,
        sql`case when ${isSeller} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`,
      ),
    )
    .innerJoin(
      quoteRevisions,
      and(eq(quoteRevisions.quoteId, quotes.id), eq(quoteRevisions.revision, shownRevision)),
    )
    .where(where)
  return { rows, total, page, pageSize }
}
