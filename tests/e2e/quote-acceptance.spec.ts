import { readFileSync } from 'node:fs'
import { pdfToText } from '../support/pdf/pdf-test-tools.ts'
import { expect, linkIn, signIn, test, unique } from './fixtures.ts'

test('staff send a quote; the customer opens the emailed link, adds an optional line, signs and accepts; the PDF carries it', async ({
  page,
  newPerson,
  mailbox,
  consoleErrors,
}) => {
  test.slow()
  const title = `Lobby refresh ${unique()}`

  // Staff draft and send.
  await signIn(page, 'manager@acme.test')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click()
  await page.getByRole('link', { name: 'New quote' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New quote' })).toBeVisible()
  await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Evergreen Hotels' })
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.getByLabel('Description').first().fill('Espresso machine')
  await page.getByLabel('Qty').first().fill('2')
  await page
    .getByLabel(/Unit price/)
    .first()
    .fill('1299.00')
  await page.getByLabel('Tax %').first().fill('20')
  await page.getByRole('button', { name: 'Add line' }).click()
  await page.getByLabel('Description').nth(1).fill('Three-year service plan')
  await page
    .getByLabel(/Unit price/)
    .nth(1)
    .fill('199.50')
  await page.getByLabel('Optional').nth(1).check()
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
  await page.getByRole('button', { name: 'Send to customer' }).click()
  await expect(page.getByRole('status')).toContainText(/Quote Q-\d{4}-\d{4} was sent/)
  const number = (await page.getByRole('heading', { level: 1 }).textContent())?.match(/Q-\d{4}-\d{4}/)?.[0]
  expect(number).toBeTruthy()

  // The customer follows the emailed link.
  const mail = await mailbox.waitFor('portal@evergreen.test', { subject: number })
  const link = linkIn(mail, '/quotes/')
  const customer = await newPerson()
  await signIn(customer, 'portal@evergreen.test')
  await customer.goto(link)
  await expect(customer.getByRole('heading', { level: 1 })).toContainText(number as string)
  await expect(customer.getByText('Viewed', { exact: true })).toBeVisible()
  // 2 × 1,299.00 + 20% = 3,117.60 without the option; + 199.50 = 3,317.10 with it.
  await expect(customer.getByLabel('Totals')).toContainText('$3,117.60')
  await customer.getByLabel('Add this optional item').check()
  await customer.getByLabel('Draw').check()
  const pad = customer.getByTestId('signature-canvas')
  const box = await pad.boundingBox()
  if (!box) throw new Error('no signature pad')
  await customer.mouse.move(box.x + 20, box.y + box.height * 0.7)
  await customer.mouse.down()
  for (let i = 1; i <= 12; i++) {
    await customer.mouse.move(box.x + 20 + i * 25, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2)))
  }
  await customer.mouse.up()
  await customer.getByLabel('Your full name').fill('Emil Portal')
  await customer.getByLabel(/I accept this quote/).check()
  await customer.getByRole('button', { name: 'Accept and sign' }).click()
  await expect(customer.getByRole('status')).toContainText('the quote is accepted')
  await expect(customer.getByLabel('Totals')).toContainText('$3,317.10')
  await expect(customer.getByRole('heading', { name: 'Accepted by Emil Portal' })).toBeVisible()

  // The signed PDF.
  const download = customer.waitForEvent('download')
  await customer.getByRole('link', { name: 'Download PDF' }).click()
  const file = await (await download).path()
  const text = pdfToText(readFileSync(file))
  expect(text).toContain(number as string)
  expect(text).toContain('$3,317.10')
  expect(text).toContain('Emil Portal')
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')

  // The seller sees it accepted and locked.
  await page.reload()
  await expect(page.getByText('This quote is accepted and locked')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Revise' })).toHaveCount(0)

  // Another customer cannot open it by URL.
  consoleErrors.allow(/status of 404/)
  const stranger = await newPerson()
  await signIn(stranger, 'portal@pars.test')
  const res = await stranger.goto(link)
  expect(res?.status()).toBe(404)
  await expect(stranger.getByText(title)).toHaveCount(0)
})
