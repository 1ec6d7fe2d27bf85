import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { formatMoney } from '#app/lib/money.ts'
import { englishQuote } from '#tests/support/pdf/fixtures.ts'
import { letters, pdfToText } from '#tests/support/pdf/pdf-test-tools.ts'
import { fontCovers, fontNames } from './fonts.server.ts'
import type { PdfDocument } from './model.ts'
import { pdfToBuffer } from './pdf-buffer.server.ts'
import { renderDocumentPdf } from './render-document.server.ts'

const buyerName = 'חנויות כרמל בע״מ'
const descriptions = ['מדף תצוגה מתכתי', 'מתאם חשמל אוניברסלי', 'התקנה באתר הלקוח']

/** The English sample quote, addressed to an Israeli customer and labelled in Hebrew. */
function hebrewQuote(): PdfDocument {
  const base = englishQuote({ accepted: 'typed' })
  return {
    ...base,
    locale: 'he',
    statusLabel: 'אושרה',
    buyer: { name: buyerName, lines: ['רחוב הרצל 10, חיפה', 'מספר לקוח C-3107'] },
    lines: base.lines.map((line, i) => ({ ...line, description: descriptions[i % descriptions.length] })),
    terms: 'המחירים אינם כוללים משלוח. אספקה תוך 3 שבועות מהאישור.',
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tandem-pdf-he-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a Hebrew quote', () => {
  const quote = hebrewQuote()
  let pdf: Buffer
  let raw: string
  beforeAll(async () => {
    pdf = await pdfToBuffer(await renderDocumentPdf(quote))
    raw = pdfToText(pdf)
  })

  test('every PDF font has Hebrew glyphs', () => {
    for (const name of fontNames) expect(fontCovers(name, `${buyerName}${descriptions.join('')}`)).toBe(true)
  })

  test('comes out of pdftotext with Hebrew labels, names and descriptions in logical order', () => {
    const lines = raw.split('\n').map((line) => line.replace(/[\u202a-\u202e]/g, '').trim())
    expect(lines).toContain(buyerName)
    for (const text of descriptions) expect(lines).toContain(text)
    const all = letters(raw)
    for (const label of ['הצעת מחיר', 'תיאור', 'סה״כ', 'תנאים', 'אושר על ידי'])
      expect(all).toContain(letters(label))
    for (const line of quote.lines) expect(all).toContain(line.sku)
    expect(all).toContain('Q-2025-0107')
    // Hebrew keeps Western digits.
    expect(all).toContain(letters(formatMoney(quote.totals.total, quote.currency, 'he')))
  })

  test('mirrors the layout: the customer on the right, the number on the left', () => {
    const file = join(dir, 'he.pdf')
    writeFileSync(file, pdf)
    const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']).toString('utf8')
    const left = (word: string) => {
      const match = [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].find(
        ([, , w]) => w === word,
      )
      return match ? Number(match[1]) : Number.NaN
    }
    const middle = 595.28 / 2
    // pdftotext -bbox lists right-to-left words in display order, so a Hebrew word reads reversed.
    expect(left([...'כרמל'].reverse().join(''))).toBeGreaterThan(middle)
    expect(left('Q-2025-0107')).toBeLessThan(middle)
  })
})
