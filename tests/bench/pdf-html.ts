/**
 * The same documents as HTML, for the Chromium side of the PDF bench: same content, labels and formatting as the
 * pdfkit renderers (app/lib/pdf), laid out with ordinary print CSS. Page numbers come from page.pdf()'s footer
 * template and the table header repeats through <thead>, as in the pdfkit output.
 */

import { directionOf } from '#app/lib/i18n/config.ts'
import { agingBuckets, type PdfDocument, type PdfParty, type PdfStatement } from '#app/lib/pdf/model.ts'
import { type PdfText, pdfText } from '#app/lib/pdf/pdf-text.server.ts'

const esc = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)

const css = `
  body { font: 9pt 'DejaVu Sans', sans-serif; color: #111827; margin: 0 }
  .row { display: flex; justify-content: space-between; gap: 24pt; margin-bottom: 14pt }
  .cap { font-size: 7.5pt; font-weight: bold; color: #6b7280 }
  .name { font-size: 11pt; font-weight: bold }
  .muted { color: #6b7280 }
  h1 { font-size: 20pt; color: #1d4ed8; margin: 0; text-align: end }
  .end { text-align: end }
  table { width: 100%; border-collapse: collapse }
  thead th { background: #f3f4f6; font-size: 7.5pt; color: #6b7280; text-align: start; padding: 4pt }
  td { padding: 3.5pt 4pt; border-bottom: 0.6pt solid #f3f4f6; vertical-align: top }
  tr { break-inside: avoid }
  .num { text-align: end; white-space: nowrap }
  .small { font-size: 7.5pt; color: #6b7280 }
  .totals { width: 260pt; flex: none; margin-top: 10pt }
  .totals td { border: 0 }
  .grand td { background: #f3f4f6; font-size: 11pt; font-weight: bold }
  tbody tr:nth-child(even) td { background: #f9fafb }
`

function party(caption: string, p: PdfParty) {
  return `<div><div class="cap">${esc(caption)}</div><div class="name">${esc(p.name)}</div><div class="muted">${p.lines.map(esc).join('<br>')}</div></div>`
}

function page(locale: string, title: string, body: string) {
  return `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style></head><body>${body}</body></html>`
}

export function footerTemplate(text: PdfText) {
  const label = esc(text.t('page', { page: '\u0001', pages: '\u0002' }))
    .replace('\u0001', '<span class="pageNumber"></span>')
    .replace('\u0002', '<span class="totalPages"></span>')
  return `<div style="font: 7.5pt 'DejaVu Sans', sans-serif; color: #6b7280; width: 100%; margin: 0 42pt; text-align: end">${label}</div>`
}

export async function documentHtml(doc: PdfDocument): Promise<{ html: string; footer: string }> {
  const text = await pdfText(doc.locale)
  const { t } = text
  const money = (amount: number) => esc(text.money(amount, doc.currency))
  const title = t(`title.${doc.kind}`)
  const dates = [
    [t('dates.date'), doc.issueDate ? text.date(doc.issueDate) : '—'],
    doc.kind === 'quote'
      ? [t('dates.validUntil'), doc.validUntil ? text.date(doc.validUntil) : '—']
      : [t('dates.dueDate'), doc.dueDate ? text.date(doc.dueDate) : '—'],
  ]
  const rows = doc.lines
    .map(
      (line) => `<tr><td>${text.number(line.position)}</td><td class="small">${esc(line.sku)}</td>
      <td>${esc(line.description)}${
        line.optional
          ? `<div class="cap">${esc(t('optional.optional'))} · ${esc(line.selected ? t('optional.included') : t('optional.notIncluded'))}</div>`
          : ''
      }</td>
      <td class="num">${esc(`${text.number(line.quantity)} ${line.unit}`)}</td><td class="num">${money(line.unitPrice)}</td>
      <td class="num">${line.discountBp ? esc(text.rate(line.discountBp)) : '—'}</td>
      <td class="num">${esc(text.rate(line.taxRateBp))}</td><td class="num">${money(line.net)}</td></tr>`,
    )
    .join('')
  const totals = [
    [t('totals.subtotal'), money(doc.totals.subtotal)],
    ...doc.totals.taxes.map((tax) => [
      esc(t('totals.taxAt', { rate: text.rate(tax.rateBp), base: text.money(tax.base, doc.currency) })),
      money(tax.tax),
    ]),
  ]
    .map(([label, value]) => `<tr><td class="muted">${label}</td><td class="num">${value}</td></tr>`)
    .join('')
  const paid =
    doc.totals.balanceDue === undefined
      ? ''
      : `<tr><td class="muted">${esc(t('totals.amountPaid'))}</td><td class="num">${money(doc.totals.amountPaid ?? 0)}</td></tr>
         <tr class="grand"><td>${esc(t('totals.balanceDue'))}</td><td class="num">${money(doc.totals.balanceDue)}</td></tr>`
  const body = `
    <div class="row">${party(t('parties.from'), doc.seller)}<div><h1>${esc(title)}</h1>
      <div class="name end">${esc(doc.number ?? t('draft'))}</div><div class="end" style="color:#1d4ed8">${esc(doc.statusLabel ?? '')}</div></div></div>
    <hr style="border:0;border-top:0.6pt solid #d1d5db">
    <div class="row">${party(t('parties.billTo'), doc.buyer)}<table style="width:220pt">${dates
      .map(
        ([label, value]) => `<tr><td class="muted">${esc(label)}</td><td class="num">${esc(value)}</td></tr>`,
      )
      .join('')}</table></div>
    <table><thead><tr><th>${esc(t('lines.position'))}</th><th>${esc(t('lines.sku'))}</th><th>${esc(t('lines.description'))}</th>
      <th class="num">${esc(t('lines.quantity'))}</th><th class="num">${esc(t('lines.unitPrice'))}</th>
      <th class="num">${esc(t('lines.discount'))}</th><th class="num">${esc(t('lines.taxRate'))}</th>
      <th class="num">${esc(t('lines.amount'))}</th></tr></thead><tbody>${rows}</tbody></table>
    <div class="row"><div>${doc.paymentDetails ? `<span class="cap">${esc(t('sections.paymentDetails'))}</span><br>${doc.paymentDetails.map(esc).join('<br>')}` : ''}</div>
    <table class="totals">${totals}<tr class="grand"><td>${esc(t('totals.total'))}</td><td class="num">${money(doc.totals.total)}</td></tr>${paid}</table></div>
    ${doc.terms ? `<p><span class="cap">${esc(t('sections.terms'))}</span><br>${esc(doc.terms)}</p>` : ''}`
  return { html: page(doc.locale, `${title} ${doc.number ?? ''}`, body), footer: footerTemplate(text) }
}

export async function statementHtml(s: PdfStatement): Promise<{ html: string; footer: string }> {
  const text = await pdfText(s.locale)
  const { t } = text
  const title = t('title.statement')
  const rows = s.rows
    .map(
      (row) =>
        `<tr><td>${esc(row.number)}</td><td>${esc(text.date(row.issueDate))}</td><td>${esc(text.date(row.dueDate))}</td>` +
        `<td class="num">${esc(text.money(row.total, row.currency))}</td><td class="num">${esc(text.money(row.paid, row.currency))}</td>` +
        `<td class="num"><b>${esc(text.money(row.balance, row.currency))}</b></td>` +
        `<td class="num">${row.daysOverdue > 0 ? esc(text.number(row.daysOverdue)) : ''}</td></tr>`,
    )
    .join('')
  const aging = s.aging
    .map(
      (a) =>
        `<tr><td>${a.currency}</td>${agingBuckets.map((b) => `<td class="num">${esc(text.money(a.buckets[b], a.currency))}</td>`).join('')}<td class="num"><b>${esc(text.money(a.total, a.currency))}</b></td></tr>`,
    )
    .join('')
  const body = `
    <div class="row">${party(t('parties.from'), s.seller)}<div><h1>${esc(title)}</h1>
      <div class="name end">${esc(`${t('dates.asOf')} ${text.date(s.asOf)}`)}</div></div></div>
    <hr style="border:0;border-top:0.6pt solid #d1d5db">
    <div class="row">${party(t('parties.customer'), s.buyer)}</div>
    <div class="name">${esc(t('statement.openInvoices'))}</div>
    <table><thead><tr>${['number', 'issueDate', 'dueDate', 'total', 'paid', 'balance', 'daysOverdue']
      .map((key, i) => `<th${i > 2 ? ' class="num"' : ''}>${esc(t(`statement.${key}`))}</th>`)
      .join('')}</tr></thead><tbody>${rows}</tbody></table>
    <div class="name" style="margin-top:18pt">${esc(t('statement.aging'))}</div>
    <table><thead><tr><th>${esc(t('statement.currency'))}</th>${agingBuckets
      .map((b) => `<th class="num">${esc(t(`aging.${b}`))}</th>`)
      .join('')}<th class="num">${esc(t('aging.total'))}</th></tr></thead><tbody>${aging}</tbody></table>`
  return { html: page(s.locale, title, body), footer: footerTemplate(text) }
}
