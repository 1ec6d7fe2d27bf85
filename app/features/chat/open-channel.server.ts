import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { channels, type ThreadRecordType } from '#db/schema/index.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { can } from '../auth/permissions.ts'
import { assertPermission } from '../auth/require.server.ts'
import { forecastExceptionThread } from '../forecasts/find-forecast-exception.server.ts'
import { findInvoice } from '../invoices/find-invoice.server.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import { partnershipAllows } from '../partners/status-rules.ts'
import { findPromotion } from '../promotions/find-promotion.server.ts'
import { findQuote } from '../quotes/find-quote.server.ts'
import type { ServiceContext } from '../service-context.server.ts'

type NewChannel = typeof channels.$inferInsert

/**
 * The one channel for that key, created when missing. Opening an existing channel is reading it; starting one is
 * a write: viewers never do, nor anyone while the partnership's status allows no writes.
 */
async function ensure(
  ctx: ServiceContext,
  values: NewChannel & { partnershipStatus: PartnershipStatus },
  key: ReturnType<typeof and>,
) {
  const [existing] = await ctx.tx.select({ id: channels.id }).from(channels).where(key)
  if (existing) return existing.id
  if (!can(ctx.role, 'chat:write')) throw new AppError('forbidden', 'chat:errors.readOnly')
  const { partnershipStatus, ...channel } = values
  if (!partnershipAllows(partnershipStatus, 'write')) throw new AppError('conflict', 'chat:errors.closed')
  await ctx.tx.insert(channels).values(channel).onConflictDoNothing()
  const [row] = await ctx.tx.select({ id: channels.id }).from(channels).where(key)
  if (!row) throw new AppError('not_found', 'chat:errors.notFound')
  return row.id
}

/** The partnership's channel (created on first use by either side). */
export async function openPartnershipChannel(ctx: ServiceContext, partnershipId: string) {
  assertPermission(ctx, 'chat:read')
  const partnership = await getPartnership(ctx, partnershipId)
  if (!partnership) throw new AppError('not_found', 'chat:errors.notFound')
  return ensure(
    ctx,
    {
      orgId: partnership.host.id,
      partnershipId: partnership.id,
      kind: 'partnership',
      name: `${partnership.host.name} ⇄ ${partnership.partner.name}`,
      createdById: ctx.userId,
      partnershipStatus: partnership.status,
    },
    and(eq(channels.partnershipId, partnership.id), eq(channels.kind, 'partnership')),
  )
}

/** The record a thread hangs on, found through its own lock, and the thread's name. */
async function threadRecord(ctx: ServiceContext, type: ThreadRecordType, recordId: string) {
  if (type === 'promotion') {
    const { promotion, partnershipStatus } = await findPromotion(ctx, recordId)
    return { record: promotion, name: `Promotion ${promotion.name}`, partnershipStatus }
  }
  if (type === 'forecast_exception') return forecastExceptionThread(ctx, recordId)
  const found =
    type === 'quote'
      ? await findQuote(ctx, recordId).then((f) => ({
          record: f.quote,
          partnershipStatus: f.partnershipStatus,
        }))
      : await findInvoice(ctx, recordId).then((f) => ({
          record: f.invoice,
          partnershipStatus: f.partnershipStatus,
        }))
  const { record } = found
  const label = type === 'quote' ? 'Quote' : 'Invoice'
  const title = 'title' in record ? record.title : null
  return { ...found, name: `${label} ${record.number ?? title ?? ''}`.trim() }
}

/** A quote's, invoice's, promotion's or forecast exception's own thread, open to whoever may see the record. */
export async function openRecordThread(ctx: ServiceContext, type: ThreadRecordType, recordId: string) {
  assertPermission(ctx, 'chat:read')
  const { record, name, partnershipStatus } = await threadRecord(ctx, type, recordId)
  return ensure(
    ctx,
    {
      orgId: record.hostOrgId,
      partnershipId: record.partnershipId,
      kind: 'record',
      recordType: type,
      recordId: record.id,
      name,
      createdById: ctx.userId,
      partnershipStatus,
    },
    and(eq(channels.recordType, type), eq(channels.recordId, record.id), eq(channels.kind, 'record')),
  )
}

/** The thread of a record, if someone has opened one (record pages show it beside the record). */
export async function findRecordThreadId(ctx: ServiceContext, type: ThreadRecordType, recordId: string) {
  const [row] = await ctx.tx
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.recordType, type), eq(channels.recordId, recordId), eq(channels.kind, 'record')))
  return row?.id ?? null
}

/** Staff-only channels of the caller's org. */
export async function createInternalChannel(ctx: ServiceContext, input: { name: string }) {
  assertPermission(ctx, 'chat:manage')
  const [taken] = await ctx.tx
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.orgId, ctx.orgId),
        eq(channels.kind, 'internal'),
        sql`lower(${channels.name}) = lower(${input.name})`,
      ),
    )
  if (taken) throw new AppError('conflict', 'chat:errors.nameTaken', { field: 'name' })
  const [row] = await ctx.tx
    .insert(channels)
    .values({ orgId: ctx.orgId, kind: 'internal', name: input.name, createdById: ctx.userId })
    .returning({ id: channels.id })
  await ctx.audit({ action: 'chat.channel_created', targetType: 'channel', targetId: row.id })
  return row.id
}
