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
let parsed: Record<FontName, unknown> | undefined

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

/**
 * The fonts parsed once and shared by every document. Handing pdfkit the Buffer makes it parse the font (and its
 * large GSUB/GPOS tables) again for each document: measured ~44 ms vs ~6 ms for a one-page invoice. pdfkit accepts
 * a parsed fontkit font (anything with a `layout` function) as a font source; we take the one pdfkit itself built
 * so the fontkit version always matches. Sharing is safe: layout and subsetting run synchronously, and each
 * document keeps its own subset.
 */
function parsedFonts(): Record<FontName, unknown> {
  if (!parsed) {
    const scratch = new PDFDocument({ autoFirstPage: false })
    const parse = (name: FontName) => {
      scratch.font(fontBytes()[name])
      return (scratch as unknown as { _font: { font: unknown } })._font.font
    }
    parsed = { regular: parse('regular'), bold: parse('bold'), oblique: parse('oblique') }
  }
  return parsed
}

/** Whether a face has a glyph for every character of the text (DejaVu Sans Oblique has no Arabic letters). */
export function fontCovers(name: FontName, text: string): boolean {
  const font = parsedFonts()[name] as { hasGlyphForCodePoint(codePoint: number): boolean }
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (code > 0x20 && !ignorable.test(char) && !font.hasGlyphForCodePoint(code)) return false
  }
  return true
}
const ignorable = /\p{Default_Ignorable_Code_Point}/u

/** Registers the three faces on a document under the names `regular`, `bold` and `oblique`. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const fonts = parsedFonts()
  for (const name of fontNames) doc.registerFont(name, fonts[name] as Buffer)
}
