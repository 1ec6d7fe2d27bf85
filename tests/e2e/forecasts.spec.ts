import { expect, type Page, signIn, test, unique } from './fixtures.ts'
import {
  cell,
  cellLabel,
  createPlan,
  gridOf,
  holding,
  LINES,
  type Plan,
  saying,
  watchJoins,
} from './forecast-grid.ts'

const FRIDGE = 'AC-FR-300'
const WASHER = 'AC-WM-8'
const GAP_RULE = 'The two forecasts differ by more than 20% and more than 50 units.'

/** Waits until every typed figure of a grid is saved (leaving earlier would ask before unloading). */
const allSaved = (page: Page) =>
  expect(page.getByRole('status').filter({ hasText: 'All changes saved.' })).toBeVisible()

test('manufacturer and retailer co-forecast one plan live: figures, a conflict, an exception, two versions compared', async ({
  page: maker,
  newPerson,
}) => {
  test.slow()
  await maker.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  // Watching from the start: the socket opens on the first page and outlives client-side navigations.
  const makerLive = watchJoins(maker)
  await signIn(maker, 'manager@acme.test')
  const plan: Plan = await createPlan(maker, {
    name: `Appliances Q3 ${unique()}`,
    weeks: 4,
    skus: [FRIDGE, WASHER],
  })
  const [w1, w2] = [0, 1]
  await makerLive.open(plan, () => maker.getByRole('link', { name: 'Open the grid' }).click())

  const retailer = await newPerson()
  const retailerLive = watchJoins(retailer)
  await signIn(retailer, 'admin@brightside.test')
  await retailerLive.open(plan, () => retailer.goto(plan.url))

  const makerGrid = gridOf(maker, plan)
  const retailerGrid = gridOf(retailer, plan)

  await test.step('the manufacturer types two weeks of its line; the retailer sees them without reloading', async () => {
    // Rows per product: manufacturer, retailer, consensus. The grid is one tab stop; the first cell is selected.
    await makerGrid.focus()
    await maker.keyboard.type('120')
    await maker.keyboard.press('Tab')
    await maker.keyboard.type('130')
    await maker.keyboard.press('Enter')
    await allSaved(maker)
    await expect(cell(retailer, plan, FRIDGE, LINES.maker, w1)).toHaveAccessibleName(holding('120'))
    await expect(cell(retailer, plan, FRIDGE, LINES.maker, w2)).toHaveAccessibleName(holding('130'))
  })

  await test.step('the retailer types into its own line; the manufacturer sees it', async () => {
    await retailerGrid.focus()
    await retailer.keyboard.press('ArrowDown')
    await retailer.keyboard.type('100')
    await retailer.keyboard.press('Enter')
    await expect(cell(maker, plan, FRIDGE, LINES.retailer, w1)).toHaveAccessibleName(holding('100'))
    // 120 against 100 is within the rule (20 units apart): no exception.
    await expect(cell(maker, plan, FRIDGE, LINES.retailer, w1)).not.toHaveAccessibleName(saying(GAP_RULE))
  })

  await test.step('the manufacturer pastes a row copied from a spreadsheet', async () => {
    // The selection is on the fridge's retailer line, week 2 (Enter moved down): go to the washer's first week.
    await maker.keyboard.press('ArrowDown')
    await maker.keyboard.press('ArrowDown')
    await maker.keyboard.press('Home')
    await maker.evaluate((text) => navigator.clipboard.writeText(text), '300\t300\t300\t300')
    await maker.keyboard.press('ControlOrMeta+V')
    await expect(maker.getByRole('status').filter({ hasText: 'Pasted 4 cells.' })).toBeVisible()
    await allSaved(maker)
    for (const week of [0, 1, 2, 3])
      await expect(cell(retailer, plan, WASHER, LINES.maker, week)).toHaveAccessibleName(holding('300'))
  })

  await test.step('figures far apart raise an exception both grids highlight', async () => {
    // From the fridge's consensus (Enter moved down) to the washer's retailer line, week 2.
    await retailer.keyboard.press('ArrowDown')
    await retailer.keyboard.press('ArrowDown')
    await retailer.keyboard.press('ArrowRight')
    await retailer.keyboard.type('200')
    await retailer.keyboard.press('Enter')
    await allSaved(retailer)
    for (const person of [maker, retailer]) {
      await expect(cell(person, plan, WASHER, LINES.retailer, w2)).toHaveAccessibleName(saying(GAP_RULE))
      await expect(cell(person, plan, WASHER, LINES.maker, w2)).toHaveAccessibleName(saying(GAP_RULE))
    }
  })

  await test.step('the retailer explains and resolves the exception; its history says who decided', async () => {
    // Enter moved the selection down to the washer's consensus: back up to the cell and open its exception.
    await retailer.keyboard.press('ArrowUp')
    await retailer.getByRole('button', { name: 'Open the exception' }).click()
    await expect(retailer.getByRole('heading', { name: `${WASHER} · ${plan.weeks[w2].iso}` })).toBeVisible()
    const explain = retailer.getByRole('form', { name: 'Explain' })
    await explain.getByLabel('Note').fill('Our end-cap for the washer is smaller in week 2.')
    await explain.getByRole('button', { name: 'Explain' }).click()
    await expect(retailer.getByText('Explanation saved.')).toBeVisible()
    const resolve = retailer.getByRole('form', { name: 'Resolve' })
    await resolve.getByLabel('Note').fill('Agreed on the call: both plan on 250.')
    await resolve.getByRole('button', { name: 'Resolve' }).click()
    await expect(retailer.getByText('Exception resolved.')).toBeVisible()
    await expect(retailer.getByText('Resolved by Bella Brightside,')).toBeVisible()
    const history = retailer.getByRole('region', { name: 'History' }).getByRole('listitem')
    await expect(history.filter({ hasText: 'Bella Brightside (Brightside Retail) · Opened' })).toHaveCount(1)
    await expect(
      history
        .filter({ hasText: 'Bella Brightside (Brightside Retail) · Resolved · Explained → Resolved' })
        .filter({ hasText: 'Agreed on the call: both plan on 250.' }),
    ).toHaveCount(1)
    // The manufacturer's open grid reloads: the resolved cell is no longer highlighted.
    await expect(cell(maker, plan, WASHER, LINES.maker, w2)).not.toHaveAccessibleName(saying(GAP_RULE))
    await expect(cell(maker, plan, WASHER, LINES.maker, w2)).toHaveAccessibleName(holding('300'))
  })

  await test.step('the exceptions page lists it as resolved, and follows the other side live', async () => {
    await allSaved(maker)
    await makerLive.joinedBy(() => tab(maker, 'Exceptions').click())
    const row = maker
      .getByRole('table', { name: 'Exceptions of this plan, largest gap first' })
      .getByRole('row')
      .filter({ has: maker.getByRole('link', { name: WASHER }) })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(plan.weeks[w2].iso)
    await expect(row).toContainText('Side gap')
    await expect(row).toContainText('Resolved')
    // The figures still break the rule, so the retailer may reopen it: the manufacturer's list shows it at once.
    await retailer.getByRole('form', { name: 'Reopen' }).getByRole('button', { name: 'Reopen' }).click()
    await expect(retailer.getByText('Exception reopened.')).toBeVisible()
    await expect(row).not.toContainText('Resolved')
    await expect(row).toContainText('Open')
  })

  await makerLive.open(plan, () => tab(maker, 'Grid').click())
  await retailerLive.open(plan, () => tab(retailer, 'Grid').click())
  const fridgeConsensus = cellLabel(FRIDGE, LINES.consensus, plan.weeks[w1].label)

  await test.step('both type the same consensus cell: the one who typed over a stale figure sees a conflict and keeps theirs', async () => {
    // The manufacturer starts typing 90 into the fridge's consensus for week 1 and has not pressed Enter yet…
    await makerGrid.focus()
    await maker.keyboard.press('ArrowDown')
    await maker.keyboard.press('ArrowDown')
    await maker.keyboard.type('90')
    await expect(maker.getByRole('textbox', { name: fridgeConsensus })).toHaveValue('90')
    // …while the retailer proposes 110 for the same cell, which reaches the manufacturer's grid under the typing.
    await retailerGrid.focus()
    await retailer.keyboard.press('ArrowDown')
    await retailer.keyboard.press('ArrowDown')
    await retailer.keyboard.type('110')
    await retailer.keyboard.press('Enter')
    await allSaved(retailer)
    await expect(cell(maker, plan, FRIDGE, LINES.consensus, w1)).toHaveAccessibleName(
      saying('110 proposed by Brightside Retail'),
    )
    await maker.keyboard.press('Enter')
    const clash = maker.getByRole('alert').filter({ hasText: 'Someone saved 1 cell while you typed.' })
    // Their figure arrived live, and the push names who saved it.
    await expect(clash.getByRole('listitem').filter({ hasText: fridgeConsensus })).toContainText(
      'Bella Brightside saved 110 while you typed 90.',
    )
    await expect(cell(maker, plan, FRIDGE, LINES.consensus, w1)).toHaveAccessibleName(
      saying('Bella Brightside saved 110 while you typed 90.'),
    )
    await expect(maker.getByRole('status').filter({ hasText: '1 conflict to settle' })).toBeVisible()
    await clash.getByRole('button', { name: 'Keep mine (save again over theirs)' }).click()
    await expect(clash).toBeHidden()
    await allSaved(maker)
    // Keeping 90 replaced the retailer's proposal with the manufacturer's; the retailer accepts it.
    await expect(cell(retailer, plan, FRIDGE, LINES.consensus, w1)).toHaveAccessibleName(
      saying('90 proposed by Acme Appliances'),
    )
    await retailer.getByRole('button', { name: 'Accept 1 proposal' }).click()
    await expect(retailer.getByRole('status').filter({ hasText: '1 proposal accepted.' })).toBeVisible()
    for (const person of [maker, retailer])
      await expect(cell(person, plan, FRIDGE, LINES.consensus, w1)).toHaveAccessibleName(agreed('90'))
  })

  await test.step('the manufacturer publishes version 1', async () => {
    await publish(maker, 'Agreed on the weekly call.')
    await expect(maker.getByText('Version 1 published.')).toBeVisible()
  })

  await test.step('the consensus moves: proposed by the manufacturer, accepted by the retailer', async () => {
    await makerLive.open(plan, () => tab(maker, 'Grid').click())
    await makerGrid.focus()
    await maker.keyboard.press('ArrowDown')
    await maker.keyboard.press('ArrowDown')
    await maker.keyboard.type('150')
    await maker.keyboard.press('Enter')
    await allSaved(maker)
    await expect(cell(retailer, plan, FRIDGE, LINES.consensus, w1)).toHaveAccessibleName(
      saying('150 proposed by Acme Appliances'),
    )
    await retailer.getByRole('button', { name: 'Accept 1 proposal' }).click()
    // 150 against 90 in version 1 moves more than the plan's 30 %: both grids highlight the shift.
    for (const person of [maker, retailer]) {
      const consensus = cell(person, plan, FRIDGE, LINES.consensus, w1)
      await expect(consensus).toHaveAccessibleName(holding('150'))
      await expect(consensus).toHaveAccessibleName(
        saying('The consensus moved more than 30% from published version 1.'),
      )
    }
  })

  await test.step('version 2 compared with version 1 shows the changed cell and its delta', async () => {
    await publish(maker, 'Consensus raised for the promotion.')
    await expect(maker.getByText('Version 2 published.')).toBeVisible()
    await expect(maker.getByRole('heading', { name: 'Version 1 → Version 2: 1 cell changed' })).toBeVisible()
    const changed = maker.getByRole('table', { name: 'Cells whose figures changed' }).getByRole('row')
    const row = changed.filter({ hasText: FRIDGE })
    await expect(row).toHaveCount(1)
    await expect(row.getByRole('cell')).toHaveText([
      /AC-FR-300/,
      plan.weeks[w1].iso,
      '90',
      '150',
      '+60 (+66.7%)',
    ])
    // The retailer finds both versions, published by the manufacturer.
    await tab(retailer, 'Versions').click()
    const versions = retailer.getByRole('table', { name: 'Published versions, newest first' })
    await expect(versions.getByRole('row').filter({ hasText: 'Maya Manager (Acme Appliances)' })).toHaveCount(
      2,
    )
    await versions.getByRole('link', { name: 'Version 2' }).click()
    await expect(
      retailer.getByRole('heading', { name: 'Version 1 → Version 2: 1 cell changed' }),
    ).toBeVisible()
  })
})

/** A tab of the plan's pages. */
const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name, exact: true })

/** An agreed consensus figure with no proposal waiting: the figure is all the cell says. */
const agreed = (figure: string) => new RegExp(`: ${figure}$`)

/** Publishes the grid as it is now from the Versions tab, with a note. */
async function publish(page: Page, note: string) {
  await allSaved(page)
  await tab(page, 'Versions').click()
  const form = page.getByRole('form', { name: 'Publish a version' })
  await form.getByRole('textbox').fill(note)
  await form.getByRole('button', { name: 'Publish' }).click()
}
