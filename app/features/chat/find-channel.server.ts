import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { channels, type channels as channelsTable, partnerships } from '#db/schema/index.ts'
import { can } from '../auth/permissions.ts'
import { findForecastException } from '../forecasts/find-forecast-exception.server.ts'
import { findInvoice } from '../invoices/find-invoice.server.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import { findPromotion } from '../promotions/find-promotion.server.ts'
import { findQuote } from '../quotes/find-quote.server.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type Channel = typeof channelsTable.$inferSelect
export type FoundChannel = {
  channel: Channel
  /** The other org of a shared channel (null for internal channels). */
  partnerOrgId: string | null
  hostOrgId: string
  /** False when the partnership's status allows no writes: history stays readable, nobody posts. */
  open: boolean
}

const notFound = () => new AppError('not_found', 'chat:errors.notFound')

/**
 * The application lock for one channel. RLS already limits rows to the caller's org and partnerships; here
 * internal channels are refused to portal users, and a record thread follows its record (a seller's member_own
 * sees only their own quotes' threads; a buyer no draft's). Anything else is "not found". `forUpdate` takes the
 * channel row lock that orders message inserts.
 */
export async function findChannel(ctx: ServiceContext, id: string, forUpdate = false): Promise<FoundChannel> {
  if (!isId(id) || !can(ctx.role, 'chat:read')) throw notFound()
  const query = ctx.tx
    .select({ channel: channels, partnership: partnerships })
    .from(channels)
    .leftJoin(partnerships, eq(partnerships.id, channels.partnershipId))
    .where(eq(channels.id, id))
  const [row] = forUpdate ? await query.for('update', { of: channels }) : await query
  if (!row) throw notFound()
  const { channel, partnership } = row
  if (channel.kind === 'internal') {
    if (channel.orgId !== ctx.orgId || !can(ctx.role, 'chat:internal')) throw notFound()
    return { channel, partnerOrgId: null, hostOrgId: channel.orgId, open: true }
  }
  if (!partnership) throw notFound()
  if (partnership.hostOrgId !== ctx.orgId && partnership.partnerOrgId !== ctx.orgId) throw notFound()
  if (channel.kind === 'record') await assertRecordVisible(ctx, channel)
  return {
    channel,
    partnerOrgId: partnership.partnerOrgId,
    hostOrgId: partnership.hostOrgId,
    open: partnershipAllows(partnership.status, 'write'),
  }
}

async function assertRecordVisible(ctx: ServiceContext, channel: Channel) {
  try {
    if (channel.recordType === 'quote' && channel.recordId) await findQuote(ctx, channel.recordId)
    else if (channel.recordType === 'invoice' && channel.recordId) await findInvoice(ctx, channel.recordId)
    else if (channel.recordType === 'promotion' && channel.recordId)
      await findPromotion(ctx, channel.recordId)
    else if (channel.recordType === 'forecast_exception' && channel.recordId)
      await findForecastException(ctx, channel.recordId)
    else throw notFound()
  } catch (error) {
    if (error instanceof AppError) throw notFound()
    throw error
  }
}

/** Posting, reacting and marking read need write rights and an open partnership. */
export function assertCanPost(ctx: Pick<ServiceContext, 'role'>, found: FoundChannel) {
  if (!can(ctx.role, 'chat:write')) throw new AppError('forbidden', 'chat:errors.readOnly')
  if (!found.open) throw new AppError('conflict', 'chat:errors.closed')
}
