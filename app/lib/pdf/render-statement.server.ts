import { fitStyle } from './bidi-text.server.ts'
import { partyBlock } from './blocks.server.ts'
import { agingBuckets, type PdfStatement, type PdfStatementRow } from './model.ts'
import { colors, PdfFrame, styles } from './page-frame.server.ts'
import { pdfText } from './pdf-text.server.ts'
import { type Column, drawTable } from './table.server.ts'

type AgingRow = PdfStatement['aging'][number]

/**
 * A statement of account as PDF: the customer's open invoices, then one aging summary row per currency (amounts in
 * different currencies are never added up). Like renderDocumentPdf, the returned document is already ended.
 */
export async function renderStatementPdf(s: PdfStatement): Promise<PDFKit.PDFDocument> {
  const text = await pdfText(s.locale)
  const { t } = text
  const title = t('title.statement')
  const asOf = `${t('dates.asOf')} ${text.date(s.asOf)}`
  const frame = new PdfFrame({
    locale: s.locale,
    title: `${title} · ${s.buyer.name}`,
    author: s.seller.name,
    runningHead: `${title} · ${s.buyer.name} · ${asOf}`,
  })

  const half = frame.width / 2 - 12
  const end = frame.width - half
  const top = frame.y
  const sellerHeight = partyBlock(frame, t('parties.from'), s.seller, { offset: 0, width: half, y: top })
  const titleStyle = fitStyle(frame.doc, title, styles.title, half, 0.6)
  let y = top + frame.text(title, titleStyle, { offset: end, width: half, y: top, align: 'end' }) + 2
  y += frame.text(asOf, styles.heading, { offset: end, width: half, y, align: 'end' })
  frame.y = Math.max(top + sellerHeight, y) + 12
  frame.rule()
  frame.y += 12
  frame.y += partyBlock(frame, t('parties.customer'), s.buyer, { offset: 0, width: half, y: frame.y }) + 18

  frame.y += frame.text(t('statement.openInvoices'), styles.heading) + 6
  if (s.rows.length === 0) {
    frame.y += frame.text(t('statement.none'), { ...styles.body, color: colors.muted }) + 12
  } else {
    const money = (row: PdfStatementRow, amount: number) => text.money(amount, row.currency)
    const columns: Column<PdfStatementRow>[] = [
      { header: t('statement.number'), width: 'fill', nowrap: true, cell: (row) => row.number },
      { header: t('statement.issueDate'), width: 74, nowrap: true, cell: (row) => text.date(row.issueDate) },
      { header: t('statement.dueDate'), width: 74, nowrap: true, cell: (row) => text.date(row.dueDate) },
      {
        header: t('statement.total'),
        width: 76,
        align: 'end',
        nowrap: true,
        cell: (row) => money(row, row.total),
      },
      {
        header: t('statement.paid'),
        width: 72,
        align: 'end',
        nowrap: true,
        cell: (row) => money(row, row.paid),
      },
      {
        header: t('statement.balance'),
        width: 78,
        align: 'end',
        nowrap: true,
        cell: (row) => [{ text: money(row, row.balance), style: styles.strong }],
      },
      {
        header: t('statement.daysOverdue'),
        width: 48,
        align: 'end',
        cell: (row) => [
          {
            text: row.daysOverdue > 0 ? text.number(row.daysOverdue) : '',
            style: row.daysOverdue > 60 ? { ...styles.strong, color: colors.warn } : styles.body,
          },
        ],
      },
    ]
    drawTable(frame, columns, s.rows, { zebra: true })
    frame.y += 18
  }

  if (s.aging.length) {
    frame.ensure(80)
    frame.y += frame.text(t('statement.aging'), styles.heading) + 6
    const bucketColumns: Column<AgingRow>[] = agingBuckets.map((bucket) => ({
      header: t(`aging.${bucket}`),
      width: 'fill' as const,
      align: 'end' as const,
      nowrap: true,
      cell: (row: AgingRow) => text.money(row.buckets[bucket], row.currency),
    }))
    const columns: Column<AgingRow>[] = [
      { header: t('statement.currency'), width: 50, cell: (row) => row.currency },
      ...bucketColumns,
      {
        header: t('aging.total'),
        width: 92,
        align: 'end',
        nowrap: true,
        cell: (row) => [{ text: text.money(row.total, row.currency), style: styles.strong }],
      },
    ]
    drawTable(frame, columns, s.aging)
  }

  frame.finish((page, pages) => t('page', { page: text.number(page), pages: text.number(pages) }))
  frame.doc.end()
  return frame.doc
}
