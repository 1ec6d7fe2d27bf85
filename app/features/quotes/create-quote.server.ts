import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { partnerships, quotes } from '#db/schema/index.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { QuoteDraftInput } from './schemas.ts'
import { writeRevision } from './write-revision.server.ts'

/** Drafts a quote on a partnership the caller's org hosts; the number comes only when it is sent. */
export async function createQuote(ctx: ServiceContext, input: QuoteDraftInput & { partnershipId: string }) {
  const [partnership] = await ctx.tx
    .select({ id: partnerships.id, status: partnerships.status })
    .from(partnerships)
    .where(and(eq(partnerships.id, input.partnershipId), eq(partnerships.hostOrgId, ctx.orgId)))
  if (!partnership) throw new AppError('invalid', 'quotes:errors.partnerRequired')
  assertPartnershipAllows(partnership.status, 'write')
  const [quote] = await ctx.tx
    .insert(quotes)
    .values({ partnershipId: partnership.id, hostOrgId: ctx.orgId, ownerId: ctx.userId, title: input.title })
    .returning()
  await writeRevision(
    ctx.tx,
    { quoteId: quote.id, partnershipId: partnership.id, revision: 1 },
    input,
    ctx.userId,
  )
  await ctx.audit({
    action: 'quote.created',
    targetType: 'quote',
    targetId: quote.id,
    data: { title: input.title },
  })
  return quote
}
