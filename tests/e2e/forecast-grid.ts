import { expect, type Page } from './fixtures.ts'

// Helpers for the co-forecast spec: a plan made through the pages, the weeks as the grid names them, its cells by
// their accessible names, and waiting until a grid has joined its plan's live room.

export const LINES = {
  maker: 'Acme Appliances forecast',
  retailer: 'Brightside Retail forecast',
  consensus: 'Consensus',
} as const

const weekFormat = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

export type Plan = { id: string; url: string; name: string; weeks: { iso: string; label: string }[] }

/**
 * The manufacturer starts a plan with the retailer on /forecasts/new (from next week, the rules of the agreement)
 * and adds two catalogue products on its setup page.
 */
export async function createPlan(page: Page, input: { name: string; weeks: number; skus: string[] }) {
  await page.goto('/forecasts/new')
  await page.getByLabel('Partner').selectOption({ label: 'Brightside Retail' })
  const first = await page.getByLabel('First week').inputValue()
  await page.getByLabel('Name', { exact: true }).fill(input.name)
  await page.getByLabel('Horizon (weeks)').fill(String(input.weeks))
  await page.getByLabel('Difference between the two forecasts, in percent').fill('20')
  await page.getByLabel('Difference between the two forecasts, in units').fill('50')
  await page.getByRole('button', { name: 'Create plan' }).click()
  await expect(page.getByText('Plan created. Add its products below.')).toBeVisible()
  const id = /\/forecasts\/([0-9a-f-]{36})\/setup/.exec(page.url())?.[1]
  if (!id) throw new Error(`Not on a plan's setup page: ${page.url()}`)
  for (const sku of input.skus) {
    // The picker shows a page of the catalogue: search for the product first.
    await page.getByRole('searchbox', { name: 'Search by SKU or name' }).fill(sku)
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`[?&]q=${sku}`))
    await page.getByRole('button', { name: `Add ${sku}` }).click()
    await expect(page.getByRole('table', { name: 'Products of the plan' }).getByText(sku)).toBeVisible()
  }
  const start = Date.parse(`${first}T00:00:00Z`)
  const weeks = Array.from({ length: input.weeks }, (_, i) => {
    const day = new Date(start + i * 7 * 86_400_000)
    return { iso: day.toISOString().slice(0, 10), label: weekFormat.format(day) }
  })
  return { id, url: `/forecasts/${id}`, name: input.name, weeks } satisfies Plan
}

/**
 * Counts the `forecast:join` messages a page's socket sends. The server handles a join before any later request
 * of the test (its database queries queue in order), so once it is sent that grid gets every push after it.
 */
export function watchJoins(page: Page) {
  let joins = 0
  page.on('websocket', (ws) => {
    ws.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('"forecast:join"')) joins++
    })
  })
  return {
    /** Runs `open` (a navigation to the grid) and waits for the grid and its join. */
    async open(plan: Plan, open: () => Promise<unknown>) {
      const before = joins
      await open()
      await expect(gridOf(page, plan)).toBeVisible()
      await expect.poll(() => joins, { message: 'the grid joins its plan room' }).toBeGreaterThan(before)
    },
    /** Runs `act` (a navigation to another page of the plan) and waits for that page to join the plan room. */
    async joinedBy(act: () => Promise<unknown>) {
      const before = joins
      await act()
      await expect.poll(() => joins, { message: 'the page joins its plan room' }).toBeGreaterThan(before)
    },
  }
}

export const gridOf = (page: Page, plan: Plan) =>
  page.getByRole('grid', { name: `${plan.name}: forecast grid` })

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A cell's accessible name starts with "SKU · line · week:". */
export const cellLabel = (sku: string, line: string, week: string) => `${sku} · ${line} · ${week}`

export function cell(page: Page, plan: Plan, sku: string, line: string, week: number) {
  const label = cellLabel(sku, line, plan.weeks[week].label)
  return gridOf(page, plan).getByRole('gridcell', { name: new RegExp(`^${escapeRegExp(label)}: `) })
}

/** The name of a cell holding `figure` ("blank" for none), whatever else it says after it. */
export const holding = (figure: string) => new RegExp(`: ${escapeRegExp(figure)}(\\. |$)`)

/** The name of a cell saying `text` after its figure (a proposal, an exception's rule, a conflict). */
export const saying = (text: string) => new RegExp(`: .*${escapeRegExp(text)}`)
