import { eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { quotes } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSellerCanChange, assertVersion, findQuote } from './find-quote.server.ts'
import type { QuoteDraftInput } from './schemas.ts'
import { writeRevision } from './write-revision.server.ts'

/** Saves the working revision of a quote. A sent revision is history: staff revise to change it. */
export async function saveQuoteDraft(
  ctx: ServiceContext,
  id: string,
  input: QuoteDraftInput & { version: number },
) {
  const found = await findQuote(ctx, id, true)
  assertSellerCanChange(found)
  assertVersion(found, input.version)
  const { quote } = found
  if (quote.publishedRevision === quote.currentRevision)
    throw new AppError('conflict', 'quotes:errors.reviseFirst')
  await writeRevision(
    ctx.tx,
    { quoteId: quote.id, partnershipId: quote.partnershipId, revision: quote.currentRevision },
    input,
    ctx.userId,
  )
  await ctx.tx
    .update(quotes)
    .set({ title: input.title, version: sql`${quotes.version} + 1` })
    .where(eq(quotes.id, quote.id))
  await ctx.audit({
    action: 'quote.draft_saved',
    targetType: 'quote',
    targetId: quote.id,
    data: { revision: quote.currentRevision },
  })
}
