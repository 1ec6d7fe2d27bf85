import { documentTotals, type LineAmounts, lineAmounts } from '#app/lib/money.ts'
import type { PricedLineInput } from './line-schema.ts'

export type PricedLine = PricedLineInput & Pick<LineAmounts, 'net' | 'tax' | 'total'>

/** Prices lines with the money module; the stored amounts are exactly what PDFs and lists show. */
export function priceLines(lines: PricedLineInput[]): PricedLine[] {
  return lines.map((line) => {
    const { net, tax, total } = lineAmounts(line)
    return { ...line, net, tax, total }
  })
}

/**
 * Totals of the lines that count: required lines, plus optional ones only when `selected` (a quote's customer
 * ticked them). Draft totals count required lines only.
 */
export function totalsOf(
  lines: (Pick<PricedLine, 'net' | 'tax' | 'total' | 'taxRateBp' | 'optional'> & {
    selected?: boolean
  })[],
) {
  return documentTotals(lines.filter((l) => !l.optional || l.selected === true))
}
