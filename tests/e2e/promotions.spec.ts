import PDFDocument from 'pdfkit'
import { expect, type Page, signIn, test, unique } from './fixtures.ts'

type Locator = ReturnType<Page['locator']>
type Balances = { allocated: number; committed: number; spent: number; available: number }

const FUND = 'Co-op 2027 Q1'

/** "$1,500.00" → 150000 (minor units), whatever the currency sign. */
function cents(text: string): number {
  const match = text.replace(/,/g, '').match(/(-?)\D*(\d+)\.(\d{2})/)
  if (!match) throw new Error(`No amount in "${text}"`)
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]))
}

/** One row of a balances table, read by its column headers (Allocated, Committed, Spent, Available). */
async function balancesIn(table: Locator, rowText: string): Promise<Balances> {
  const row = table.getByRole('row').filter({ hasText: rowText })
  await expect(row).toHaveCount(1)
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim().toLowerCase())
  const cells = await row.getByRole('cell').allTextContents()
  const column = (name: string) => {
    const at = headers.indexOf(name)
    if (at < 0) throw new Error(`No "${name}" column in ${headers.join(', ')}`)
    return cents(cells[at])
  }
  return {
    allocated: column('allocated'),
    committed: column('committed'),
    spent: column('spent'),
    available: column('available'),
  }
}

/** The retailer's own allocation of the demo fund, as /funds shows it. */
async function retailerBalances(page: Page) {
  await page.goto('/funds')
  return balancesIn(page.getByRole('region', { name: 'Funds allocated to you' }), FUND)
}

/** The figure beside a term in a page's summary (<dt>label</dt><dd>figure</dd>). */
function figure(page: Page, term: string) {
  return page
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]')
}

/** A one-page PDF, as a display photo's cover sheet would be. */
function proofPdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.fontSize(18).text(text)
    doc.end()
  })
}

/** The start of a real Windows executable: "MZ", a DOS stub, and the PE header the offset at 0x3c points to. */
function windowsExecutable() {
  const exe = Buffer.alloc(4096)
  exe.write('MZ', 0, 'latin1')
  exe.writeUInt32LE(0x80, 0x3c)
  exe.write('PE\0\0', 0x80, 'latin1')
  return exe
}

test('a retailer and a manufacturer co-plan a promotion live, fund it, claim with proof, and agree on the balances; another retailer sees none of it', async ({
  page,
  newPerson,
  consoleErrors,
}) => {
  test.slow()
  const name = `Summer end-caps ${unique()}`
  const retailer = page
  await signIn(retailer, 'admin@brightside.test')
  const before = await retailerBalances(retailer)

  // 1. The retailer drafts the promotion on its partnership with Acme.
  // From here on the retailer's page stays one document: this resolves once its socket has connected (socket.io's
  // connect acknowledgement), so the other side's pushes reach it.
  const socketReady = retailer
    .waitForEvent('websocket', { predicate: (ws) => ws.url().includes('/socket.io'), timeout: 30_000 })
    .then((ws) =>
      ws.waitForEvent('framereceived', {
        predicate: (frame) => String(frame.payload).startsWith('40'),
        timeout: 30_000,
      }),
    )
  await retailer.goto('/promotions/new')
  await retailer
    .getByRole('combobox', { name: 'Partner', exact: true })
    .selectOption({ label: 'Acme Appliances' })
  await retailer.getByLabel('Name', { exact: true }).fill(name)
  await retailer.getByRole('combobox', { name: 'Mechanics' }).selectOption({ label: 'Display' })
  await retailer.getByLabel('Starts on').fill('2027-02-01')
  await retailer.getByLabel('Ends on').fill('2027-02-28')
  await retailer.getByLabel('Planned spend').fill('1000.00')
  await retailer.getByLabel("Partner's contribution").fill('300.00')
  await retailer.getByLabel('Expected lift (%)').fill('20')
  await retailer.getByRole('button', { name: 'Create draft' }).click()
  await expect(retailer).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/)
  await expect(retailer.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(figure(retailer, 'Planned spend')).toHaveText('$1,000.00')
  const promotionUrl = new URL(retailer.url()).pathname
  // Survives only as long as this document does: a reload would drop it.
  await retailer.evaluate(() => {
    ;(window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument = true
  })
  await socketReady

  // 2. Acme's manager opens it in another browser and raises the planned spend; the retailer's open page follows.
  const manager = await newPerson()
  await signIn(manager, 'manager@acme.test')
  await manager.goto(promotionUrl)
  await expect(manager.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(manager.getByLabel('Planned spend')).toHaveValue('1000.00')
  await manager.getByLabel('Planned spend').fill('1500.00')
  await manager.getByRole('button', { name: 'Save plan' }).click()
  await expect(manager).toHaveURL(/\?saved=1$/)
  await expect(figure(manager, 'Planned spend')).toHaveText('$1,500.00')

  await expect(figure(retailer, 'Planned spend')).toHaveText('$1,500.00')
  await expect(figure(retailer, "Manufacturer's contribution")).toHaveText('$1,200.00')
  await expect(retailer.getByLabel('Planned spend')).toHaveValue('1500.00')
  await expect(
    retailer.getByRole('status').filter({ hasText: 'Acme Appliances changed this promotion — review.' }),
  ).toContainText('Changed: Planned spend.')
  await expect(retailer.getByText('Acme Appliances changed this to “1500.00”.')).toBeVisible()
  expect(
    await retailer.evaluate(
      () => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument === true,
    ),
    'the retailer page was not reloaded',
  ).toBe(true)

  // 3. The retailer asks the fund for the manufacturer's part; the manager approves part of it.
  await retailer.getByRole('combobox', { name: 'Fund', exact: true }).selectOption({ label: FUND })
  await retailer.getByLabel('Amount to request').fill('1200.00')
  await retailer.getByRole('button', { name: 'Submit for funding' }).click()
  await expect(retailer.getByRole('region', { name: 'History' })).toContainText('Draft → Submitted')
  await expect(figure(retailer, 'Requested')).toHaveText('$1,200.00')

  await manager.goto(promotionUrl)
  await expect(manager.getByLabel('Amount to approve')).toHaveValue('1200.00')
  await manager.getByLabel('Amount to approve').fill('1000.00')
  await manager.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(manager.getByRole('region', { name: 'History' })).toContainText('Submitted → Approved')
  await expect(figure(manager, 'Approved')).toHaveText('$1,000.00')

  // 4. The manager marks it live.
  await manager.getByRole('button', { name: 'Mark live' }).click()
  await expect(manager.getByRole('region', { name: 'History' })).toContainText('Approved → Live')
  await expect(retailer.getByRole('region', { name: 'History' })).toContainText('Approved → Live')

  // 5. The retailer claims on the Claims tab: a renamed executable is refused, a real PDF is filed.
  await retailer.getByRole('navigation', { name: 'Promotion' }).getByRole('link', { name: 'Claims' }).click()
  await expect(retailer).toHaveURL(`${promotionUrl}/claims`)
  await expect(figure(retailer, 'Approved for the promotion')).toHaveText('$1,000.00')
  await expect(retailer.getByText('No claims on this promotion yet.')).toBeVisible()
  const claimForm = retailer.getByRole('region', { name: 'File a claim' })
  const description = `End-cap displays in 12 stores, 1–28 February ${unique()}`
  await claimForm.getByLabel('Amount (USD)').fill('400.00')
  await claimForm.getByLabel('What was done').fill(description)

  consoleErrors.allow(/status of 415/)
  await claimForm
    .getByLabel('Proof of performance')
    .setInputFiles({ name: 'proof.pdf', mimeType: 'application/pdf', buffer: windowsExecutable() })
  await claimForm.getByRole('button', { name: 'File claim' }).click()
  await expect(claimForm.getByRole('alert')).toContainText(
    "“proof.pdf” is a Windows executable (exe), which can't be attached as proof.",
  )
  await expect(claimForm.getByLabel('Amount (USD)')).toHaveValue('400.00')
  await expect(claimForm.getByLabel('What was done')).toHaveValue(description)
  await expect(retailer.getByText('No claims on this promotion yet.')).toBeVisible()

  await claimForm.getByLabel('Proof of performance').setInputFiles({
    name: 'display-photos.pdf',
    mimeType: 'application/pdf',
    buffer: await proofPdf(`Proof of performance: ${description}`),
  })
  await claimForm.getByRole('button', { name: 'File claim' }).click()
  await expect(
    retailer.getByRole('status').filter({ hasText: 'Your claim was filed. The manufacturer has been told.' }),
  ).toBeVisible()
  const claim = retailer
    .getByRole('list', { name: 'Claims' })
    .getByRole('listitem')
    .filter({ hasText: description })
  await expect(claim).toHaveCount(1)
  await expect(claim).toContainText('Waiting for decision')
  await expect(claim.getByRole('list', { name: 'Proof' })).toContainText('display-photos.pdf')
  await expect(claim.getByRole('list', { name: 'Proof' })).not.toContainText('proof.pdf')
  const claimUrl = (await claim.getByRole('link', { name: '$400.00' }).getAttribute('href')) ?? ''
  expect(claimUrl).toMatch(/^\/claims\/[0-9a-f-]{36}$/)

  // 6. The manager approves the claim on its page.
  await manager.goto(claimUrl)
  await expect(manager.getByRole('heading', { level: 1, name: `${name}: $400.00` })).toBeVisible()
  await manager
    .getByRole('form', { name: 'Decision' })
    .getByRole('button', { name: 'Approve in full' })
    .click()
  await expect(
    manager.getByRole('status').filter({ hasText: 'The claim is decided; the partner has been told.' }),
  ).toBeVisible()
  await expect(figure(manager, 'Approved')).toHaveText('$400.00')

  // 7. Both sides show the same balances: 1,000.00 approved is committed, the 400.00 claimed moved to spent.
  const expected: Balances = {
    allocated: before.allocated,
    committed: before.committed + 100_000 - 40_000,
    spent: before.spent + 40_000,
    available: before.available - 100_000,
  }
  const mine = await retailerBalances(retailer)
  expect(mine).toEqual(expected)
  expect(mine.available).toBe(mine.allocated - mine.committed - mine.spent)
  const fundUrl =
    (await retailer
      .getByRole('region', { name: 'Funds allocated to you' })
      .getByRole('link', { name: FUND })
      .getAttribute('href')) ?? ''
  expect(fundUrl).toMatch(/^\/funds\/[0-9a-f-]{36}$/)
  await manager.goto(fundUrl)
  await expect(manager.getByRole('heading', { level: 1, name: FUND })).toBeVisible()
  const theirs = await balancesIn(manager.getByRole('region', { name: 'Allocations' }), 'Brightside Retail')
  expect(theirs).toEqual(mine)

  await retailer.goto(`${promotionUrl}/claims`)
  await expect(figure(retailer, 'Approved for the promotion')).toHaveText('$1,000.00')
  await expect(figure(retailer, 'Spent on claims')).toHaveText('$400.00')
  await expect(figure(retailer, 'Still committed')).toHaveText('$600.00')

  // 8. Another retailer of Acme finds none of it: not by its address, not in its lists.
  await retailer.goto(`/promotions?q=${encodeURIComponent(name)}`)
  await expect(retailer.getByRole('main').getByRole('link', { name })).toBeVisible()
  await retailer.goto(`/claims?q=${encodeURIComponent(name)}`)
  await expect(retailer.getByRole('main').getByRole('link', { name })).toBeVisible()

  consoleErrors.allow(/status of 404/)
  const other = await newPerson()
  await signIn(other, 'admin@corner.test')
  for (const url of [promotionUrl, `${promotionUrl}/claims`, claimUrl]) {
    await other.goto(url)
    await expect(other.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expect(other.locator('body')).not.toContainText(name)
  }
  await other.goto('/promotions')
  await expect(other.getByRole('heading', { level: 1, name: 'Promotions' })).toBeVisible()
  await expect(other.getByRole('main')).not.toContainText(name)
  await other.goto(`/promotions?q=${encodeURIComponent(name)}`)
  await expect(other.getByText('No promotion matches.')).toBeVisible()
  await other.goto('/claims')
  await expect(other.getByRole('heading', { level: 1, name: 'Claims' })).toBeVisible()
  await expect(other.getByRole('main')).not.toContainText(name)
  await other.goto(`/claims?q=${encodeURIComponent(name)}`)
  await expect(other.getByText('No claim matches.')).toBeVisible()
})
