import { sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { numberSequences } from '#db/schema/index.ts'

const prefixes = { quote: 'Q', invoice: 'INV' } as const

/**
 * The next number of a document kind for an org and year: Q-2026-0001, INV-2026-0001. The upsert takes a row lock
 * held until the caller's transaction ends, so concurrent senders queue up and each gets the next value; a rolled
 * back send gives its number back (no gaps).
 */
export async function nextDocumentNumber(tx: Tx, orgId: string, kind: keyof typeof prefixes, year: number) {
  const [row] = await tx
    .insert(numberSequences)
    .values({ orgId, kind, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [numberSequences.orgId, numberSequences.kind, numberSequences.year],
      set: { lastValue: sql`${numberSequences.lastValue} + 1` },
    })
    .returning({ value: numberSequences.lastValue })
  return `${prefixes[kind]}-${year}-${String(row.value).padStart(4, '0')}`
}
