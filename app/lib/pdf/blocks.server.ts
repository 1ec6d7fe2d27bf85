import { fitStyle, layoutText, lineHeightOf, type TextStyle } from './bidi-text.server.ts'
import type { PdfParty } from './model.ts'
import { colors, type PdfFrame, styles } from './page-frame.server.ts'

/** Building blocks shared by the document and statement renderers. Offsets are from the start edge. */

export type Box = { offset: number; width: number; y: number }

/** A small caption, the party's name, then its lines; returns the height used. */
export function partyBlock(frame: PdfFrame, caption: string, party: PdfParty, box: Box): number {
  let y = box.y
  y += frame.text(caption, styles.label, { ...box, y })
  y += 2
  y += frame.text(party.name, styles.party, { ...box, y })
  if (party.lines.length)
    y += frame.text(party.lines.join('\n'), { ...styles.body, color: colors.muted }, { ...box, y })
  return y - box.y
}

export type Pair = { label: string; value: string; style?: TextStyle; labelStyle?: TextStyle; band?: boolean }

/**
 * Label/value rows: the label at the start of the box, the value at its end. Labels get the room values leave.
 * Returns the height used.
 */
export function pairRows(frame: PdfFrame, pairs: Pair[], box: Box, valueWidth = box.width * 0.45): number {
  let y = box.y
  for (const pair of pairs) {
    const given = pair.style ?? styles.body
    const labelStyle = pair.labelStyle ?? { ...given, font: 'regular', color: colors.muted }
    // Amounts and dates stay on one line; long values (a user agent) still wrap.
    const valueStyle = pair.value.includes(' ') ? given : fitStyle(frame.doc, pair.value, given, valueWidth)
    const labelWidth = box.width - valueWidth - 6
    const height =
      Math.max(
        frame.measure(pair.label, labelStyle, labelWidth),
        frame.measure(pair.value, valueStyle, valueWidth),
      ) + 4
    if (pair.band) frame.band(y - 2, height, colors.band, box.offset - 6, box.width + 12)
    frame.text(pair.label, labelStyle, { offset: box.offset, width: labelWidth, y })
    frame.text(pair.value, valueStyle, {
      offset: box.offset + box.width - valueWidth,
      width: valueWidth,
      y,
      align: 'end',
    })
    y += height
  }
  return y - box.y
}

/** A headed block of free text (terms, notes) that may continue on the next page line by line. */
export function textSection(frame: PdfFrame, heading: string, body: string): void {
  const style = styles.body
  const lines = layoutText(frame.doc, body, style, frame.width, frame.direction)
  const step = lineHeightOf(style)
  // Keep the heading with its first two lines.
  frame.ensure(lineHeightOf(styles.label) + 3 + Math.min(lines.length, 2) * step)
  frame.y += frame.text(heading, styles.label) + 3
  for (const line of lines) {
    frame.ensure(step)
    frame.y += frame.lines([line], style)
  }
  frame.y += 10
}
