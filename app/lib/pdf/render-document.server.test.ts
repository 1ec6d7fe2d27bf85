import { beforeAll, describe, expect, test } from 'vitest'
import { formatMoney } from '#app/lib/money.ts'
import { englishInvoice, englishQuote } from '#tests/support/pdf/fixtures.ts'
import { pdfPages, pdfToText } from '#tests/support/pdf/pdf-test-tools.ts'
import type { PdfDocument } from './model.ts'
import { pdfToBuffer } from './pdf-buffer.server.ts'
import { renderDocumentPdf } from './render-document.server.ts'

async function render(doc: PdfDocument) {
  return pdfToBuffer(await renderDocumentPdf(doc))
}

/** Raw extraction joins a wrapped cell's lines with newlines; compare with single spaces. */
function flat(text: string) {
  return text.replace(/\s+/g, ' ')
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A label and its value on one line of the page (layout extraction keeps the page's rows). */
function expectPair(layoutText: string, label: string, value: string) {
  expect(layoutText).toMatch(new RegExp(`${escapeRegExp(label)}[ \\t]+${escapeRegExp(value)}`))
}

describe('an accepted English quote with a drawn signature', () => {
  const quote = englishQuote({ accepted: 'drawn' })
  let pdf: Buffer
  let text: string
  let layout: string
  beforeAll(async () => {
    pdf = await render(quote)
    text = flat(pdfToText(pdf))
    layout = pdfToText(pdf, { layout: true })
  })

  test('is a one-page PDF', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdfPages(pdf)).toHaveLength(1)
  })

  test('prints the number, parties, lines and the total as given', () => {
    expect(text).toContain('Quote')
    expect(text).toContain('Q-2025-0107')
    expect(text).toContain('Revision 2')
    expect(text).toContain(quote.seller.name)
    expect(text).toContain(quote.buyer.name)
    for (const line of quote.lines) {
      expect(text).toContain(line.description)
      expect(text).toContain(line.sku)
    }
    expect(text).toContain(formatMoney(quote.totals.total, 'EUR', 'en'))
    expect(text).toContain(formatMoney(quote.totals.subtotal, 'EUR', 'en'))
    expectPair(layout, 'Date', 'Mar 4, 2025')
    expectPair(layout, 'Valid until', 'Apr 3, 2025')
    expectPair(layout, 'Total', formatMoney(quote.totals.total, 'EUR', 'en'))
  })

  test('marks optional lines and whether they were ticked', () => {
    // In the description cell, under the description.
    expect(layout).toMatch(/Extended support, 3 years[^\n]*\n\s*Optional · Included/)
    expect(layout).toMatch(/KVM switch, 8 ports[^\n]*\n\s*Optional · Not included/)
  })

  test('prints the tax breakdown per rate', () => {
    for (const tax of quote.totals.taxes) {
      const money = (amount: number) => formatMoney(amount, 'EUR', 'en')
      expectPair(layout, `Tax ${tax.rateBp / 100}% on ${money(tax.base)}`, money(tax.tax))
    }
  })

  test('has the signature block: signer, time in the locale, IP and device', () => {
    expect(text).toContain('Accepted by Eleanor Whitfield')
    expectPair(layout, 'Signed at', 'Mar 6, 2025, 2:32:05 PM UTC')
    expectPair(layout, 'IP address', '203.0.113.24')
    expectPair(layout, 'Device', 'Mozilla/5.0')
  })
})

describe('other quotes', () => {
  test('a draft prints DRAFT instead of a number, and no signature block', async () => {
    const text = flat(pdfToText(await render(englishQuote({ draft: true }))))
    expect(text).toContain('DRAFT')
    expect(text).not.toContain('Q-2025-0107')
    expect(text).not.toContain('Accepted by')
  })

  test('a typed signature is printed as text', async () => {
    const text = flat(pdfToText(await render(englishQuote({ accepted: 'typed' }))))
    expect(text.match(/Eleanor Whitfield/g)).toHaveLength(2)
  })

  test('totals are printed as received, never recomputed', async () => {
    const quote = englishQuote()
    const text = flat(pdfToText(await render({ ...quote, totals: { ...quote.totals, total: 1_234_567 } })))
    expect(text).toContain('€12,345.67')
    expect(text).not.toContain(formatMoney(quote.totals.total, 'EUR', 'en'))
  })
})

describe('invoices', () => {
  test('show the due date, amount paid and balance due; 20 short lines fit on one page', async () => {
    const invoice = englishInvoice(20)
    const pdf = await render(invoice)
    const text = flat(pdfToText(pdf))
    const layout = pdfToText(pdf, { layout: true })
    expect(text).toContain('Invoice')
    expect(text).toContain('INV-2025-0042')
    expectPair(layout, 'Due date', 'Apr 9, 2025')
    expectPair(layout, 'Total', formatMoney(invoice.totals.total, 'EUR', 'en'))
    expectPair(layout, 'Amount paid', formatMoney(invoice.totals.amountPaid as number, 'EUR', 'en'))
    expectPair(layout, 'Balance due', formatMoney(invoice.totals.balanceDue as number, 'EUR', 'en'))
    expect(layout).toMatch(/Payment details[^\n]*\n\s*Hamburger Sparkasse/)
    expect(pdfPages(pdf)).toHaveLength(1)
  })

  test('a 60-line invoice breaks across pages with the header repeated and "Page X of N" on each', async () => {
    const invoice = englishInvoice(60)
    const pages = pdfPages(await render(invoice))
    expect(pages.length).toBeGreaterThanOrEqual(2)
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`)
    })
    // Every page with lines starts them under the column headers.
    const withLines = pages.filter((page) => /, batch \d+/.test(page))
    expect(withLines.length).toBeGreaterThanOrEqual(2)
    for (const page of withLines) {
      expect(page).toMatch(/SKU\s+Description\s+Qty\s+Unit price\s+Discount\s+Tax %\s+Amount/)
    }
    const all = flat(pages.join(' '))
    for (const line of invoice.lines) expect(all).toContain(` ${line.position} ${line.sku} `)
    expect(all).toContain(formatMoney(invoice.totals.balanceDue as number, 'EUR', 'en'))
  })
})
