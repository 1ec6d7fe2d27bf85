import { addDays as addDaysToDate, differenceInCalendarDays, formatISO, parseISO } from 'date-fns'

/** Today's calendar date (YYYY-MM-DD) in a time zone; documents are dated in their issuer's zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

export function addDays(isoDate: string, days: number): string {
  return formatISO(addDaysToDate(parseISO(isoDate), days), { representation: 'date' })
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from))
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4))
}
