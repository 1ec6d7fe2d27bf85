import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { partnerships, type Quote, quotes } from '#db/schema/index.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { assertPartnershipAllows } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type QuoteSide = 'seller' | 'buyer'
export type FoundQuote = {
  quote: Quote
  side: QuoteSide
  partnerOrgId: string
  partnershipStatus: PartnershipStatus
}

/**
 * The application lock for one quote: RLS already limits rows to the caller's partnerships; here a seller's
 * member_own sees only quotes they own, and the buyer never sees a quote before its first sending.
 * Anything else is "not found", so a guessed id reveals nothing. `forUpdate` locks the row for a state change.
 */
export async function findQuote(ctx: ServiceContext, id: string, forUpdate = false): Promise<FoundQuote> {
  if (!isId(id)) throw new AppError('not_found', 'quotes:errors.notFound')
  const query = ctx.tx
    .select({ quote: quotes, partnerOrgId: partnerships.partnerOrgId, status: partnerships.status })
    .from(quotes)
    .innerJoin(partnerships, eq(partnerships.id, quotes.partnershipId))
    .where(eq(quotes.id, id))
  const [row] = forUpdate ? await query.for('update', { of: quotes }) : await query
  if (!row) throw new AppError('not_found', 'quotes:errors.notFound')
  const side: QuoteSide | null =
    row.quote.hostOrgId === ctx.orgId ? 'seller' : row.partnerOrgId === ctx.orgId ? 'buyer' : null
  if (side === null) throw new AppError('not_found', 'quotes:errors.notFound')
  if (side === 'seller' && seesOwnOnly(ctx.role) && row.quote.ownerId !== ctx.userId) {
    throw new AppError('not_found', 'quotes:errors.notFound')
  }
  if (side === 'buyer' && row.quote.publishedRevision === null) {
    throw new AppError('not_found', 'quotes:errors.notFound')
  }
  return { quote: row.quote, side, partnerOrgId: row.partnerOrgId, partnershipStatus: row.status }
}

/**
 * Seller-side changes: refused with a clear message once the quote is accepted (the database refuses too) or
 * while the partnership allows no writes.
 */
export function assertSellerCanChange(found: FoundQuote) {
  if (found.side !== 'seller') throw new AppError('forbidden', 'quotes:errors.sellerOnly')
  assertPartnershipAllows(found.partnershipStatus, 'write')
  if (found.quote.status === 'accepted') throw new AppError('conflict', 'quotes:errors.locked')
}

export function assertVersion(found: FoundQuote, version: number) {
  if (found.quote.version !== version) throw new AppError('conflict', 'quotes:errors.stale')
}
