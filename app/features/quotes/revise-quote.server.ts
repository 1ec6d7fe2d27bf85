import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { quoteLines, quoteRevisions, quotes } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSellerCanChange, assertVersion, findQuote } from './find-quote.server.ts'

/**
 * Starts a new revision as a copy of the sent one. The customer keeps seeing the sent revision until the new one
 * is sent; earlier revisions stay as history.
 */
export async function reviseQuote(ctx: ServiceContext, id: string, version: number) {
  const found = await findQuote(ctx, id, true)
  assertSellerCanChange(found)
  assertVersion(found, version)
  const { quote } = found
  if (quote.publishedRevision !== quote.currentRevision)
    throw new AppError('conflict', 'quotes:errors.alreadyRevising')
  const next = quote.currentRevision + 1
  const [from] = await ctx.tx
    .select()
    .from(quoteRevisions)
    .where(and(eq(quoteRevisions.quoteId, quote.id), eq(quoteRevisions.revision, quote.currentRevision)))
  await ctx.tx.insert(quoteRevisions).values({
    quoteId: quote.id,
    partnershipId: quote.partnershipId,
    revision: next,
    currency: from.currency,
    validUntil: from.validUntil,
    terms: from.terms,
    notes: from.notes,
    subtotal: from.subtotal,
    taxTotal: from.taxTotal,
    total: from.total,
    createdById: ctx.userId,
  })
  const lines = await ctx.tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.quoteId, quote.id), eq(quoteLines.revision, quote.currentRevision)))
  if (lines.length > 0) {
    await ctx.tx.insert(quoteLines).values(
      lines.map(({ id: _id, createdAt: _c, updatedAt: _u, ...line }) => ({
        ...line,
        revision: next,
        selected: !line.optional,
      })),
    )
  }
  await ctx.tx
    .update(quotes)
    .set({ currentRevision: next, version: sql`${quotes.version} + 1` })
    .where(eq(quotes.id, quote.id))
  await ctx.audit({
    action: 'quote.revised',
    targetType: 'quote',
    targetId: quote.id,
    data: { revision: next },
  })
  return next
}
