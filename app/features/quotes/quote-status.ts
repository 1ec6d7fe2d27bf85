import type { QuoteStatus } from '#db/schema/quotes.ts'

export type QuoteDisplayStatus = QuoteStatus | 'expired'
export const quoteDisplayStatuses = ['draft', 'sent', 'viewed', 'accepted', 'declined', 'expired'] as const

/** A sent or viewed quote past its validity date reads as expired and can no longer be accepted. */
export function quoteDisplayStatus(
  status: QuoteStatus,
  validUntil: string | null,
  today: string,
): QuoteDisplayStatus {
  if ((status === 'sent' || status === 'viewed') && validUntil !== null && validUntil < today)
    return 'expired'
  return status
}

export function canAccept(status: QuoteStatus, validUntil: string, today: string) {
  return (
    quoteDisplayStatus(status, validUntil, today) === 'sent' ||
    quoteDisplayStatus(status, validUntil, today) === 'viewed'
  )
}
