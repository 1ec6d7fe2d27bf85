// Figures of the co-forecast pages in the reader's language: units, signed deltas, shares as percentages.

export function formatUnits(value: number | null, language: string) {
  return value === null ? '—' : new Intl.NumberFormat(language).format(value)
}

export function formatDelta(value: number, language: string) {
  return new Intl.NumberFormat(language, { signDisplay: 'exceptZero' }).format(value)
}

/** A ratio (0.125) as a percentage (12.5 %); `signed` shows + on gains. */
export function formatShare(ratio: number | null, language: string, signed = false) {
  if (ratio === null) return '—'
  return new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(ratio)
}

/** Basis points (2857) as a percentage (28.6 %). */
export function formatBp(bp: number, language: string) {
  return formatShare(bp / 10000, language)
}
