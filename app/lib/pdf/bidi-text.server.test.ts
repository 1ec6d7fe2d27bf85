import PDFDocument from 'pdfkit'
import { describe, expect, test } from 'vitest'
import { inkRuns, letters, pdfToText, renderGray } from '#tests/support/pdf/pdf-test-tools.ts'
import { drawText, layoutText, type TextStyle } from './bidi-text.server.ts'
import { registerFonts } from './fonts.server.ts'
import { pdfToBuffer } from './pdf-buffer.server.ts'

const style: TextStyle = { font: 'regular', size: 12 }
const ALM = '\u061C'

function newDoc(size: [number, number] = [400, 300]) {
  const doc = new PDFDocument({ size, margin: 0 })
  registerFonts(doc)
  return doc
}

describe('layoutText', () => {
  test('left-to-right text is passed through for pdfkit to lay out as usual', () => {
    const [line] = layoutText(newDoc(), 'Invoice INV-7 (draft)', style, 300, 'rtl')
    expect(line).toMatchObject({ text: 'Invoice INV-7 (draft)', shaped: false })
  })

  test('a Persian line keeps its logical order, with the embedded numbers and Latin pre-reversed', () => {
    // fontkit reverses the whole shaped run, so what it receives is the logical text with LTR runs reversed.
    const [line] = layoutText(newDoc(), 'مدل SG-250 با ۲۴ پورت', style, 300, 'rtl')
    expect(line).toMatchObject({ text: 'مدل 052-GS با ۴۲ پورت', shaped: true })
  })

  test('a right-to-left line that starts with a Latin word gets an Arabic letter mark so fontkit reverses it', () => {
    const [line] = layoutText(newDoc(), 'SG-250 سوئیچ', style, 300, 'rtl')
    expect(line.text).toBe(`${ALM}SG-250 سوئیچ`.replace('SG-250', '052-GS'))
  })

  test('brackets are mirrored in right-to-left runs', () => {
    const [line] = layoutText(newDoc(), 'تحویل (به‌جز تعطیلات)', style, 300, 'rtl')
    expect(line.text).toBe('تحویل )به‌جز تعطیلات(')
  })

  test('wrapped right-to-left lines follow the logical order, first words on the first line', () => {
    const words = 'یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده'
    const lines = layoutText(newDoc(), words, style, 80, 'rtl')
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.map((line) => line.text).join(' ')).toBe(words)
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(80)
  })

  test('a word wider than the box is cut rather than overflowing', () => {
    const lines = layoutText(newDoc(), 'NW-VERY-LONG-PRODUCT-CODE-0001', style, 60, 'ltr')
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.map((line) => line.text).join('')).toBe('NW-VERY-LONG-PRODUCT-CODE-0001')
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(60)
  })
})

describe('drawn right-to-left text', () => {
  test('Hebrew and Persian come out of pdftotext in logical order', async () => {
    const doc = newDoc()
    const hebrew = 'שלום עולם'
    const persian = 'فروشگاه زنجیره‌ای آفتاب'
    const mixed = 'شعبه ۱۲ در Tehran Mall'
    ;[hebrew, persian, mixed].forEach((text, i) => {
      drawText(doc, text, style, { x: 20, y: 20 + i * 30, width: 360, direction: 'rtl' })
    })
    doc.end()
    const out = pdfToText(await pdfToBuffer(doc))
    const lines = out.split('\n').map((line) => line.replace(/[\u202a-\u202e]/g, '').trim())
    // Pure right-to-left lines come back exactly (pdftotext drops the zero-width non-joiner)…
    expect(lines).toContain(hebrew)
    expect(lines).toContain(persian.replace('\u200c', ''))
    // …mixed ones in the same order of letters, digits and words (pdftotext moves spaces at run borders).
    expect(lines.map(letters)).toContain(letters(mixed))
    expect(lines.map(letters)).not.toContain(letters('Tehran Mall در ۱۲ شعبه'))
  })

  test('Persian letters are joined, and the word reads right to left', async () => {
    // Proof without a human: the word سلام drawn by our layout, and the same letters drawn one by one (isolated
    // forms) with a gap, on one page rendered by pdftoppm. Columns holding ink form runs. Isolated, each letter is
    // its own run (4). Joined, س ل ا connect (ا never joins the letter after it), so there are exactly 2 runs, and
    // the wide joined part must be on the right and the lone م on the left. Unshaped or left-to-right drawing fails.
    const doc = newDoc([400, 200])
    const big: TextStyle = { font: 'regular', size: 48 }
    drawText(doc, 'سلام', big, { x: 20, y: 10, width: 360, direction: 'rtl' })
    doc.font('regular').fontSize(48)
    let x = 380
    for (const letter of ['س', 'ل', 'ا', 'م']) {
      x -= doc.widthOfString(letter) + 14
      doc.text(letter, x, 110, { lineBreak: false })
    }
    doc.end()
    const pdf = await pdfToBuffer(doc)
    const px = (pt: number) => Math.round((pt * 100) / 72)
    const joined = inkRuns(renderGray(pdf, { dpi: 100, x: 0, y: px(10), width: px(400), height: px(80) }))
    const isolated = inkRuns(renderGray(pdf, { dpi: 100, x: 0, y: px(110), width: px(400), height: px(80) }))
    expect(isolated).toHaveLength(4)
    expect(joined).toHaveLength(2)
    const [left, right] = joined.map(([start, end]) => end - start)
    expect(right).toBeGreaterThan(left * 1.5)
    const ink = (runs: [number, number][]) => runs.reduce((sum, [start, end]) => sum + end - start, 0)
    expect(ink(joined)).toBeLessThan(ink(isolated))
  })
})
