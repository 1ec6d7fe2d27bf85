import { eq } from 'drizzle-orm'
import { isCurrencyCode } from '#app/lib/money.ts'
import type { Tx } from '#db/client.ts'
import { invoiceLines } from '#db/schema/index.ts'
import { LineErrors } from '../billing/line-errors.ts'
import { parseLines } from '../billing/line-schema.ts'
import { type PricedLine, priceLines, totalsOf } from '../billing/price-lines.ts'
import type { InvoiceDraftInput } from './schemas.ts'

/** Prices an invoice draft's lines (every line counts: invoices have no optional lines); throws LineErrors. */
export function priceInvoiceDraft(input: Pick<InvoiceDraftInput, 'currency' | 'lines'>) {
  if (!isCurrencyCode(input.currency)) throw new LineErrors({ currency: ['invoices:errors.currencyInvalid'] })
  const { lines, errors } = parseLines(input.lines, input.currency)
  if (errors) throw new LineErrors(errors)
  const priced = priceLines(lines.map((line) => ({ ...line, optional: false })))
  return { lines: priced, totals: totalsOf(priced) }
}

/** Replaces an invoice's lines (the invoice must still be a draft: the caller checks). */
export async function replaceInvoiceLines(
  tx: Tx,
  target: { invoiceId: string; partnershipId: string },
  lines: PricedLine[],
) {
  await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, target.invoiceId))
  await tx
    .insert(invoiceLines)
    .values(lines.map(({ optional: _optional, ...line }) => ({ ...target, ...line })))
}
