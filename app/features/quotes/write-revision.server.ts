import { and, eq } from 'drizzle-orm'
import { isCurrencyCode } from '#app/lib/money.ts'
import type { Tx } from '#db/client.ts'
import { quoteLines, quoteRevisions } from '#db/schema/index.ts'
import { LineErrors } from '../billing/line-errors.ts'
import { parseLines } from '../billing/line-schema.ts'
import { priceLines, totalsOf } from '../billing/price-lines.ts'
import type { QuoteDraftInput } from './schemas.ts'

/** Prices a draft's lines; throws LineErrors naming each bad field. */
export function priceDraft(input: QuoteDraftInput) {
  if (!isCurrencyCode(input.currency)) throw new LineErrors({ currency: ['quotes:errors.currencyInvalid'] })
  const { lines, errors } = parseLines(input.lines, input.currency)
  if (errors) throw new LineErrors(errors)
  const priced = priceLines(lines)
  return { lines: priced, totals: totalsOf(priced) }
}

type RevisionTarget = { quoteId: string; partnershipId: string; revision: number }

/** Writes a revision's header and replaces its lines (the revision must not have been sent). */
export async function writeRevision(
  tx: Tx,
  target: RevisionTarget,
  input: QuoteDraftInput,
  createdById: string | null,
) {
  const { lines, totals } = priceDraft(input)
  const header = {
    currency: input.currency,
    validUntil: input.validUntil,
    terms: input.terms,
    notes: input.notes,
    subtotal: totals.subtotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
  }
  await tx
    .insert(quoteRevisions)
    .values({ ...target, ...header, createdById })
    .onConflictDoUpdate({ target: [quoteRevisions.quoteId, quoteRevisions.revision], set: header })
  await tx
    .delete(quoteLines)
    .where(and(eq(quoteLines.quoteId, target.quoteId), eq(quoteLines.revision, target.revision)))
  await tx.insert(quoteLines).values(
    lines.map((line) => ({
      ...target,
      ...line,
      // Required lines always count; optional lines wait for the customer's tick.
      selected: !line.optional,
    })),
  )
  return totals
}
