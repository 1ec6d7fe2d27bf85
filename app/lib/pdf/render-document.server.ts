import { drawAcceptance } from './acceptance-block.server.ts'
import { fitStyle, lineHeightOf } from './bidi-text.server.ts'
import { type Pair, pairRows, partyBlock, textSection } from './blocks.server.ts'
import type { PdfDocument, PdfLine } from './model.ts'
import { colors, PdfFrame, styles } from './page-frame.server.ts'
import { type PdfText, pdfText } from './pdf-text.server.ts'
import { type Column, drawTable } from './table.server.ts'

/**
 * A quote or an invoice as PDF. The returned pdfkit document has already been ended: it is a Readable stream of
 * the finished file, to pipe into an HTTP response (`Readable.toWeb(doc)`) or collect with `pdfToBuffer`. Callers
 * never call `doc.end()` themselves.
 */
export async function renderDocumentPdf(doc: PdfDocument): Promise<PDFKit.PDFDocument> {
  const text = await pdfText(doc.locale)
  const { t } = text
  const title = t(`title.${doc.kind}`)
  const number = doc.number ?? t('draft')
  const frame = new PdfFrame({
    locale: doc.locale,
    title: `${title} ${number}`,
    author: doc.seller.name,
    runningHead: `${title} ${number} · ${doc.seller.name}`,
  })

  header(frame, doc, text, title)
  linesTable(frame, doc, text)
  totals(frame, doc, text)
  if (doc.terms) textSection(frame, t('sections.terms'), doc.terms)
  if (doc.notes) textSection(frame, t('sections.notes'), doc.notes)
  if (doc.acceptance) drawAcceptance(frame, doc.acceptance, text)

  frame.finish((page, pages) => t('page', { page: text.number(page), pages: text.number(pages) }))
  frame.doc.end()
  return frame.doc
}

function header(frame: PdfFrame, doc: PdfDocument, text: PdfText, title: string) {
  const { t } = text
  const half = frame.width / 2 - 12
  const end = frame.width - half
  const top = frame.y

  const sellerHeight = partyBlock(frame, t('parties.from'), doc.seller, { offset: 0, width: half, y: top })
  let y = top
  y += frame.text(title, fitStyle(frame.doc, title, styles.title, half, 0.6), {
    offset: end,
    width: half,
    y,
    align: 'end',
  })
  y += 2
  y += frame.text(
    doc.number ?? t('draft'),
    doc.number ? styles.heading : { ...styles.heading, color: colors.warn },
    {
      offset: end,
      width: half,
      y,
      align: 'end',
    },
  )
  if (doc.revision && doc.revision > 1) {
    y += frame.text(t('revision', { revision: text.number(doc.revision) }), styles.small, {
      offset: end,
      width: half,
      y,
      align: 'end',
    })
  }
  if (doc.statusLabel) {
    y += 3
    y += frame.text(
      doc.statusLabel,
      { ...styles.strong, color: colors.accent },
      { offset: end, width: half, y, align: 'end' },
    )
  }
  frame.y = Math.max(top + sellerHeight, y) + 12
  frame.rule()
  frame.y += 12

  const second = frame.y
  const buyerHeight = partyBlock(frame, t('parties.billTo'), doc.buyer, { offset: 0, width: half, y: second })
  const dates: Pair[] = [{ label: t('dates.date'), value: doc.issueDate ? text.date(doc.issueDate) : '—' }]
  if (doc.kind === 'quote' && doc.validUntil !== undefined) {
    dates.push({ label: t('dates.validUntil'), value: doc.validUntil ? text.date(doc.validUntil) : '—' })
  }
  if (doc.kind === 'invoice' && doc.dueDate !== undefined) {
    dates.push({ label: t('dates.dueDate'), value: doc.dueDate ? text.date(doc.dueDate) : '—' })
  }
  const datesWidth = Math.min(half, 220)
  const datesHeight = pairRows(
    frame,
    dates,
    { offset: frame.width - datesWidth, width: datesWidth, y: second + lineHeightLabel() },
    datesWidth * 0.55,
  )
  frame.y = second + Math.max(buyerHeight, datesHeight + lineHeightLabel()) + 18
}

function lineHeightLabel() {
  return styles.label.size * 1.3 + 2
}

function linesTable(frame: PdfFrame, doc: PdfDocument, text: PdfText) {
  const { t } = text
  const money = (amount: number) => text.money(amount, doc.currency)
  // Rows stay one line high when descriptions are short, so a 20-line invoice fits on one page.
  const columns: Column<PdfLine>[] = [
    { header: t('lines.position'), width: 22, nowrap: true, cell: (line) => text.number(line.position) },
    {
      header: t('lines.sku'),
      width: 64,
      nowrap: true,
      cell: (line) => [{ text: line.sku, style: styles.code }],
    },
    {
      header: t('lines.description'),
      width: 'fill',
      cell: (line) => [
        { text: line.description },
        {
          text: line.optional
            ? `${t('optional.optional')} · ${line.selected ? t('optional.included') : t('optional.notIncluded')}`
            : '',
          style: { ...styles.label, color: line.selected ? colors.accent : colors.muted },
        },
      ],
    },
    {
      header: t('lines.quantity'),
      width: 48,
      align: 'end',
      cell: (line) => `${text.number(line.quantity)} ${line.unit}`.trim(),
    },
    {
      header: t('lines.unitPrice'),
      width: 70,
      align: 'end',
      nowrap: true,
      cell: (line) => money(line.unitPrice),
    },
    {
      header: t('lines.discount'),
      width: 44,
      align: 'end',
      nowrap: true,
      cell: (line) => (line.discountBp ? text.rate(line.discountBp) : t('lines.none')),
    },
    {
      header: t('lines.taxRate'),
      width: 38,
      align: 'end',
      nowrap: true,
      cell: (line) => text.rate(line.taxRateBp),
    },
    { header: t('lines.amount'), width: 78, align: 'end', nowrap: true, cell: (line) => money(line.net) },
  ]
  drawTable(frame, columns, doc.lines, {
    // An optional line the customer did not tick is printed, greyed, and is not in the totals.
    rowStyle: (line) =>
      line.optional && !line.selected ? { ...styles.body, color: colors.faint } : undefined,
  })
  frame.y += 10
}

function totals(frame: PdfFrame, doc: PdfDocument, text: PdfText) {
  const { t } = text
  const money = (amount: number) => text.money(amount, doc.currency)
  const pairs: Pair[] = [{ label: t('totals.subtotal'), value: money(doc.totals.subtotal) }]
  for (const tax of doc.totals.taxes) {
    pairs.push({
      label: t('totals.taxAt', { rate: text.rate(tax.rateBp), base: money(tax.base) }),
      value: money(tax.tax),
    })
  }
  if (doc.totals.taxes.length !== 1) pairs.push({ label: t('totals.tax'), value: money(doc.totals.taxTotal) })
  const total: Pair = {
    label: t('totals.total'),
    value: money(doc.totals.total),
    style: styles.heading,
    labelStyle: styles.heading,
  }
  const invoice = doc.kind === 'invoice' && doc.totals.balanceDue !== undefined
  if (!invoice) total.band = true
  pairs.push(total)
  if (invoice) {
    pairs.push({ label: t('totals.amountPaid'), value: money(doc.totals.amountPaid ?? 0) })
    pairs.push({
      label: t('totals.balanceDue'),
      value: money(doc.totals.balanceDue ?? 0),
      style: styles.heading,
      labelStyle: styles.heading,
      band: true,
    })
  }
  // The bands reach 6 points past the box on both sides: keep them inside the page's text area.
  const width = 260
  const details = doc.paymentDetails?.join('\n') ?? ''
  const detailsWidth = frame.width - width - 36
  const detailsHeight = details
    ? lineHeightOf(styles.label) + 3 + frame.measure(details, styles.body, detailsWidth)
    : 0
  frame.ensure(Math.max(pairs.length * 18 + 10, detailsHeight))
  const top = frame.y
  const totalsHeight = pairRows(frame, pairs, { offset: frame.width - width - 6, width, y: top }, 125)
  // Payment details sit beside the totals, on the start side, where an invoice's reader looks for them.
  if (details) {
    const y =
      top + frame.text(t('sections.paymentDetails'), styles.label, { width: detailsWidth, y: top }) + 3
    frame.text(details, styles.body, { width: detailsWidth, y })
  }
  frame.y = top + Math.max(totalsHeight, detailsHeight) + 16
}
