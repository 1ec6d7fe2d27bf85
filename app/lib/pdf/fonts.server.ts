import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

/**
 * DejaVu Sans covers Latin, Persian/Arabic, Hebrew and digits in one family (FIELD-NOTES.md), so every PDF uses it.
 * The files are resolved through the package (createRequire from this module's URL), which works from the sources
 * and from the Vite server build alike.
 */
export const fontNames = ['regular', 'bold', 'oblique'] as const
export type FontName = (typeof fontNames)[number]

const files: Record<FontName, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  oblique: 'DejaVuSans-Oblique.ttf',
}

let bytes: Record<FontName, Buffer> | undefined
let parsed: Record<FontName, ParsedFont> | undefined

export function fontPath(name: FontName): string {
  return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${files[name]}`)
}

/** The font files' bytes, read once per process. */
export function fontBytes(): Record<FontName, Buffer> {
  bytes ??= {
    regular: readFileSync(fontPath('regular')),
    bold: readFileSync(fontPath('bold')),
    oblique: readFileSync(fontPath('oblique')),
  }
  return bytes
}

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
type GlyphRun = { glyphs: unknown[]; positions: Position[] }
type Glyph = { _decode(): unknown }
type ParsedFont = {
  layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun
  getGlyph(id: number, codePoints?: number[]): Glyph
  hasGlyphForCodePoint(codePoint: number): boolean
}

/**
 * The fonts parsed once and shared by every document. Handing pdfkit the Buffer makes it parse the font (and its
 * large GSUB/GPOS tables) again for each document: measured ~44 ms vs ~6 ms for a one-page invoice. pdfkit accepts
 * a parsed fontkit font (anything with a `layout` function) as a font source; we take the one pdfkit itself built
 * so the fontkit version always matches. Sharing is safe: layout and subsetting run synchronously, and each
 * document keeps its own subset.
 */
function parsedFonts(): Record<FontName, ParsedFont> {
  if (!parsed) {
    const scratch = new PDFDocument({ autoFirstPage: false })
    const parse = (name: FontName) => {
      scratch.font(fontBytes()[name])
      return withGlyphCache(
        withLayoutCache((scratch as unknown as { _font: { font: ParsedFont } })._font.font),
      )
    }
    parsed = { regular: parse('regular'), bold: parse('bold'), oblique: parse('oblique') }
  }
  return parsed
}

const layoutCacheSize = 10_000

/**
 * Shaping a word with fontkit (GSUB/GPOS lookups) is the costliest step of drawing text, and documents repeat the
 * same words: labels, parties, products, dates. pdfkit caches shaped words per document only; this keeps them for
 * the process (bounded; emptied when full). pdfkit scales the positions it receives in place, so each call gets
 * its own copy of them.
 */
function withLayoutCache(font: ParsedFont): ParsedFont {
  const layout = font.layout.bind(font)
  const cache = new Map<string, GlyphRun>()
  font.layout = (text: string, features?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || rest.some((arg) => arg !== undefined))
      return layout(text, features, ...rest)
    const key = Array.isArray(features) ? `${features.join(',')}\u0000${text}` : `\u0001${text}`
    let run = cache.get(key)
    if (!run) {
      if (cache.size >= layoutCacheSize) cache.clear()
      run = layout(text, features)
      cache.set(key, run)
    }
    const positions = run.positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    }))
    return {
      glyphs: run.glyphs.slice(),
      positions,
      get advanceWidth() {
        let width = 0
        for (const position of positions) width += position.xAdvance
        return width
      },
    }
  }
  return font
}

/**
 * Each document embeds a subset of the fonts, and fontkit decodes every glyph it copies (to find composite ones)
 * afresh each time. Glyph outlines never change, so the decoded form is kept on fontkit's own (already cached)
 * glyph objects.
 */
function withGlyphCache(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font)
  const done = new WeakSet<Glyph>()
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints)
    if (!done.has(glyph)) {
      const decode = glyph._decode.bind(glyph)
      let decoded: { value: unknown } | undefined
      glyph._decode = () => {
        decoded ??= { value: decode() }
        return decoded.value
      }
      done.add(glyph)
    }
    return glyph
  }
  return font
}

const ignorable = /\p{Default_Ignorable_Code_Point}/u

/** Whether a face has a glyph for every character of the text (DejaVu Sans Oblique has no Arabic letters). */
export function fontCovers(name: FontName, text: string): boolean {
  const font = parsedFonts()[name]
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (code > 0x20 && !ignorable.test(char) && !font.hasGlyphForCodePoint(code)) return false
  }
  return true
}

/** Registers the three faces on a document under the names `regular`, `bold` and `oblique`. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const fonts = parsedFonts()
  for (const name of fontNames) doc.registerFont(name, fonts[name] as unknown as Buffer)
}
