import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { formatMoney } from '#app/lib/money.ts'
import {
  englishQuote,
  hebrewDescription,
  persianBuyer,
  persianDescriptions,
  persianQuote,
} from '#tests/support/pdf/fixtures.ts'
import { letters, pdfToText } from '#tests/support/pdf/pdf-test-tools.ts'
import type { PdfDocument } from './model.ts'
import { pdfToBuffer } from './pdf-buffer.server.ts'
import { renderDocumentPdf } from './render-document.server.ts'

const dir = mkdtempSync(join(tmpdir(), 'tandem-pdf-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Words on page 1 with their left edge (pdftotext -bbox lists right-to-left words in display order). */
async function wordPositions(doc: PdfDocument) {
  const file = join(dir, `${doc.locale}-${doc.number}.pdf`)
  writeFileSync(file, await pdfToBuffer(await renderDocumentPdf(doc)))
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']).toString('utf8')
  const words = new Map<string, number>()
  for (const [, x, word] of html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
    if (!words.has(word)) words.set(word, Number(x))
  }
  return words
}
const shown = (word: string) => [...word].reverse().join('')
const middle = 595.28 / 2

describe('a Persian quote', () => {
  const quote = persianQuote()
  let raw: string
  beforeAll(async () => {
    raw = pdfToText(await pdfToBuffer(await renderDocumentPdf(quote)))
  })

  test('comes out of pdftotext in logical order: parties, labels, Persian lines with Latin SKUs and numbers', () => {
    const lines = raw.split('\n').map((line) => line.replace(/[\u202a-\u202e]/g, '').trim())
    // Whole lines of Persian come back exactly as given (less the zero-width non-joiner pdftotext drops).
    for (const text of [persianBuyer, quote.seller.name, 'نصب و راه‌اندازی در محل', hebrewDescription]) {
      expect(lines).toContain(text.replaceAll('\u200c', ''))
    }
    // Mixed lines: the same letters, digits and words in the same order.
    const all = letters(raw)
    for (const text of [...persianDescriptions, 'پیش‌فاکتور', 'شرایط', 'قیمت‌ها تا ۳۰ روز معتبر است.']) {
      expect(all).toContain(letters(text))
    }
    for (const line of quote.lines) expect(all).toContain(line.sku)
    expect(all).toContain('Q-1403-0051')
    expect(all).toContain(letters('جمع کل'))
    expect(all).toContain(letters(formatMoney(quote.totals.total, 'IRR', 'fa')))
    expect(all).toContain(letters(`پذیرفته‌شده توسط${quote.acceptance?.signerName}`))
  })

  test('mirrors the layout: seller and descriptions on the right, title block and amounts on the left', async () => {
    const fa = await wordPositions(quote)
    expect(fa.get(shown('فناوران'))).toBeGreaterThan(middle)
    expect(fa.get(shown('شرح'))).toBeGreaterThan(middle)
    expect(fa.get('Q-1403-0051')).toBeLessThan(middle)
    expect(fa.get(shown('مبلغ'))).toBeLessThan(middle)
    const en = await wordPositions(englishQuote())
    expect(en.get('Northwind')).toBeLessThan(middle)
    expect(en.get('Description')).toBeLessThan(middle)
    expect(en.get('Q-2025-0107')).toBeGreaterThan(middle)
    expect(en.get('Amount')).toBeGreaterThan(middle)
  })
})
