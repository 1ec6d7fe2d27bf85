import { addDays } from '#app/lib/dates.ts'
import { documentTotals, lineAmounts } from '#app/lib/money.ts'
import {
  type AgingBucket,
  agingBuckets,
  type PdfDocument,
  type PdfLine,
  type PdfStatement,
} from '#app/lib/pdf/model.ts'

/**
 * Sample documents for the PDF tests, the benchmark and sample renders. Totals are computed with app/lib/money.ts
 * the way the services compute them; the renderers only print them.
 */

type LineSeed = Omit<PdfLine, 'position' | 'net' | 'tax' | 'total'>

function lines(seeds: LineSeed[]): PdfLine[] {
  return seeds.map((seed, i) => ({ ...seed, position: i + 1, ...lineAmounts(seed) }))
}

/** Unticked optional lines are printed but not counted. */
function totalsOf(all: PdfLine[]) {
  return documentTotals(all.filter((line) => !line.optional || line.selected))
}

const seller = {
  name: 'Northwind Components GmbH',
  lines: ['Hafenstraße 12, 20457 Hamburg, Germany', 'VAT DE 294 117 853', 'billing@northwind.example'],
}
const buyer = {
  name: 'Blue Harbor Retail Ltd',
  lines: ['14 Quay Street, Bristol BS1 4DJ, United Kingdom', 'Customer no. C-10442'],
}

const catalogue: LineSeed[] = [
  {
    sku: 'NW-SRV-42U',
    description: 'Server rack 42U, steel, with side panels and lockable front door',
    quantity: '2',
    unit: 'pcs',
    unitPrice: 89_900,
    discountBp: 500,
    taxRateBp: 1900,
  },
  {
    sku: 'NW-PDU-16A',
    description: 'Power distribution unit 16 A, 8 outlets',
    quantity: '4',
    unit: 'pcs',
    unitPrice: 12_450,
    discountBp: 0,
    taxRateBp: 1900,
  },
  {
    sku: 'NW-CAB-CAT6-3',
    description: 'Patch cable Cat6, 3 m, grey',
    quantity: '120',
    unit: 'pcs',
    unitPrice: 349,
    discountBp: 1000,
    taxRateBp: 1900,
  },
  {
    sku: 'NW-INST-HR',
    description: 'Installation and cabling on site',
    quantity: '12.5',
    unit: 'h',
    unitPrice: 8_500,
    discountBp: 0,
    taxRateBp: 700,
  },
]

/** A sample drawn signature: straight strokes in the 600×200 box, as the accept form records them. */
export function sampleSignaturePath(): string {
  const points: string[] = []
  for (let i = 0; i <= 60; i++) {
    const x = 40 + i * 8.5
    const y = 120 - Math.sin(i / 3.2) * 45 * Math.exp(-i / 70) - (i > 45 ? (i - 45) * 2 : 0)
    points.push(`${i === 0 ? 'M' : 'L'} ${x.toFixed(1)} ${y.toFixed(1)}`)
  }
  points.push('M 60 160 L 300 150 L 520 158')
  return points.join(' ')
}

export function englishQuote(options: { accepted?: 'drawn' | 'typed'; draft?: boolean } = {}): PdfDocument {
  const all = lines([
    ...catalogue,
    {
      sku: 'NW-SUP-3Y',
      description: 'Extended support, 3 years',
      quantity: '1',
      unit: '',
      unitPrice: 45_000,
      discountBp: 0,
      taxRateBp: 1900,
      optional: true,
      selected: options.accepted !== undefined,
    },
    {
      sku: 'NW-KVM-8',
      description: 'KVM switch, 8 ports',
      quantity: '1',
      unit: 'pcs',
      unitPrice: 31_000,
      discountBp: 0,
      taxRateBp: 1900,
      optional: true,
      selected: false,
    },
  ])
  return {
    kind: 'quote',
    locale: 'en',
    number: options.draft ? null : 'Q-2025-0107',
    revision: options.draft ? 1 : 2,
    statusLabel: options.accepted ? 'Accepted' : options.draft ? undefined : 'Sent',
    currency: 'EUR',
    issueDate: options.draft ? null : '2025-03-04',
    validUntil: options.draft ? null : '2025-04-03',
    seller,
    buyer,
    lines: all,
    totals: totalsOf(all),
    terms:
      'Prices exclude shipping. Delivery within 3 weeks of acceptance. Payment 30 days net from invoice.',
    acceptance: options.accepted
      ? {
          signerName: 'Eleanor Whitfield',
          signedAt: '2025-03-06T14:32:05Z',
          ip: '203.0.113.24',
          userAgent:
            'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
          kind: options.accepted,
          signature: options.accepted === 'drawn' ? sampleSignaturePath() : 'Eleanor Whitfield',
        }
      : undefined,
  }
}

const invoiceItems: [string, string][] = [
  ['RK-42U', 'Server rack 42U'],
  ['PDU-16A', 'PDU 16 A, 8 outlets'],
  ['CAB-C6-3', 'Patch cable Cat6, 3 m'],
  ['INST-HR', 'Installation on site'],
  ['CMA-1U', 'Cable arm, 1U'],
  ['SHF-1U', 'Rack shelf, 1U'],
  ['BLK-SET', 'Blanking panel set'],
  ['NUT-M6', 'Cage nuts M6 (50)'],
]

/** An invoice of `count` lines (cycling through the catalogue), part paid. */
export function englishInvoice(count = 4): PdfDocument {
  const all = lines(
    Array.from({ length: count }, (_, i) => {
      const seed = catalogue[i % catalogue.length]
      const [sku, name] = invoiceItems[i % invoiceItems.length]
      return { ...seed, sku, description: `${name}, batch ${Math.floor(i / invoiceItems.length) + 1}` }
    }),
  )
  const totals = totalsOf(all)
  const amountPaid = Math.round(totals.total / 4)
  return {
    kind: 'invoice',
    locale: 'en',
    number: 'INV-2025-0042',
    revision: 1,
    statusLabel: 'Partly paid',
    currency: 'EUR',
    issueDate: '2025-03-10',
    dueDate: '2025-04-09',
    seller,
    buyer,
    lines: all,
    totals: { ...totals, amountPaid, balanceDue: totals.total - amountPaid },
    terms: 'Payment 30 days net. Late payments accrue interest at 9 percentage points above the base rate.',
    paymentDetails: [
      'Hamburger Sparkasse',
      'IBAN DE89 3704 0044 0532 0130 00 · BIC HASPDEHHXXX',
      'Reference INV-2025-0042',
    ],
  }
}

export const persianBuyer = 'فروشگاه زنجیره‌ای آفتاب'
/** Short enough for one table line each, so text extraction sees each as one run. */
export const persianDescriptions = [
  'کابل شبکه Cat6 طول ۳ متر',
  'سوئیچ ۲۴ پورت مدل SG-250',
  'نصب و راه‌اندازی در محل',
]
export const hebrewDescription = 'מתאם חשמל אוניברסלי'

export function persianQuote(): PdfDocument {
  const all = lines([
    {
      sku: 'NET-CAT6-3M',
      description: persianDescriptions[0],
      quantity: '40',
      unit: 'عدد',
      unitPrice: 450_000,
      discountBp: 0,
      taxRateBp: 1000,
    },
    {
      sku: 'SG-250-24',
      description: persianDescriptions[1],
      quantity: '2',
      unit: 'عدد',
      unitPrice: 38_500_000,
      discountBp: 500,
      taxRateBp: 1000,
    },
    {
      sku: 'SRV-INST',
      description: persianDescriptions[2],
      quantity: '6',
      unit: 'ساعت',
      unitPrice: 2_800_000,
      discountBp: 0,
      taxRateBp: 1000,
    },
    {
      sku: 'IL-PWR-01',
      description: hebrewDescription,
      quantity: '3',
      unit: 'عدد',
      unitPrice: 1_200_000,
      discountBp: 0,
      taxRateBp: 1000,
      optional: true,
      selected: true,
    },
  ])
  return {
    kind: 'quote',
    locale: 'fa',
    number: 'Q-1403-0051',
    revision: 1,
    statusLabel: 'پذیرفته‌شده',
    currency: 'IRR',
    issueDate: '2025-03-04',
    validUntil: '2025-04-03',
    seller: {
      name: 'شرکت فناوران شبکه پارس',
      lines: ['تهران، خیابان ولیعصر، پلاک ۱۲۰', 'شناسه ملی ۱۰۱۰۳۴۵۶۷۸۹'],
    },
    buyer: { name: persianBuyer, lines: ['اصفهان، خیابان چهارباغ', 'کد مشتری C-2044'] },
    lines: all,
    totals: totalsOf(all),
    terms: 'قیمت‌ها تا ۳۰ روز معتبر است. تحویل حداکثر ۱۰ روز کاری پس از پذیرش (به‌جز تعطیلات).',
    acceptance: {
      signerName: 'مریم احمدی',
      signedAt: '2025-03-05T09:15:00Z',
      ip: '198.51.100.7',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0',
      kind: 'typed',
      signature: 'مریم احمدی',
    },
  }
}

const bucketFor = (days: number): AgingBucket =>
  days <= 0 ? 'current' : days <= 30 ? 'd1_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'd90_plus'

/** A statement with `count` open invoices spread over the given currencies, with its aging per currency. */
export function statement(count: number, currencies = ['EUR', 'USD'], locale = 'en'): PdfStatement {
  const asOf = '2025-06-30'
  const rows = Array.from({ length: count }, (_, i) => {
    const currency = currencies[i % currencies.length]
    const issueDate = addDays('2024-01-02', Math.floor((i * 540) / Math.max(count, 1)))
    const dueDate = addDays(issueDate, 30)
    const daysOverdue = Math.max(0, Math.round((Date.parse(asOf) - Date.parse(dueDate)) / 86_400_000))
    const total = 10_000 + ((i * 7919) % 250_000)
    const paid = i % 3 === 0 ? Math.floor(total / 2) : 0
    return {
      number: `INV-${issueDate.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`,
      issueDate,
      dueDate,
      currency,
      total,
      paid,
      balance: total - paid,
      daysOverdue,
      bucket: bucketFor(daysOverdue),
    }
  })
  const aging = currencies.map((currency) => {
    const buckets = Object.fromEntries(agingBuckets.map((b) => [b, 0])) as Record<AgingBucket, number>
    let total = 0
    for (const row of rows) {
      if (row.currency !== currency) continue
      buckets[row.bucket] += row.balance
      total += row.balance
    }
    return { currency, buckets, total }
  })
  return { locale, asOf, seller, buyer, rows, aging }
}
