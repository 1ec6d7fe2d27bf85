import { pairRows } from './blocks.server.ts'
import { fontCovers } from './fonts.server.ts'
import type { PdfAcceptance } from './model.ts'
import { colors, type PdfFrame, styles } from './page-frame.server.ts'
import type { PdfText } from './pdf-text.server.ts'

/** Drawn signatures are straight strokes (M/L commands) in a 600×200 box, as the accept form records them. */
const signatureBox = { width: 600, height: 200 }
const strokes = /^(?:\s*[ML]\s*-?\d+(?:\.\d+)?[\s,]+-?\d+(?:\.\d+)?)+\s*$/

// Enough for the details with a four-line user agent; the frame is drawn to the real height afterwards.
const expectedHeight = 130
const padding = 12
const signatureWidth = 210

/** Who accepted the quote, when, from where, and their signature (drawn strokes or typed name). */
export function drawAcceptance(frame: PdfFrame, acceptance: PdfAcceptance, text: PdfText): void {
  const { t } = text
  frame.ensure(expectedHeight + 10)
  const top = frame.y
  const { doc } = frame

  const detailsWidth = frame.width - signatureWidth - 3 * padding
  let y = top + padding
  y += frame.text(t('acceptance.acceptedBy'), styles.label, { offset: padding, width: detailsWidth, y })
  y += frame.text(acceptance.signerName, styles.party, { offset: padding, width: detailsWidth, y }) + 4
  const notRecorded = t('acceptance.notRecorded')
  y += pairRows(
    frame,
    [
      { label: t('acceptance.signedAt'), value: text.dateTime(acceptance.signedAt) },
      { label: t('acceptance.ip'), value: acceptance.ip ?? notRecorded },
      // User agents are long; small type, wrapped.
      { label: t('acceptance.device'), value: acceptance.userAgent ?? notRecorded, style: styles.small },
    ],
    { offset: padding, width: detailsWidth, y },
    detailsWidth * 0.68,
  )

  // The signature sits at the end side, over a line with its caption.
  const sigOffset = frame.width - padding - signatureWidth
  const sigHeight = (signatureWidth * signatureBox.height) / signatureBox.width
  const sigTop = top + padding + 4
  const x = frame.x(sigOffset, signatureWidth)
  if (acceptance.kind === 'drawn' && strokes.test(acceptance.signature)) {
    const scale = signatureWidth / signatureBox.width
    doc.save()
    doc.translate(x, sigTop).scale(scale)
    doc
      .path(acceptance.signature)
      .lineWidth(1.6 / scale)
      .lineCap('round')
      .lineJoin('round')
      .strokeColor('#1e3a8a')
      .stroke()
    doc.restore()
  } else {
    const signature = acceptance.kind === 'typed' ? acceptance.signature : acceptance.signerName
    // DejaVu Sans Oblique has no Arabic letters; a Persian name is written upright rather than as empty boxes.
    const font = fontCovers('oblique', signature) ? 'oblique' : 'regular'
    frame.text(
      signature,
      { font, size: 20, color: '#1e3a8a' },
      {
        offset: sigOffset,
        width: signatureWidth,
        y: sigTop + sigHeight / 2 - 14,
        align: 'center',
      },
    )
  }
  const lineY = sigTop + sigHeight + 4
  frame.rule(lineY, colors.faint, sigOffset, signatureWidth)
  frame.text(t('acceptance.signature'), styles.small, {
    offset: sigOffset,
    width: signatureWidth,
    y: lineY + 4,
    align: 'center',
  })
  const height = Math.max(y, lineY + 16) + padding - top
  doc.rect(frame.left, top, frame.width, height).lineWidth(0.8).strokeColor(colors.rule).stroke()
  frame.y = top + height + 12
}
