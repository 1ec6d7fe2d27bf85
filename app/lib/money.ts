/**
 * Money is an integer number of minor units plus an ISO 4217 currency (docs/architecture.md, “Who checks what”). This module is the one place
 * that computes line and document totals.
 *
 * Rounding (per line, half away from zero, in this order):
 *   gross    = quantity × unit price          (quantity has up to 3 decimals)
 *   discount = gross × discount rate
 *   net      = gross − discount
 *   tax      = net × tax rate
 *   total    = net + tax
 * A document's subtotal, tax and total are plain sums of its lines' rounded amounts, so the printed lines always
 * add up to the printed total; the tax breakdown per rate sums the lines' taxes for the same reason.
 * Arithmetic is done in BigInt; results must fit in a JavaScript safe integer or the call throws.
 */

export type Money = { amount: number; currency: string }

/** Basis points: 10000 = 100%. Discounts and tax rates are stored this way. */
export const BP = 10_000
const QTY_SCALE = 1000n

const exponents = new Map<string, number>()

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code })
    return true
  } catch {
    return false
  }
}

/** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, KWD 3. */
export function minorUnitExponent(currency: string): number {
  let exponent = exponents.get(currency)
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number
    exponents.set(currency, exponent)
  }
  return exponent
}

function toSafeNumber(value: bigint, what: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is too large`)
  return n
}

/** a / b rounded half away from zero, for b > 0. */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b
  const r = a % b
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n
  return q
}

/** Parses a decimal string exactly into an integer scaled by 10^digits; null when it has more digits or is not a number. */
export function parseScaledDecimal(input: string, digits: number): bigint | null {
  const match = /^\s*(-?)(\d*)(?:[.,](\d*))?\s*$/.exec(input)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null
  const [, sign, whole, fraction = ''] = match
  if (fraction.length > digits) return null
  const scaled = BigInt((whole || '0') + fraction.padEnd(digits, '0'))
  return sign ? -scaled : scaled
}

/** "12.5" USD → 1250. Null when the text is not an amount of that currency's precision. */
export function parseAmount(input: string, currency: string): number | null {
  // A tampered form's currency must read as "does not parse", not throw from Intl (a 500).
  if (!exponents.has(currency) && !isCurrencyCode(currency)) return null
  const scaled = parseScaledDecimal(input, minorUnitExponent(currency))
  if (scaled === null) return null
  const n = Number(scaled)
  return Number.isSafeInteger(n) ? n : null
}

/** An integer scaled by 10^digits as an exact decimal string: (1250, 2) → "12.50". */
export function scaledToString(value: number | bigint, digits: number): string {
  const negative = value < 0
  const text = String(negative ? -BigInt(value) : BigInt(value)).padStart(digits + 1, '0')
  const whole = text.slice(0, text.length - digits)
  const fraction = digits ? `.${text.slice(text.length - digits)}` : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** 1250 USD → "12.50" (exact; no floating point). */
export function toDecimalString(amount: number, currency: string): string {
  return scaledToString(amount, minorUnitExponent(currency))
}

// Building an Intl.NumberFormat costs far more than formatting with one (a third of a PDF's CPU): keep them.
const formatters = new Map<string, Intl.NumberFormat>()
function formatter(key: string, make: () => Intl.NumberFormat) {
  let format = formatters.get(key)
  if (!format) {
    format = make()
    formatters.set(key, format)
  }
  return format
}

/** Locale-aware display. Intl formats the decimal string exactly (it never sees a float). */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const format = formatter(
    `c:${locale}:${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
  )
  return format.format(toDecimalString(amount, currency) as unknown as number)
}

/** 2000 → "20%", 1250 → "12.5%". */
export function formatRate(bp: number, locale = 'en'): string {
  const format = formatter(
    `p:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
  )
  return format.format(scaledToString(bp, 4) as unknown as number)
}

/** Percent text with up to 2 decimals → basis points ("20" → 2000, "12.5%" → 1250); null when invalid. */
export function percentToBp(text: string): number | null {
  const bp = parseScaledDecimal(text.trim().replace(/%$/, ''), 2)
  if (bp === null || bp < 0n || bp > BigInt(BP)) return null
  return Number(bp)
}

/** Basis points as the shortest percent text that reads back the same: 2000 → "20", 1250 → "12.5". */
export function bpToPercent(bp: number): string {
  return scaledToString(bp, 2).replace(/\.?0+$/, '')
}

/** A quantity like "2", "0.5" or "1.250" in thousandths; null when it has more than 3 decimals. */
export function parseQuantity(input: string): bigint | null {
  return parseScaledDecimal(input, 3)
}

export type LineInput = { quantity: string; unitPrice: number; discountBp: number; taxRateBp: number }
export type LineAmounts = { gross: number; discount: number; net: number; tax: number; total: number }

export function lineAmounts(line: LineInput): LineAmounts {
  const quantity = parseQuantity(line.quantity)
  if (quantity === null) throw new RangeError(`Invalid quantity "${line.quantity}"`)
  if (!Number.isSafeInteger(line.unitPrice))
    throw new RangeError('Unit price must be an integer of minor units')
  if (!Number.isInteger(line.discountBp) || line.discountBp < 0 || line.discountBp > BP)
    throw new RangeError('Discount must be between 0 and 100%')
  if (!Number.isInteger(line.taxRateBp) || line.taxRateBp < 0 || line.taxRateBp > BP)
    throw new RangeError('Tax rate must be between 0 and 100%')
  const gross = divRound(quantity * BigInt(line.unitPrice), QTY_SCALE)
  const discount = divRound(gross * BigInt(line.discountBp), BigInt(BP))
  const net = gross - discount
  const tax = divRound(net * BigInt(line.taxRateBp), BigInt(BP))
  return {
    gross: toSafeNumber(gross, 'Line amount'),
    discount: toSafeNumber(discount, 'Line discount'),
    net: toSafeNumber(net, 'Line net amount'),
    tax: toSafeNumber(tax, 'Line tax'),
    total: toSafeNumber(net + tax, 'Line total'),
  }
}

export type TaxBreakdown = { rateBp: number; base: number; tax: number }
export type DocumentTotals = { subtotal: number; taxTotal: number; total: number; taxes: TaxBreakdown[] }

/** Sums lines already computed by lineAmounts (all in the document's one currency). */
export function documentTotals(
  lines: (Pick<LineAmounts, 'net' | 'tax' | 'total'> & { taxRateBp: number })[],
) {
  let subtotal = 0n
  let taxTotal = 0n
  const byRate = new Map<number, { base: bigint; tax: bigint }>()
  for (const line of lines) {
    subtotal += BigInt(line.net)
    taxTotal += BigInt(line.tax)
    const bucket = byRate.get(line.taxRateBp) ?? { base: 0n, tax: 0n }
    bucket.base += BigInt(line.net)
    bucket.tax += BigInt(line.tax)
    byRate.set(line.taxRateBp, bucket)
  }
  return {
    subtotal: toSafeNumber(subtotal, 'Subtotal'),
    taxTotal: toSafeNumber(taxTotal, 'Tax total'),
    total: toSafeNumber(subtotal + taxTotal, 'Total'),
    taxes: [...byRate.entries()]
      .sort(([a], [b]) => a - b)
      .map(([rateBp, { base, tax }]) => ({
        rateBp,
        base: toSafeNumber(base, 'Tax base'),
        tax: toSafeNumber(tax, 'Tax'),
      })),
  } satisfies DocumentTotals
}

/** Totals per currency: amounts of different currencies are never added together. */
export function sumByCurrency(items: Money[]): Money[] {
  const sums = new Map<string, bigint>()
  for (const { amount, currency } of items) sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(amount))
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount: toSafeNumber(amount, 'Sum') }))
}

/** Adds amounts that must share one currency; throws instead of mixing currencies. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new TypeError(`Cannot add ${a.currency} to ${b.currency}`)
  return { currency: a.currency, amount: toSafeNumber(BigInt(a.amount) + BigInt(b.amount), 'Sum') }
}
