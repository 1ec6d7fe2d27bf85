import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import type { PdfStatement } from '#app/lib/pdf/model.ts'
import { invoices } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { agingSummary, bucketOf, daysOverdue } from './aging.ts'
import { partyOf } from './party.server.ts'

/**
 * A statement of account for one partnership: the seller's open invoices to the buyer, oldest first, with aging
 * per currency as of a date. Both sides may read it; a seller's member_own sees the invoices they own.
 */
export async function statementData(
  ctx: ServiceContext,
  partnershipId: string,
  options: { asOf: string; locale: string },
): Promise<PdfStatement> {
  const partnership = await getPartnership(ctx, partnershipId)
  if (!partnership) throw new AppError('not_found', 'partners:errors.notFound')
  const isSeller = partnership.host.id === ctx.orgId
  const conditions = [
    eq(invoices.partnershipId, partnership.id),
    inArray(invoices.status, ['issued', 'partially_paid', 'overdue']),
    gt(sql`${invoices.total} - ${invoices.amountPaid}`, 0),
  ]
  if (isSeller && seesOwnOnly(ctx.role)) conditions.push(eq(invoices.ownerId, ctx.userId))
  const open = await ctx.tx
    .select({
      number: invoices.number,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      currency: invoices.currency,
      total: invoices.total,
      paid: invoices.amountPaid,
    })
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.dueDate), asc(invoices.number))
  const rows = open.map((r) => {
    const dueDate = r.dueDate ?? r.issueDate ?? options.asOf
    const overdue = daysOverdue(dueDate, options.asOf)
    return {
      number: r.number ?? '',
      issueDate: r.issueDate ?? dueDate,
      dueDate,
      currency: r.currency,
      total: r.total,
      paid: r.paid,
      balance: r.total - r.paid,
      daysOverdue: overdue,
      bucket: bucketOf(overdue),
    }
  })
  return {
    locale: options.locale,
    asOf: options.asOf,
    seller: await partyOf(ctx.tx, partnership.host.id),
    buyer: await partyOf(ctx.tx, partnership.partner.id),
    rows,
    aging: agingSummary(rows, options.asOf),
  }
}
