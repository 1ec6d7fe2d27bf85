import { and, asc, eq, lte } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { AppError } from '#app/lib/errors.ts'
import { organizations, quoteLines, quoteRevisions, users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findQuote } from './find-quote.server.ts'

const seller = alias(organizations, 'seller')
const buyer = alias(organizations, 'buyer')

/**
 * One quote with a revision's header and lines, the revision history and both orgs. Sellers default to the working
 * revision and may open any; buyers see sent revisions only, the latest by default.
 */
export async function getQuote(ctx: ServiceContext, id: string, wanted?: number) {
  const found = await findQuote(ctx, id)
  const { quote, side } = found
  const latest = side === 'seller' ? quote.currentRevision : (quote.publishedRevision as number)
  const revisionNumber = wanted && wanted >= 1 && wanted <= latest ? wanted : latest
  const history = await ctx.tx
    .select({
      revision: quoteRevisions.revision,
      sentAt: quoteRevisions.sentAt,
      total: quoteRevisions.total,
      currency: quoteRevisions.currency,
      createdAt: quoteRevisions.createdAt,
    })
    .from(quoteRevisions)
    .where(and(eq(quoteRevisions.quoteId, id), lte(quoteRevisions.revision, latest)))
    .orderBy(asc(quoteRevisions.revision))
  const [revision] = await ctx.tx
    .select()
    .from(quoteRevisions)
    .where(and(eq(quoteRevisions.quoteId, id), eq(quoteRevisions.revision, revisionNumber)))
  if (!revision) throw new AppError('not_found', 'quotes:errors.notFound')
  const lines = await ctx.tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.quoteId, id), eq(quoteLines.revision, revisionNumber)))
    .orderBy(asc(quoteLines.position))
  const [parties] = await ctx.tx
    .select({
      seller: { id: seller.id, name: seller.name, customerCode: seller.customerCode, locale: seller.locale },
      buyer: { id: buyer.id, name: buyer.name, customerCode: buyer.customerCode, locale: buyer.locale },
    })
    .from(seller)
    .innerJoin(buyer, eq(buyer.id, found.partnerOrgId))
    .where(eq(seller.id, quote.hostOrgId))
  const [owner] = quote.ownerId
    ? await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, quote.ownerId))
    : []
  return { quote, side, revision, lines, history, parties, ownerName: owner?.name ?? null }
}

export type QuoteDetail = Awaited<ReturnType<typeof getQuote>>
