import type { Tone } from '#app/components/ui/badge.tsx'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'

export const statusTone: Record<PartnershipStatus, Tone> = {
  active: 'green',
  invited: 'blue',
  suspended: 'amber',
  ended: 'slate',
}

// Building an Intl.DateTimeFormat costs far more than using one; a table would build one per row.
const formatters = new Map<string, Intl.DateTimeFormat>()

/** Dates in the org's time zone, so server and browser render the same text (no hydration mismatch). */
export function formatDate(value: Date | string, locale: string, timeZone: string, withTime = false) {
  const key = `${locale}|${timeZone}|${withTime}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: withTime ? 'short' : undefined,
      timeZone,
    })
    formatters.set(key, formatter)
  }
  return formatter.format(typeof value === 'string' ? new Date(value) : value)
}
