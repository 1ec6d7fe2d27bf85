import { z } from 'zod'
import { todayIn } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { downloads } from '#db/schema/index.ts'
import { findInvoice } from '../invoices/find-invoice.server.ts'
import type { ServiceContext } from '../service-context.server.ts'

export const MAX_INVOICES_PER_ZIP = 500
export const InvoiceIdsSchema = z
  .array(IdSchema)
  .min(1, 'downloads:errors.noneSelected')
  .max(MAX_INVOICES_PER_ZIP, 'downloads:errors.tooMany')

/**
 * Asks for a ZIP of invoice PDFs: the invoices must all be visible to the caller (same rules as their pages);
 * the download row and its job are written in one transaction, and the work happens in the background.
 */
export async function requestInvoiceZip(ctx: ServiceContext, invoiceIds: string[], timeZone: string) {
  const ids = [...new Set(invoiceIds)]
  for (const id of ids) await findInvoice(ctx, id)
  const [download] = await ctx.tx
    .insert(downloads)
    .values({
      orgId: ctx.orgId,
      requestedById: ctx.userId,
      kind: 'invoice_pdfs',
      recordIds: ids,
      total: ids.length,
      fileName: `invoices-${todayIn(timeZone)}.zip`,
      expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
    })
    .returning()
  const jobId = await enqueueJob(ctx.tx, {
    orgId: ctx.orgId,
    kind: 'downloads.invoice_pdfs',
    payload: { downloadId: download.id },
  })
  if (!jobId) throw new AppError('conflict', 'downloads:errors.notQueued')
  await ctx.audit({
    action: 'download.requested',
    targetType: 'download',
    targetId: download.id,
    data: { count: ids.length },
  })
  return download
}
