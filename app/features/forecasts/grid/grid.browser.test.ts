import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, expect, type Page } from '@playwright/test'
import tailwindcss from '@tailwindcss/vite'
import { build, type Rollup } from 'vite'
import { afterAll, afterEach, beforeAll, describe, test } from 'vitest'
import { testGrid } from '#tests/support/forecast-grid/grid-fixture.ts'
import type { ForecastGrid } from '../grid-types.ts'

/**
 * The grid component in Chromium: the harness page (tests/support/forecast-grid/harness) is built with Vite and the app's styles, served from
 * memory, and driven with the keyboard and mouse as a person would. Its callbacks answer from an in-memory server
 * that keeps versions, so saves, conflicts and live pushes behave as they do against save-forecast-cells.
 */

const harnessDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../tests/support/forecast-grid/harness',
)
const origin = 'http://grid.test'
let files: Map<string, { body: string | Uint8Array; type: string }>
let browser: Browser

beforeAll(async () => {
  const output = (await build({
    configFile: false,
    root: harnessDir,
    logLevel: 'error',
    plugins: [tailwindcss()],
    // React's development build, so its warnings (keys, state updates) reach the console and fail the test.
    mode: 'development',
    define: { 'process.env.NODE_ENV': '"development"' },
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      rollupOptions: { input: path.join(harnessDir, 'index.html') },
    },
  })) as Rollup.RollupOutput
  files = new Map()
  for (const out of output.output) {
    const body = out.type === 'chunk' ? out.code : out.source
    const type = out.fileName.endsWith('.js')
      ? 'text/javascript'
      : out.fileName.endsWith('.css')
        ? 'text/css'
        : 'text/html'
    files.set(`/${out.fileName}`, { body, type })
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

// Every page's errors (uncaught, React's warnings in its development build) fail the test that opened it.
let opened: { page: Page; errors: string[] } | null = null
afterEach(async () => {
  const current = opened
  opened = null
  await current?.page.close()
  expect(current?.errors ?? []).toEqual([])
})

async function open(grid: ForecastGrid, lang = 'en') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.route(`${origin}/**`, (route) => {
    const file = files.get(new URL(route.request().url()).pathname.replace(/^\/$/, '/index.html'))
    return file ? route.fulfill({ body: Buffer.from(file.body), contentType: file.type }) : route.abort()
  })
  await page.addInitScript(
    (setup) => {
      window.__gridSetup = setup
    },
    { grid, lang },
  )
  await page.goto(`${origin}/`)
  await page.getByRole('grid').waitFor()
  opened = { page, errors }
  return { page, errors }
}

const cell = (page: Page, name: string) => page.getByRole('gridcell', { name: new RegExp(`^${name}:`) })
const partner = (sku: string, week: string) => `${sku} · Brightside Stores forecast · ${week}, 2027`
const saves = (page: Page) => page.evaluate(() => window.harness.saves)

describe('the co-forecast grid in a browser', () => {
  test('500 products × 52 weeks render only what is on screen, with the weeks and SKUs sticky', async () => {
    const { page } = await open(testGrid({ products: 500, weeks: 52, fill: { host: () => 10 } }))
    const grid = page.getByRole('grid')
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('1501')
    expect(await grid.getAttribute('aria-colcount')).toBe('54')
    const rendered = await page.getByRole('gridcell').count()
    expect(rendered).toBeGreaterThan(50)
    expect(rendered).toBeLessThan(1500)

    // To the last week of the last product: the cell is rendered, selected and in view under the sticky parts.
    await cell(page, partner('SKU-001', 'Jan 4')).click()
    await page.keyboard.press('Control+End')
    const last = page.getByRole('gridcell', { name: /^SKU-500 · Consensus · Dec 27, 2027:/ })
    await expect.poll(() => last.getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => grid.getAttribute('aria-activedescendant')).toBe(await last.getAttribute('id'))
    const box = await grid.boundingBox()
    const lastBox = await last.boundingBox()
    const header = await page.getByRole('columnheader', { name: 'Dec 27' }).boundingBox()
    const sku = await page.getByRole('rowheader').first().boundingBox()
    if (!box || !lastBox || !header || !sku) throw new Error('laid out')
    expect(header.y).toBeLessThan(box.y + 5)
    expect(sku.x).toBeLessThan(box.x + 5)
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(box.y + box.height + 1)
    expect(lastBox.x).toBeGreaterThan(sku.x + sku.width - 1)
  }, 60_000)

  test('typed cells save together after a pause, one request per line, with the versions typed over', async () => {
    const { page } = await open(testGrid({ fill: { partner: () => 100 } }))
    await cell(page, partner('SKU-002', 'Jan 11')).click()
    await page.keyboard.type('120')
    await page.keyboard.press('Tab')
    await page.keyboard.type('130')
    await page.keyboard.press('Enter')
    await page.keyboard.type('7')
    await page.keyboard.press('Tab')
    // Per line, every cell once (on a machine slow enough to pause 400 ms between keys, in more requests).
    const sentOn = async (line: string) =>
      (await saves(page))
        .filter((s) => s.line === line)
        .flatMap((s) => s.cells.map((c) => [c.weekStart, c.value, c.baseVersion]))
    await expect.poll(() => sentOn('consensus')).toEqual([['2027-01-18', 7, 0]])
    expect(await sentOn('partner')).toEqual([
      ['2027-01-11', 120, 1],
      ['2027-01-18', 130, 1],
    ])
    await expect(cell(page, partner('SKU-002', 'Jan 11'))).toHaveText('120')
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved.' })).toBeVisible()
    // Enter moved down to SKU-002's consensus line, Tab on to the next week.
    await expect(page.getByRole('gridcell', { selected: true })).toHaveAccessibleName(
      /^SKU-002 · Consensus · Jan 25/,
    )
  })

  test('Escape cancels typing, Delete clears a figure, and another side’s line cannot be typed into', async () => {
    const { page } = await open(testGrid({ fill: { partner: () => 100, host: () => 50 } }))
    await cell(page, partner('SKU-001', 'Jan 4')).click()
    await page.keyboard.type('999')
    await page.keyboard.press('Escape')
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('100')
    await page.keyboard.press('Delete')
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.type('5')
    await expect(page.getByText('This row is read-only')).toBeVisible()
    await expect.poll(() => saves(page)).toHaveLength(1)
    expect((await saves(page))[0].cells).toEqual([expect.objectContaining({ value: null, baseVersion: 1 })])
  })

  test('a double click edits the figure in place; clicking away keeps what was typed and selects that cell', async () => {
    const { page } = await open(testGrid({ fill: { partner: () => 100 } }))
    await cell(page, partner('SKU-001', 'Jan 4')).dblclick()
    const input = page.getByRole('textbox', { name: partner('SKU-001', 'Jan 4') })
    await expect(input).toHaveValue('100')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.type('5')
    await cell(page, partner('SKU-003', 'Jan 18')).click()
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('1,050')
    await expect(cell(page, partner('SKU-003', 'Jan 18'))).toHaveAttribute('aria-selected', 'true')
    await expect.poll(() => saves(page)).toHaveLength(1)
    expect((await saves(page))[0].cells).toEqual([expect.objectContaining({ value: 1050, baseVersion: 1 })])
  })

  test('Shift+arrows select a block: Delete clears its cells of the person’s line; Ctrl+C copies it as text', async () => {
    const { page } = await open(testGrid({ fill: { partner: (p, w) => p * 10 + w, host: () => 7 } }))
    await cell(page, partner('SKU-001', 'Jan 11')).click()
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowDown')
    await expect(page.getByRole('gridcell', { selected: true })).toHaveCount(6)
    const copied = await page.getByRole('grid').evaluate((el) => {
      const data = new DataTransfer()
      el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }))
      return data.getData('text/plain')
    })
    expect(copied).toBe('1\t2\n\t\n7\t7')
    await page.keyboard.press('Delete')
    await expect(cell(page, partner('SKU-001', 'Jan 18'))).toHaveText('')
    await expect(
      page.getByRole('gridcell', { name: /^SKU-002 · Acme Appliances forecast · Jan 11, 2027:/ }),
    ).toHaveText('7')
    await expect.poll(() => saves(page)).toHaveLength(1)
    expect((await saves(page))[0].cells.map((c) => [c.weekStart, c.value])).toEqual([
      ['2027-01-11', null],
      ['2027-01-18', null],
    ])
  })

  test('a pasted block fills the line of the following products and saves at once; fill right copies a figure', async () => {
    const grid = testGrid({ weeks: 6 })
    const { page } = await open(grid)
    await cell(page, partner('SKU-001', 'Jan 11')).click()
    await page.getByRole('grid').evaluate((el) => {
      const data = new DataTransfer()
      data.setData('text/plain', '1\t2\n3\t4\n')
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    })
    await expect.poll(() => saves(page)).toHaveLength(1)
    expect((await saves(page))[0].cells.map((c) => c.value)).toEqual([1, 2, 3, 4])
    await expect(cell(page, partner('SKU-002', 'Jan 18'))).toHaveText('4')

    await page.keyboard.press('Control+r')
    await expect.poll(() => saves(page)).toHaveLength(2)
    expect((await saves(page))[1].cells.map((c) => [c.weekStart, c.value])).toEqual([
      ['2027-01-18', 1],
      ['2027-01-25', 1],
      ['2027-02-01', 1],
      ['2027-02-08', 1],
    ])

    // Ctrl+R while typing keeps the figure typed and fills from it, without reloading the page.
    for (const _ of [1, 2, 3]) await page.keyboard.press('ArrowDown')
    await page.keyboard.type('8')
    await page.keyboard.press('Control+r')
    await expect.poll(() => saves(page)).toHaveLength(3)
    expect((await saves(page))[2].cells.map((c) => [c.productId, c.weekStart, c.value])).toEqual(
      ['2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08'].map((w) => [
        grid.products[1].id,
        w,
        8,
      ]),
    )
  })

  test('a cell someone saved meanwhile is refused, shown with both figures, and kept mine on request', async () => {
    const { page } = await open(testGrid({ fill: { partner: () => 100 } }))
    await page.evaluate(() => window.harness.theyWrite('partner', 0, 1, 140))
    await cell(page, partner('SKU-001', 'Jan 11')).click()
    await page.keyboard.type('120')
    await page.keyboard.press('Enter')
    const alert = page.getByRole('alert').filter({ hasText: 'Priya saved 140 while you typed 120.' })
    await expect(alert).toBeVisible()
    await expect(cell(page, partner('SKU-001', 'Jan 11'))).toHaveAccessibleName(
      /Priya saved 140 while you typed 120/,
    )
    await expect(cell(page, partner('SKU-001', 'Jan 11'))).toHaveText('120')
    await alert.getByRole('button', { name: 'Keep mine' }).click()
    await expect.poll(() => saves(page)).toHaveLength(2)
    expect((await saves(page))[1].cells).toEqual([expect.objectContaining({ value: 120, baseVersion: 2 })])
    await expect(alert).toBeHidden()
  })

  test('live updates replace untouched cells (briefly highlighted) and turn an unsaved edit into a conflict', async () => {
    const { page } = await open(testGrid({ fill: { host: () => 10 } }))
    await page.evaluate(() => {
      window.harness.holding = true
      window.harness.push([window.harness.theyWrite('host', 2, 0, 77)])
    })
    await expect(
      page.getByRole('gridcell', { name: /^SKU-003 · Acme Appliances forecast · Jan 4, 2027:/ }),
    ).toHaveText('77')

    await cell(page, partner('SKU-001', 'Jan 4')).click()
    await page.keyboard.type('55')
    await page.keyboard.press('Enter')
    // Whether the push lands before the save goes (a conflict at once) or while it is held (the save's answer
    // refuses it), the person ends up choosing between the two figures.
    await page.evaluate(() => window.harness.push([window.harness.theyWrite('partner', 0, 0, 60, 'Sam')]))
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('55')
    await page.evaluate(() => window.harness.release())
    await expect(page.getByRole('alert').filter({ hasText: 'saved 60 while you typed 55' })).toBeVisible()
    await page.getByRole('alert').getByRole('button', { name: 'Use theirs' }).click()
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('60')
    await page.waitForTimeout(600)
    expect((await saves(page)).length).toBeLessThanOrEqual(1)
  })

  test('a failed save keeps the figure and is sent again on retry', async () => {
    const { page } = await open(testGrid())
    await page.evaluate(() => {
      window.harness.failNext = 1
    })
    await cell(page, partner('SKU-001', 'Jan 4')).click()
    await page.keyboard.type('42')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: '1 change not saved' })).toBeVisible()
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('42')
    await page.getByRole('button', { name: 'Retry saving' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved.' })).toBeVisible()
    expect(await saves(page)).toHaveLength(2)
  })

  test('proposals, promotions, adjustments and exceptions carry their actions', async () => {
    const g = testGrid({ fill: { partner: () => 100, consensus: () => 90 } })
    g.proposals.proposed[1] = 120
    g.proposals.by[1] = 'host'
    g.events = [
      {
        promotionId: 'promo-1',
        name: 'Spring end-cap',
        status: 'approved',
        startsOn: '2027-01-11',
        endsOn: '2027-01-24',
        expectedLiftBp: 1500,
        weekIndexes: [1, 2],
        productIndexes: [0],
      },
    ]
    const units = Array(12).fill(0)
    units[1] = 15
    g.adjustments = [
      {
        id: 'adj-1',
        line: 'partner',
        label: 'Spring end-cap lift',
        liftBp: 1500,
        promotionId: 'promo-2',
        units,
      },
    ]
    g.exceptions = [
      { id: 'exc-1', productIndex: 1, weekIndex: 2, rule: 'side_gap', status: 'open', breaking: true },
    ]
    const { page } = await open(g)

    const proposal = page.getByRole('gridcell', { name: /^SKU-001 · Consensus · Jan 11, 2027:/ })
    await expect(proposal).toHaveAccessibleName(/120 proposed by Acme Appliances/)
    await proposal.click()
    await page.getByRole('button', { name: 'Accept', exact: true }).click()
    await expect
      .poll(() => page.evaluate(() => window.harness.accepts))
      .toEqual([[{ productId: g.products[0].id, weekStart: '2027-01-11', baseVersion: 1 }]])
    await page.getByRole('button', { name: 'Accept 1 proposal' }).click()
    await expect.poll(() => page.evaluate(() => window.harness.accepts.length)).toBe(2)

    await page.getByRole('button', { name: 'Apply the lift of Spring end-cap to my line' }).click()
    await expect.poll(() => page.evaluate(() => window.harness.lifts)).toEqual(['promo-1'])
    await expect(page.getByRole('rowheader', { name: '+ Spring end-cap lift Undo' })).toBeVisible()
    await expect(
      page.getByRole('gridcell', { name: /^SKU-001 · Spring end-cap lift · Jan 11, 2027: \+15/ }),
    ).toBeVisible()
    await expect(
      page.getByRole('gridcell', {
        name: /^SKU-001 · Brightside Stores forecast, total with lifts · Jan 11, 2027: 115/,
      }),
    ).toBeVisible()
    await page.getByRole('button', { name: 'Undo', exact: true }).click()
    await expect.poll(() => page.evaluate(() => window.harness.undos)).toEqual(['adj-1'])

    const exception = page.getByRole('gridcell', {
      name: /^SKU-002 · Acme Appliances forecast · Jan 18, 2027:/,
    })
    await expect(exception).toHaveAttribute('title', /differ by more than 20% and more than 50 units/)
    await exception.locator('[data-exception]').click()
    await expect.poll(() => page.evaluate(() => window.harness.exceptions)).toEqual(['exc-1'])
  })

  test('a viewer reads the grid and changes nothing', async () => {
    const { page } = await open(testGrid({ canEdit: false, fill: { partner: () => 100 } }))
    await cell(page, partner('SKU-001', 'Jan 4')).click()
    await page.keyboard.type('5')
    await page.keyboard.press('Delete')
    await page.keyboard.press('Control+r')
    await expect(
      page.getByText('You can read this forecast but not change its figures.').first(),
    ).toBeVisible()
    await expect(cell(page, partner('SKU-001', 'Jan 4'))).toHaveText('100')
    await expect(page.getByRole('button', { name: 'Fill right' })).toHaveCount(0)
    expect(await saves(page)).toEqual([])
  })

  test('right to left (Persian), the next week is to the left', async () => {
    const { page } = await open(testGrid(), 'fa')
    const first = page.getByRole('gridcell').first()
    await first.click()
    await page.keyboard.press('ArrowLeft')
    await expect(page.getByRole('gridcell', { selected: true })).toHaveAttribute('aria-colindex', '4')
  })
})
