import { addWeeks, eachWeekOfInterval, formatISO, isValid, parseISO, startOfWeek } from 'date-fns'

// Volumes are kept per week, and a week starts on Monday (ISO 8601), whatever the reader's locale shows.
const monday = { weekStartsOn: 1 } as const

const iso = (date: Date) => formatISO(date, { representation: 'date' })

/** The Monday that starts the week of an ISO date (YYYY-MM-DD). */
export function weekStartOf(isoDate: string): string {
  return iso(startOfWeek(parseISO(isoDate), monday))
}

/** Every week a promotion touches, as the Mondays that start them, from the week of `startsOn` to that of `endsOn`. */
export function promotionWeeks(startsOn: string, endsOn: string): string[] {
  const start = parseISO(startsOn)
  const end = parseISO(endsOn)
  if (!isValid(start) || !isValid(end) || end < start) return []
  return eachWeekOfInterval({ start, end }, monday).map(iso)
}

/** The history a baseline is suggested from: the 13 whole weeks before the promotion's first week. */
export const BASELINE_WEEKS = 13

export function baselineWindow(startsOn: string): { from: string; to: string; weeks: number } {
  const first = startOfWeek(parseISO(startsOn), monday)
  return {
    from: iso(addWeeks(first, -BASELINE_WEEKS)),
    // The Sunday before the promotion's first Monday.
    to: iso(new Date(first.getFullYear(), first.getMonth(), first.getDate() - 1)),
    weeks: BASELINE_WEEKS,
  }
}

/** Whether text is a real calendar date written YYYY-MM-DD (not 2027-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = parseISO(text)
  return isValid(date) && iso(date) === text
}

/** Whether text is an ISO date that starts a week (a Monday), e.g. `2027-03-01`. */
export function isWeekStart(text: string): boolean {
  return isIsoDate(text) && weekStartOf(text) === text
}
