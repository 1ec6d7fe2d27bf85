import {
  addMonths,
  differenceInCalendarDays,
  endOfMonth,
  format,
  getDaysInMonth,
  parseISO,
  startOfMonth,
  startOfQuarter,
} from 'date-fns'

export const calendarViews = ['month', 'quarter'] as const
export type CalendarView = (typeof calendarViews)[number]

const iso = (d: Date) => format(d, 'yyyy-MM-dd')
const month = (d: Date) => format(d, 'yyyy-MM')

/**
 * The days a calendar shows: a month, or the calendar quarter holding `start` (YYYY-MM, default: today's month),
 * with the months inside it (for headings) and where previous, next and today lead.
 */
export function calendarRange(view: CalendarView, start: string | null | undefined, today: string) {
  const wanted = start && /^\d{4}-(0[1-9]|1[0-2])$/.test(start) ? parseISO(`${start}-01`) : parseISO(today)
  const first = view === 'quarter' ? startOfQuarter(wanted) : startOfMonth(wanted)
  const count = view === 'quarter' ? 3 : 1
  const last = endOfMonth(addMonths(first, count - 1))
  const months = Array.from({ length: count }, (_, i) => {
    const m = addMonths(first, i)
    return { key: month(m), startDay: differenceInCalendarDays(m, first), days: getDaysInMonth(m) }
  })
  return {
    view,
    start: month(first),
    from: iso(first),
    to: iso(last),
    days: differenceInCalendarDays(last, first) + 1,
    months,
    prev: month(addMonths(first, -count)),
    next: month(addMonths(first, count)),
    today: month(view === 'quarter' ? startOfQuarter(parseISO(today)) : parseISO(today)),
  }
}
export type CalendarRange = ReturnType<typeof calendarRange>

/** Day number (0-based) of `date` in the range, clamped to it. */
export function dayOf(range: Pick<CalendarRange, 'from' | 'days'>, date: string) {
  const d = differenceInCalendarDays(parseISO(date), parseISO(range.from))
  return Math.min(Math.max(d, 0), range.days - 1)
}

type Item = { id: string; name: string; startsOn: string; endsOn: string }

/**
 * One partner's lane: each promotion gets the first row where it does not touch an earlier one, so overlapping
 * bars stack instead of hiding each other.
 */
export function layoutLane<T extends Item>(items: T[]): { items: (T & { row: number })[]; rows: number } {
  const sorted = [...items].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.name.localeCompare(b.name),
  )
  const rowEnds: string[] = []
  const laid = sorted.map((item) => {
    let row = rowEnds.findIndex((end) => end < item.startsOn)
    if (row === -1) row = rowEnds.length
    rowEnds[row] = item.endsOn
    return { ...item, row }
  })
  return { items: laid, rows: Math.max(rowEnds.length, 1) }
}
