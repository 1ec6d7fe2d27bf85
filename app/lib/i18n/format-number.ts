import type { FormatFunction } from 'i18next'

// Building an Intl.NumberFormat costs far more than using one; keep one per locale and style.
const cache = new Map<string, Intl.NumberFormat>()

function numberFormat(locale: string, grouping: boolean, fractionDigits?: number): Intl.NumberFormat {
  const key = `${locale}|${grouping}|${fractionDigits ?? ''}`
  let format = cache.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      useGrouping: grouping,
      ...(fractionDigits === undefined
        ? { maximumFractionDigits: 20 }
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
    })
    cache.set(key, format)
  }
  return format
}

/** A number in the reader's digits: "30" in English, "۳۰" in Persian. */
export function formatNumber(
  value: number,
  locale = 'en',
  options: { fractionDigits?: number } = {},
): string {
  return numberFormat(locale, true, options.fractionDigits).format(value)
}

/**
 * i18next's interpolation formatter (with `alwaysFormat`): every number put into a translation is written in the
 * language's digits. A bare `{{n}}` keeps its digits ungrouped (it may be a year or a version); `{{n, number}}`
 * groups thousands.
 */
export const formatInterpolation: FormatFunction = (value: unknown, format, lng) => {
  // Anything but a number (strings, already formatted money and dates) passes through as it came.
  if (typeof value !== 'number' || !Number.isFinite(value)) return value as string
  const locale = lng && lng !== 'cimode' ? lng : 'en'
  return numberFormat(locale, format === 'number').format(value)
}
