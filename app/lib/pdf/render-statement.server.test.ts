import { beforeAll, describe, expect, test } from 'vitest'
import { formatMoney } from '#app/lib/money.ts'
import { statement } from '#tests/support/pdf/fixtures.ts'
import { pdfPages } from '#tests/support/pdf/pdf-test-tools.ts'
import { agingBuckets } from './model.ts'
import { pdfToBuffer } from './pdf-buffer.server.ts'
import { renderStatementPdf } from './render-statement.server.ts'

describe('a statement of 2,000 open invoices in two currencies', () => {
  const s = statement(2000, ['EUR', 'USD'])
  let pages: string[]
  let renderMs: number
  beforeAll(async () => {
    const started = performance.now()
    const pdf = await pdfToBuffer(await renderStatementPdf(s))
    renderMs = performance.now() - started
    pages = pdfPages(pdf)
  })

  test('runs to 50 pages or more, each numbered "Page X of N"', () => {
    expect(pages.length).toBeGreaterThanOrEqual(50)
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`)
    })
    // A generous bound that still catches accidental quadratic work (it takes well under a second here).
    expect(renderMs).toBeLessThan(15_000)
  })

  test('lists every invoice once, under the repeated column headers', () => {
    const all = pages.join('\n')
    for (const row of [s.rows[0], s.rows[999], s.rows[1999]]) {
      expect(all.match(new RegExp(`${row.number}\\b`, 'g'))).toHaveLength(1)
    }
    for (const page of pages.slice(0, -1)) {
      expect(page).toMatch(/Invoice\s+Issue date\s+Due date\s+Total\s+Paid\s+Balance/)
    }
  })

  test('prints the title, as-of date and parties', () => {
    expect(pages[0]).toContain('Statement of account')
    expect(pages[0]).toContain('As of Jun 30, 2025')
    expect(pages[0]).toContain(s.seller.name)
    expect(pages[0]).toContain(s.buyer.name)
  })

  test('prints one aging row per currency and never adds currencies together', () => {
    const last = pages[pages.length - 1]
    expect(last).toMatch(/Aging summary/)
    expect(last).toMatch(/Currency\s+Current\s+1–30 days\s+31–60 days\s+61–90 days\s+Over 90 days\s+Total/)
    for (const aging of s.aging) {
      const row = last.split('\n').find((line) => line.trimStart().startsWith(aging.currency))
      expect(row, `aging row for ${aging.currency}`).toBeDefined()
      const amounts = [...agingBuckets.map((b) => aging.buckets[b]), aging.total]
      expect(row?.trim().split(/\s+/)).toEqual([
        aging.currency,
        ...amounts.map((amount) => formatMoney(amount, aging.currency, 'en')),
      ])
    }
    const [eur, usd] = s.aging
    const mixed = eur.total + usd.total
    expect(last).not.toContain(formatMoney(mixed, 'EUR', 'en'))
    expect(last).not.toContain(formatMoney(mixed, 'USD', 'en'))
  })
})

test('a statement without open invoices says so', async () => {
  const pages = pdfPages(await pdfToBuffer(await renderStatementPdf({ ...statement(0), aging: [] })))
  expect(pages).toHaveLength(1)
  expect(pages[0]).toContain('No open invoices.')
  expect(pages[0]).toContain('Page 1 of 1')
})
