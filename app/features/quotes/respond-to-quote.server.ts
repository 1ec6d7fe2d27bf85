import { and, eq, inArray, sql } from 'drizzle-orm'
import { todayIn } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { partnerships, quoteLines, quoteRevisions, quotes } from '#db/schema/index.ts'
import { totalsOf } from '../billing/price-lines.ts'
import { assertPartnershipAllows, statusesAllowing } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertVersion, type FoundQuote, findQuote } from './find-quote.server.ts'
import { quoteDisplayStatus } from './quote-status.ts'

type Where = { ip: string | null; userAgent: string | null; timeZone: string }

async function openForAnswer(ctx: ServiceContext, id: string, version: number, timeZone: string) {
  const found = await findQuote(ctx, id, true)
  if (found.side !== 'buyer') throw new AppError('forbidden', 'quotes:errors.buyerOnly')
  assertPartnershipAllows(found.partnershipStatus, 'write')
  assertVersion(found, version)
  const revision = await publishedRevision(ctx, found)
  const status = quoteDisplayStatus(found.quote.status, revision.validUntil, todayIn(timeZone))
  if (status === 'accepted') throw new AppError('conflict', 'quotes:errors.locked')
  if (status === 'expired') throw new AppError('conflict', 'quotes:errors.expired')
  if (status !== 'sent' && status !== 'viewed') throw new AppError('conflict', 'quotes:errors.notOpen')
  return { found, revision }
}

async function publishedRevision(ctx: ServiceContext, found: FoundQuote) {
  const [revision] = await ctx.tx
    .select()
    .from(quoteRevisions)
    .where(
      and(
        eq(quoteRevisions.quoteId, found.quote.id),
        eq(quoteRevisions.revision, found.quote.publishedRevision ?? 0),
      ),
    )
  if (!revision) throw new AppError('not_found', 'quotes:errors.notFound')
  return revision
}

/** The buyer opened the quote: sent → viewed (once), unless its partnership allows no writes. */
export async function markQuoteViewed(ctx: ServiceContext, id: string) {
  const writable = ctx.tx
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(inArray(partnerships.status, statusesAllowing('write')))
  const [row] = await ctx.tx
    .update(quotes)
    .set({ status: 'viewed', viewedAt: new Date() })
    .where(
      and(
        eq(quotes.id, id),
        eq(quotes.status, 'sent'),
        sql`${quotes.hostOrgId} <> ${ctx.orgId}`,
        inArray(quotes.partnershipId, writable),
      ),
    )
    .returning({ id: quotes.id })
  if (row) await ctx.audit({ action: 'quote.viewed', targetType: 'quote', targetId: id })
}

/**
 * Accepts the revision the customer saw (a newer one sent meanwhile is a conflict), with the optional lines they
 * ticked, their name and signature, time, IP and user agent. After this the quote is locked.
 */
export async function acceptQuote(
  ctx: ServiceContext,
  id: string,
  input: {
    revision: number
    version: number
    signerName: string
    signatureKind: 'drawn' | 'typed'
    signature: string
    selectedLines: string[]
  } & Where,
) {
  const { found, revision } = await openForAnswer(ctx, id, input.version, input.timeZone)
  if (revision.revision !== input.revision) throw new AppError('conflict', 'quotes:errors.stale')
  const lines = await ctx.tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.quoteId, id), eq(quoteLines.revision, revision.revision)))
  const chosen = new Set(input.selectedLines)
  const optionalIds = lines.filter((l) => l.optional).map((l) => l.id)
  if ([...chosen].some((lineId) => !optionalIds.includes(lineId))) {
    throw new AppError('invalid', 'quotes:errors.unknownLine')
  }
  if (optionalIds.length > 0) {
    await ctx.tx.update(quoteLines).set({ selected: false }).where(inArray(quoteLines.id, optionalIds))
    if (chosen.size > 0) {
      await ctx.tx
        .update(quoteLines)
        .set({ selected: true })
        .where(inArray(quoteLines.id, [...chosen]))
    }
  }
  const totals = totalsOf(lines.map((l) => ({ ...l, selected: !l.optional || chosen.has(l.id) })))
  await ctx.tx
    .update(quotes)
    .set({
      status: 'accepted',
      acceptedAt: new Date(),
      acceptedRevision: revision.revision,
      acceptedTotal: totals.total,
      acceptedById: ctx.userId,
      signerName: input.signerName,
      signatureKind: input.signatureKind,
      signature: input.signature,
      acceptedIp: input.ip,
      acceptedUserAgent: input.userAgent?.slice(0, 500) ?? null,
      version: sql`${quotes.version} + 1`,
    })
    .where(eq(quotes.id, id))
  await ctx.audit({
    action: 'quote.accepted',
    targetType: 'quote',
    targetId: id,
    data: {
      number: found.quote.number,
      revision: revision.revision,
      total: totals.total,
      optional: chosen.size,
    },
  })
  return totals
}

export async function declineQuote(
  ctx: ServiceContext,
  id: string,
  input: { version: number; reason: string; timeZone: string },
) {
  const { found } = await openForAnswer(ctx, id, input.version, input.timeZone)
  await ctx.tx
    .update(quotes)
    .set({
      status: 'declined',
      declinedAt: new Date(),
      declineReason: input.reason,
      version: sql`${quotes.version} + 1`,
    })
    .where(eq(quotes.id, id))
  await ctx.audit({
    action: 'quote.declined',
    targetType: 'quote',
    targetId: id,
    data: { number: found.quote.number, reason: input.reason },
  })
}
