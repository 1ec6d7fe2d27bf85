import type { TFunction } from 'i18next'
import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import { formatMoney, formatRate } from '#app/lib/money.ts'

/** Labels and locale formatting for one PDF. */
export type PdfText = {
  t: TFunction
  locale: string
  money: (amount: number, currency: string) => string
  rate: (bp: number) => string
  /** A YYYY-MM-DD calendar date (fa: Persian calendar, as Intl does by default). */
  date: (isoDate: string) => string
  /** An ISO timestamp, shown in UTC with its zone so it is unambiguous. */
  dateTime: (iso: string) => string
  /** Integers and decimal quantity strings in the locale's digits. */
  number: (value: number | string) => string
}

// One per locale for the life of the process: creating an i18next instance or an Intl formatter costs more than
// drawing a page of text.
const cache = new Map<string, Promise<PdfText>>()

export function pdfText(locale: string): Promise<PdfText> {
  let text = cache.get(locale)
  if (!text) {
    text = create(locale)
    cache.set(locale, text)
    text.catch(() => cache.delete(locale))
  }
  return text
}

async function create(locale: string): Promise<PdfText> {
  const t = await getFixedT(locale, 'documents')
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const times = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
    timeZone: 'UTC',
  })
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })
  return {
    t,
    locale,
    money: (amount, currency) => formatMoney(amount, currency, locale),
    rate: (bp) => formatRate(bp, locale),
    date: (isoDate) => dates.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso) => times.format(new Date(iso)),
    // Intl formats a decimal string exactly; it never becomes a float.
    number: (value) => numbers.format(value as number),
  }
}
