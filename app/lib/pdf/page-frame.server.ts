import PDFDocument from 'pdfkit'
import { directionOf } from '#app/lib/i18n/config.ts'
import {
  type Align,
  type Direction,
  drawLines,
  drawText,
  forgetFill,
  layoutText,
  lineHeightOf,
  setFill,
  type TextLine,
  type TextStyle,
} from './bidi-text.server.ts'
import { registerFonts } from './fonts.server.ts'

/**
 * The page frame shared by every PDF: A4, fixed margins, a cursor (`y`) that moves down the page, and positions
 * measured from the *start* edge so a right-to-left locale mirrors the whole layout (blocks, table columns) without
 * the renderers thinking about it.
 */

export const colors = {
  text: '#111827',
  muted: '#6b7280',
  faint: '#9ca3af',
  rule: '#d1d5db',
  band: '#f3f4f6',
  zebra: '#f9fafb',
  accent: '#1d4ed8',
  warn: '#b91c1c',
}

export const styles = {
  body: { font: 'regular', size: 9 },
  small: { font: 'regular', size: 7.5, color: colors.muted },
  code: { font: 'regular', size: 8, color: colors.muted },
  label: { font: 'bold', size: 7.5, color: colors.muted },
  strong: { font: 'bold', size: 9 },
  heading: { font: 'bold', size: 11 },
  party: { font: 'bold', size: 11 },
  title: { font: 'bold', size: 20, color: colors.accent },
} satisfies Record<string, TextStyle>

const margin = 42
const footerSpace = 34

export type FrameOptions = {
  locale: string
  title: string
  author?: string
  /** Drawn at the top of every page after the first (e.g. "Invoice INV-0001"). */
  runningHead?: string
}

export class PdfFrame {
  readonly doc: PDFKit.PDFDocument
  readonly direction: Direction
  readonly left = margin
  readonly top = margin
  readonly width: number
  readonly bottom: number
  y = margin
  private readonly runningHead?: string

  constructor(options: FrameOptions) {
    this.direction = directionOf(options.locale)
    // bufferPages: page numbers ("Page X of Y") are written once the page count is known.
    this.doc = new PDFDocument({
      size: 'A4',
      margin,
      bufferPages: true,
      lang: options.locale,
      info: { Title: options.title, Author: options.author ?? '', Creator: 'Tandem' },
      // No initial font: pdfkit would load Helvetica's metrics for every document, and all text here names a face.
      font: null as unknown as string,
    })
    registerFonts(this.doc)
    this.doc.on('pageAdded', () => forgetFill(this.doc))
    this.width = this.doc.page.width - 2 * margin
    this.bottom = this.doc.page.height - margin - footerSpace
    this.runningHead = options.runningHead
  }

  /** The left x of a box `width` wide placed `offset` points from the start edge. */
  x(offset: number, width: number): number {
    return this.direction === 'ltr' ? this.left + offset : this.left + this.width - offset - width
  }

  /** Draws text in a box measured from the start edge; returns the height used (the cursor does not move). */
  text(
    text: string,
    style: TextStyle,
    box: { offset?: number; width?: number; y?: number; align?: Align } = {},
  ): number {
    const offset = box.offset ?? 0
    const width = box.width ?? this.width - offset
    return drawText(this.doc, text, style, {
      x: this.x(offset, width),
      y: box.y ?? this.y,
      width,
      align: box.align,
      direction: this.direction,
    })
  }

  /** Draws lines already prepared by layoutText; returns the height used. */
  lines(
    lines: TextLine[],
    style: TextStyle,
    box: { offset?: number; width?: number; y?: number; align?: Align } = {},
  ) {
    const offset = box.offset ?? 0
    const width = box.width ?? this.width - offset
    return drawLines(this.doc, lines, style, {
      x: this.x(offset, width),
      y: box.y ?? this.y,
      width,
      align: box.align,
      direction: this.direction,
    })
  }

  /** Height text would take in a box of that width. */
  measure(text: string, style: TextStyle, width: number): number {
    return layoutText(this.doc, text, style, width, this.direction).length * lineHeightOf(style)
  }

  /** Starts a new page when `height` does not fit below the cursor; returns whether it did. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false
    this.newPage()
    return true
  }

  newPage(): void {
    this.doc.addPage()
    this.y = this.top
    if (this.runningHead) {
      this.text(this.runningHead, styles.small)
      this.y += lineHeightOf(styles.small) + 4
      this.rule()
      this.y += 8
    }
  }

  rule(y = this.y, color = colors.rule, offset = 0, width = this.width - offset): void {
    const x = this.x(offset, width)
    this.doc
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(0.6)
      .strokeColor(color)
      .stroke()
  }

  band(y: number, height: number, color = colors.band, offset = 0, width = this.width - offset): void {
    setFill(this.doc, color)
    this.doc.rect(this.x(offset, width), y, width, height).fill()
  }

  /** Writes the footer on every buffered page; call once, after the last page is drawn. */
  finish(footer: (page: number, pages: number) => string): void {
    const { start, count } = this.doc.bufferedPageRange()
    const y = this.doc.page.height - margin - lineHeightOf(styles.small) + 6
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i)
      forgetFill(this.doc)
      this.rule(y - 6)
      this.text(footer(i - start + 1, count), styles.small, { y, align: 'end' })
    }
  }
}
