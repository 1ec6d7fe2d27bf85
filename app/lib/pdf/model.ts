/**
 * What the PDF renderers draw: plain data, already authorized and totalled by the services (amounts are integer
 * minor units computed by app/lib/money.ts; the renderer formats but never recomputes them).
 */

export type PdfParty = {
  name: string
  /** Address, tax id, customer code… one printed line each. */
  lines: string[]
}

export type PdfLine = {
  position: number
  sku: string
  description: string
  /** Decimal string, up to 3 decimals. */
  quantity: string
  unit: string
  unitPrice: number
  discountBp: number
  taxRateBp: number
  /** Net of discount, before tax. */
  net: number
  tax: number
  total: number
  /** Quotes only: an optional line, and whether the customer ticked it. */
  optional?: boolean
  selected?: boolean
}

export type PdfTotals = {
  subtotal: number
  taxes: { rateBp: number; base: number; tax: number }[]
  taxTotal: number
  total: number
  /** Invoices: payments received and what is left to pay. */
  amountPaid?: number
  balanceDue?: number
}

export type PdfAcceptance = {
  signerName: string
  /** ISO timestamp. */
  signedAt: string
  ip: string | null
  userAgent: string | null
  kind: 'drawn' | 'typed'
  /** Typed: the text. Drawn: SVG path data (`M x y L x y …`) in a 600×200 box. */
  signature: string
}

export type PdfDocument = {
  kind: 'quote' | 'invoice'
  /** Language of the labels and the direction of the layout ('fa', 'he' → right to left). */
  locale: string
  /** Null for a draft (printed as DRAFT). */
  number: string | null
  revision?: number
  /** Printed status (e.g. "Accepted", "Paid", "Void"), already translated; omitted when nothing to say. */
  statusLabel?: string
  currency: string
  /** ISO dates (YYYY-MM-DD). Quotes: issueDate = sent date, validUntil. Invoices: issueDate, dueDate. */
  issueDate: string | null
  validUntil?: string | null
  dueDate?: string | null
  seller: PdfParty
  buyer: PdfParty
  lines: PdfLine[]
  totals: PdfTotals
  terms?: string
  notes?: string
  /** Invoices: how to pay (bank, reference). */
  paymentDetails?: string[]
  /** Accepted quotes: the signature block. */
  acceptance?: PdfAcceptance
}

export const agingBuckets = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const
export type AgingBucket = (typeof agingBuckets)[number]

export type PdfStatementRow = {
  number: string
  issueDate: string
  dueDate: string
  currency: string
  total: number
  paid: number
  balance: number
  /** 0 when not yet due. */
  daysOverdue: number
  bucket: AgingBucket
}

export type PdfStatement = {
  locale: string
  /** ISO date the statement is as of. */
  asOf: string
  seller: PdfParty
  buyer: PdfParty
  /** Open invoices, oldest first. */
  rows: PdfStatementRow[]
  /** One aging summary per currency (amounts of different currencies are never added together). */
  aging: { currency: string; buckets: Record<AgingBucket, number>; total: number }[]
}
