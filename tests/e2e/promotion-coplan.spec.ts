import { expect, signIn, test, unique } from './fixtures.ts'

test('the retailer drafts, the manufacturer edits in another browser, the retailer sees it live without losing typing', async ({
  page,
  newPerson,
}) => {
  test.slow()
  const name = `Summer end-caps ${unique()}`
  await signIn(page, 'admin@brightside.test')
  await page.goto('/promotions/new')
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Starts on').fill('2027-07-01')
  await page.getByLabel('Ends on').fill('2027-07-31')
  await page.getByLabel('Planned spend').fill('3000.00')
  await page.getByRole('checkbox', { name: 'In store' }).check()
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/)
  const url = new URL(page.url()).pathname
  await expect(page.getByText("Manufacturer's contribution").first()).toBeVisible()

  // The retailer starts typing in one field and leaves it unsaved…
  await page.getByLabel('Stores or regions').fill('All Berlin stores')

  // …while the manufacturer changes another field and saves.
  const maker = await newPerson()
  await signIn(maker, 'manager@acme.test')
  await maker.goto(url)
  await maker.getByLabel('Planned spend').fill('4200.00')
  await maker.getByRole('button', { name: 'Save plan' }).click()
  await expect(maker).toHaveURL(/saved=1/)

  // The retailer's page takes the saved value into the untouched field, keeps the typing, and says so.
  await expect(page.getByLabel('Planned spend')).toHaveValue('4200.00')
  await expect(page.getByLabel('Stores or regions')).toHaveValue('All Berlin stores')
  await expect(page.getByRole('status').filter({ hasText: 'changed this promotion — review' })).toBeVisible()

  // Both change the name: the retailer's unsaved name stays, with the manufacturer's beside it and a way to take it.
  await page.getByLabel('Name', { exact: true }).fill('Retailer name')
  await maker.getByLabel('Name', { exact: true }).fill('Manufacturer name')
  await maker.getByRole('button', { name: 'Save plan' }).click()
  await expect(page.getByText('changed this to “Manufacturer name”')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Retailer name')
  await page.getByRole('button', { name: 'Use theirs' }).click()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Manufacturer name')

  // The retailer saves: the regions typed earlier reach the manufacturer live; nothing of theirs was lost.
  await page.getByRole('button', { name: 'Save plan' }).click()
  await expect(page).toHaveURL(/saved=1/)
  await expect(maker.getByLabel('Stores or regions')).toHaveValue('All Berlin stores')
  await expect(maker.getByLabel('Planned spend')).toHaveValue('4200.00')
  await expect(maker.getByLabel('Name', { exact: true })).toHaveValue('Manufacturer name')
})

test('the calendar shows a promotion as a link reachable by keyboard', async ({ page }) => {
  await signIn(page, 'manager@acme.test')
  await page.goto('/promotions')
  await page.getByRole('link', { name: 'Calendar' }).click()
  await expect(page.getByRole('heading', { name: 'Promotion calendar' })).toBeVisible()
  await page.getByRole('link', { name: 'Quarter' }).click()
  await expect(page).toHaveURL(/view=quarter/)
  await page.getByRole('link', { name: 'Next' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/start=\d{4}-\d{2}/)
})

test('without the live push, a clashing save is refused and shows theirs beside what was typed', async ({
  page,
  newPerson,
  consoleErrors,
}) => {
  // The refused save answers 409 on purpose, and the partner's cut socket cannot connect.
  consoleErrors.allow(/409 \(Conflict\)|socket\.io|ERR_FAILED|WebSocket/)
  const name = `Autumn flyers ${unique()}`
  await signIn(page, 'manager@acme.test')
  await page.goto('/promotions/new')
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Starts on').fill('2027-10-01')
  await page.getByLabel('Ends on').fill('2027-10-31')
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/)
  const url = new URL(page.url()).pathname

  // The partner's browser gets no pushes (its socket is cut), so it only learns of the other save by saving.
  const partner = await newPerson()
  await partner.context().routeWebSocket(/socket\.io/, (ws) => ws.close())
  await partner.route(/socket\.io/, (route) => route.abort())
  await signIn(partner, 'admin@brightside.test')
  await partner.goto(url)
  await partner.getByLabel('Expected lift (%)').fill('40')
  await partner.getByLabel('Name', { exact: true }).fill('Partner’s name')

  await page.getByLabel('Name', { exact: true }).fill('Maker’s name')
  await page.getByRole('button', { name: 'Save plan' }).click()
  await expect(page).toHaveURL(/saved=1/)

  await partner.getByRole('button', { name: 'Save plan' }).click()
  await expect(partner.getByText('Someone else changed the same fields')).toBeVisible()
  await expect(partner.getByText('changed this to “Maker’s name”')).toBeVisible()
  await expect(partner.getByLabel('Name', { exact: true })).toHaveValue('Partner’s name')
  await expect(partner.getByLabel('Expected lift (%)')).toHaveValue('40')
  // Keeping their own name after seeing the other is a decision: the next save goes through.
  await partner.getByRole('button', { name: 'Save plan' }).click()
  await expect(partner).toHaveURL(/saved=1/)
  await page.reload()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Partner’s name')
  await expect(page.getByLabel('Expected lift (%)')).toHaveValue('40')
})
