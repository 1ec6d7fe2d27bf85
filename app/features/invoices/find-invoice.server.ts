import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { type Invoice, invoices, partnerships } from '#db/schema/index.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { assertPartnershipAllows, type PartnershipAction } from '../partners/status-rules.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type InvoiceSide = 'seller' | 'buyer'
export type FoundInvoice = {
  invoice: Invoice
  side: InvoiceSide
  partnerOrgId: string
  partnershipStatus: PartnershipStatus
}

const notFound = () => new AppError('not_found', 'invoices:errors.notFound')

/**
 * The application lock for one invoice: RLS already limits rows to the caller's partnerships; here a seller's
 * member_own sees only invoices they own, and the buyer never sees an invoice that was not issued (a draft, or a
 * draft voided before issue). Anything else is "not found", so a guessed id reveals nothing. `forUpdate` locks
 * the row until the transaction ends (state changes, payments).
 */
export async function findInvoice(ctx: ServiceContext, id: string, forUpdate = false): Promise<FoundInvoice> {
  if (!isId(id)) throw notFound()
  const query = ctx.tx
    .select({ invoice: invoices, partnerOrgId: partnerships.partnerOrgId, status: partnerships.status })
    .from(invoices)
    .innerJoin(partnerships, eq(partnerships.id, invoices.partnershipId))
    .where(eq(invoices.id, id))
  const [row] = forUpdate ? await query.for('update', { of: invoices }) : await query
  if (!row) throw notFound()
  const side: InvoiceSide | null =
    row.invoice.hostOrgId === ctx.orgId ? 'seller' : row.partnerOrgId === ctx.orgId ? 'buyer' : null
  if (side === null) throw notFound()
  if (side === 'seller' && seesOwnOnly(ctx.role) && row.invoice.ownerId !== ctx.userId) throw notFound()
  if (side === 'buyer' && row.invoice.issuedAt === null) throw notFound()
  return { invoice: row.invoice, side, partnerOrgId: row.partnerOrgId, partnershipStatus: row.status }
}

/** Seller-side changes only (the buyer reads), of a kind the partnership's status allows: payments or writes. */
export function assertSeller(found: FoundInvoice, action: Exclude<PartnershipAction, 'read'> = 'write') {
  if (found.side !== 'seller') throw new AppError('forbidden', 'invoices:errors.sellerOnly')
  assertPartnershipAllows(found.partnershipStatus, action)
}

export function assertVersion(found: FoundInvoice, version: number) {
  if (found.invoice.version !== version) throw new AppError('conflict', 'invoices:errors.stale')
}
