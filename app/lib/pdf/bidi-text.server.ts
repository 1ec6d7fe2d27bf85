import bidiFactory, { type EmbeddingLevels } from 'bidi-js'
import type { FontName } from './fonts.server.ts'

/**
 * Every piece of text in a PDF goes through here: wrapping, then bidi so Persian, Hebrew and mixed lines come out
 * right with pdfkit 0.20 + fontkit 2 (FIELD-NOTES.md, "Right-to-left text in pdfkit"):
 * - Text without right-to-left letters is drawn as is (pdfkit's per-word layout cache keeps that fast).
 * - Otherwise the line is reordered for display with the Unicode bidi algorithm (brackets mirrored) and then
 *   reversed, because with `features: []` fontkit shapes the whole line at once and reverses it when its first
 *   letter is from a right-to-left script. What fontkit receives is therefore the logical text with its embedded
 *   left-to-right runs (numbers, Latin) pre-reversed, so Arabic letters join and the reversal restores display
 *   order. U+061C (Arabic letter mark, drawn as nothing) is put first when the string would otherwise start with
 *   a Latin letter, so fontkit still reverses it.
 * - We wrap ourselves and draw each line without pdfkit's wrapper, which would re-split and reorder words.
 */

export type Direction = 'ltr' | 'rtl'
/** Start/end follow the direction: start is the left edge in left-to-right layouts and the right edge otherwise. */
export type Align = 'start' | 'end' | 'center'
export type TextStyle = { font: FontName; size: number; color?: string }
/** One wrapped line: `text` is the string pdfkit draws, `shaped` whether it needs `features: []`. */
export type TextLine = { text: string; width: number; shaped: boolean }
export type TextBox = { x: number; y: number; width: number; align?: Align; direction: Direction }

const bidi = bidiFactory()
const ALM = '\u061C'
const rtlScript =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u
const scripted = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u
// Their work is done once the line is reordered; fontkit would only draw them as zero-width spaces.
const directionMarks = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
const lineBreaks = /\r?\n/
// fitStyle scales text to exactly the box width; rounding must not then wrap it.
const fitTolerance = 0.01
const words = /[^ \t]+/g

export function lineHeightOf(style: TextStyle): number {
  return style.size * 1.3
}

export function applyStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size)
  setFill(doc, style.color ?? '#111827')
}

// pdfkit writes a colour operator on every fillColor call; a statement sets the same colour thousands of times.
const fills = new WeakMap<PDFKit.PDFDocument, string>()

/** Sets the fill colour unless it is already current on this page. */
export function setFill(doc: PDFKit.PDFDocument, color: string): void {
  if (fills.get(doc) === color) return
  doc.fillColor(color)
  fills.set(doc, color)
}

/** Call when the page changes: a new page starts with the default colour. */
export function forgetFill(doc: PDFKit.PDFDocument): void {
  fills.delete(doc)
}

/** Width of text on one line in a style. */
export function textWidth(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  applyStyle(doc, style)
  return measure(doc, text)
}

/** Width of a piece of logical text in the current font, shaped as it will be drawn. */
function measure(doc: PDFKit.PDFDocument, text: string): number {
  return rtlScript.test(text) ? doc.widthOfString(ALM + text, { features: [] }) : doc.widthOfString(text)
}

/** Reverses UTF-16 text, keeping surrogate pairs in order. */
function reverse(text: string): string {
  let out = ''
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i)
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const high = text.charCodeAt(i - 1)
      if (high >= 0xd800 && high <= 0xdbff) {
        out += text[i - 1] + text[i]
        i--
        continue
      }
    }
    out += text[i]
  }
  return out
}

/** [start, end) ranges of the lines a paragraph wraps into. */
function wrap(doc: PDFKit.PDFDocument, paragraph: string, width: number): [number, number][] {
  const ranges: [number, number][] = []
  const space = doc.widthOfString(' ')
  let lineStart = -1
  let lineEnd = 0
  let lineWidth = 0
  for (const match of paragraph.matchAll(words)) {
    const start = match.index as number
    const end = start + match[0].length
    const wordWidth = measure(doc, match[0])
    if (lineStart >= 0 && lineWidth + space + wordWidth <= width + fitTolerance) {
      lineEnd = end
      lineWidth += space + wordWidth
      continue
    }
    if (lineStart >= 0) ranges.push([lineStart, lineEnd])
    lineStart = start
    lineEnd = end
    lineWidth = wordWidth
    if (wordWidth <= width + fitTolerance) continue
    // A word wider than the box (a long SKU or URL) is cut between characters.
    let pieceStart = start
    let i = start
    while (i < end) {
      const next = i + ((paragraph.codePointAt(i) as number) > 0xffff ? 2 : 1)
      if (i > pieceStart && measure(doc, paragraph.slice(pieceStart, next)) > width + fitTolerance) {
        ranges.push([pieceStart, i])
        pieceStart = i
      }
      i = next
    }
    lineStart = pieceStart
    lineWidth = measure(doc, paragraph.slice(pieceStart, end))
  }
  if (lineStart >= 0) ranges.push([lineStart, lineEnd])
  return ranges
}

function plainLine(doc: PDFKit.PDFDocument, text: string): TextLine {
  return { text, width: doc.widthOfString(text), shaped: false }
}

/** The string fontkit must receive for one line of a paragraph containing right-to-left letters. */
function bidiLine(
  doc: PDFKit.PDFDocument,
  paragraph: string,
  levels: EmbeddingLevels,
  start: number,
  end: number,
): TextLine {
  const mirrored = bidi.getMirroredCharactersMap(paragraph, levels.levels, start, end - 1)
  let visual = ''
  // The indices cover the whole paragraph; only this line's slice is reordered.
  const order = bidi.getReorderedIndices(paragraph, levels, start, end - 1)
  for (let k = start; k < end; k++) {
    const i = order[k]
    visual += mirrored.get(i) ?? paragraph[i]
  }
  visual = visual.replace(directionMarks, '')
  if (!rtlScript.test(visual)) return plainLine(doc, reverseRtlPairs(visual))
  let text = reverse(visual)
  const first = scripted.exec(text)
  if (!first || !rtlScript.test(first[0])) text = ALM + text
  return { text, width: doc.widthOfString(text, { features: [] }), shaped: true }
}

/** In display order, surrogate pairs from right-to-left runs come out low-high: put them back in order. */
function reverseRtlPairs(text: string): string {
  return text.replace(/([\udc00-\udfff])([\ud800-\udbff])/g, '$2$1')
}

/**
 * Wraps text to a width and prepares each line for drawing. `direction` is the layout's: a right-to-left
 * document reads mixed paragraphs right to left; a left-to-right one takes the paragraph's first strong letter.
 */
export function layoutText(
  doc: PDFKit.PDFDocument,
  text: string,
  style: TextStyle,
  width: number,
  direction: Direction,
): TextLine[] {
  applyStyle(doc, style)
  const lines: TextLine[] = []
  for (const paragraph of text.normalize('NFC').split(lineBreaks)) {
    if (paragraph.trim() === '') {
      lines.push({ text: '', width: 0, shaped: false })
      continue
    }
    const rtl = rtlScript.test(paragraph)
    // Most cells fit on one line: skip the word-by-word pass.
    const natural = measure(doc, paragraph)
    const fits = natural <= width + fitTolerance
    if (fits && !rtl && paragraph.trim() === paragraph) {
      lines.push({ text: paragraph, width: natural, shaped: false })
      continue
    }
    const ranges: [number, number][] = fits ? [[0, paragraph.length]] : wrap(doc, paragraph, width)
    if (!rtl) {
      for (const [start, end] of ranges) lines.push(plainLine(doc, paragraph.slice(start, end).trim()))
      continue
    }
    const levels = bidi.getEmbeddingLevels(paragraph, direction === 'rtl' ? 'rtl' : 'auto')
    for (const [start, end] of ranges) {
      let s = start
      let e = end
      while (s < e && (paragraph[s] === ' ' || paragraph[s] === '\t')) s++
      while (e > s && (paragraph[e - 1] === ' ' || paragraph[e - 1] === '\t')) e--
      lines.push(bidiLine(doc, paragraph, levels, s, e))
    }
  }
  return lines
}

/**
 * The style scaled down (to at most `minScale` of its size) so the text fits the width on one line: amounts and
 * codes read better smaller than broken in two.
 */
export function fitStyle(
  doc: PDFKit.PDFDocument,
  text: string,
  style: TextStyle,
  width: number,
  minScale = 0.75,
): TextStyle {
  applyStyle(doc, style)
  const natural = measure(doc, text)
  if (natural <= width) return style
  return { ...style, size: style.size * Math.max(minScale, width / natural) }
}

/**
 * One line that shrinks to fit instead of wrapping (amounts, dates, codes): fitStyle + layoutText, measuring
 * left-to-right text once, which matters in a 2,000-row statement.
 */
export function fitLine(
  doc: PDFKit.PDFDocument,
  text: string,
  style: TextStyle,
  width: number,
  direction: Direction,
  minScale: number,
): { lines: TextLine[]; style: TextStyle } {
  if (rtlScript.test(text) || text.includes('\n') || text.trim() !== text) {
    const fitted = fitStyle(doc, text, style, width, minScale)
    return { lines: layoutText(doc, text, fitted, width, direction), style: fitted }
  }
  applyStyle(doc, style)
  const natural = doc.widthOfString(text)
  if (natural <= width + fitTolerance) return { lines: [{ text, width: natural, shaped: false }], style }
  const scale = Math.max(minScale, width / natural)
  const fitted = { ...style, size: style.size * scale }
  // Widths grow linearly with the font size.
  if (natural * scale <= width + fitTolerance) {
    return { lines: [{ text, width: natural * scale, shaped: false }], style: fitted }
  }
  return { lines: layoutText(doc, text, fitted, width, direction), style: fitted }
}

function lineX(line: TextLine, box: TextBox): number {
  const align = box.align ?? 'start'
  if (align === 'center') return box.x + (box.width - line.width) / 2
  const left = (align === 'start') === (box.direction === 'ltr')
  return left ? box.x : box.x + box.width - line.width
}

/** Draws prepared lines top-down from box.y; returns the height used. */
export function drawLines(
  doc: PDFKit.PDFDocument,
  lines: TextLine[],
  style: TextStyle,
  box: TextBox,
): number {
  applyStyle(doc, style)
  const step = lineHeightOf(style)
  let y = box.y
  for (const line of lines) {
    if (line.text) {
      doc.text(line.text, lineX(line, box), y, { lineBreak: false, features: line.shaped ? [] : undefined })
    }
    y += step
  }
  return y - box.y
}

/** Wraps and draws text in a box; returns the height used. */
export function drawText(doc: PDFKit.PDFDocument, text: string, style: TextStyle, box: TextBox): number {
  return drawLines(doc, layoutText(doc, text, style, box.width, box.direction), style, box)
}
