import { and, eq, sql } from 'drizzle-orm'
import { todayIn, yearOf } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { organizations, quoteLines, quoteRevisions, quotes } from '#db/schema/index.ts'
import { sendEmail } from '#emails/send.server.ts'
import { buyerRecipients } from '../billing/buyer-recipients.server.ts'
import { nextDocumentNumber } from '../billing/numbering.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSellerCanChange, assertVersion, findQuote } from './find-quote.server.ts'

/**
 * Sends the working revision: assigns the number on first sending (sequential per org and year, in this
 * transaction, so a failed send gives it back), publishes the revision to the customer and emails their people.
 */
export async function sendQuote(
  ctx: ServiceContext,
  id: string,
  input: { version: number; origin: string; timeZone: string },
) {
  const found = await findQuote(ctx, id, true)
  assertSellerCanChange(found)
  assertVersion(found, input.version)
  const { quote } = found
  if (quote.publishedRevision === quote.currentRevision)
    throw new AppError('conflict', 'quotes:errors.alreadySent')
  const [revision] = await ctx.tx
    .select()
    .from(quoteRevisions)
    .where(and(eq(quoteRevisions.quoteId, quote.id), eq(quoteRevisions.revision, quote.currentRevision)))
  const [{ lineCount }] = await ctx.tx
    .select({ lineCount: sql<number>`count(*)::int` })
    .from(quoteLines)
    .where(and(eq(quoteLines.quoteId, quote.id), eq(quoteLines.revision, quote.currentRevision)))
  if (!revision || lineCount === 0) throw new AppError('invalid', 'quotes:errors.linesRequired')
  const today = todayIn(input.timeZone)
  if (revision.validUntil < today) throw new AppError('invalid', 'quotes:errors.validityPast')

  const number = quote.number ?? (await nextDocumentNumber(ctx.tx, ctx.orgId, 'quote', yearOf(today)))
  const now = new Date()
  await ctx.tx
    .update(quotes)
    .set({
      number,
      status: 'sent',
      publishedRevision: quote.currentRevision,
      sentAt: now,
      viewedAt: null,
      declinedAt: null,
      declineReason: null,
      version: sql`${quotes.version} + 1`,
    })
    .where(eq(quotes.id, quote.id))
  await ctx.tx.update(quoteRevisions).set({ sentAt: now }).where(eq(quoteRevisions.id, revision.id))

  const [seller] = await ctx.tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
  const people = await buyerRecipients(ctx.tx, found.partnerOrgId)
  const quoteUrl = new URL(`/quotes/${quote.id}`, input.origin).toString()
  for (const person of people) {
    await sendEmail({
      tx: ctx.tx,
      orgId: ctx.orgId,
      to: person.email,
      locale: person.locale,
      template: 'quote-sent',
      props: {
        sellerName: seller.name,
        number,
        title: quote.title,
        revision: quote.currentRevision,
        total: revision.total,
        currency: revision.currency,
        validUntil: revision.validUntil,
        quoteUrl,
      },
    })
  }
  await ctx.audit({
    action: 'quote.sent',
    targetType: 'quote',
    targetId: quote.id,
    data: { number, revision: quote.currentRevision, recipients: people.length },
  })
  return { number, recipients: people.length }
}
