import { addWeeks, formatISO, parseISO } from 'date-fns'

/** The Mondays of a plan's horizon: `count` weeks from `startWeek` (itself a Monday, checked by the schema). */
export function forecastWeeks(startWeek: string, count: number): string[] {
  const start = parseISO(startWeek)
  return Array.from({ length: count }, (_, i) => formatISO(addWeeks(start, i), { representation: 'date' }))
}
