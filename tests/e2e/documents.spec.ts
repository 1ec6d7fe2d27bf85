import { readFileSync } from 'node:fs'
import { expect, signIn, test, unique } from './fixtures.ts'

test('a partner uploads into the shared folder with progress; staff see it and download it; the partner sees who did', async ({
  page,
  newPerson,
  consoleErrors,
}) => {
  test.slow()
  const name = `display-photos-${unique()}.csv`
  const content = `store,photo\nPortland,${unique()}\n`

  // The partner opens the shared folder from the partnership page and uploads.
  const partner = await newPerson()
  await signIn(partner, 'admin@brightside.test')
  await partner.goto('/partners')
  await partner.getByRole('link', { name: 'Acme Appliances' }).click()
  await partner.getByRole('button', { name: 'Shared files' }).click()
  await expect(partner.getByRole('heading', { level: 1, name: 'Shared' })).toBeVisible()
  await partner
    .getByLabel('choose files')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) })
  const item = partner.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: name })
  await expect(item).toContainText('Uploaded.')
  await expect(partner.getByRole('link', { name })).toBeVisible()

  // A renamed executable is refused with the reason, and nothing appears (the browser logs the 415 it provokes).
  consoleErrors.allow(/status of 415/)
  const exe = Buffer.alloc(4096)
  exe.write('MZ', 0, 'latin1')
  exe.writeUInt32LE(0x80, 0x3c)
  exe.write('PE\0\0', 0x80, 'latin1')
  await partner
    .getByLabel('choose files')
    .setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exe })
  await expect(
    partner.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: 'invoice.pdf' }),
  ).toContainText('Windows executable')
  await expect(partner.getByRole('link', { name: 'invoice.pdf' })).toHaveCount(0)

  // Staff find it in Files and download it.
  await signIn(page, 'manager@acme.test')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files' }).click()
  await page
    .getByRole('row')
    .filter({ hasText: 'Brightside Retail' })
    .getByRole('link', { name: 'Shared' })
    .click()
  await page.getByRole('link', { name }).click()
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download', exact: true }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(name)
  expect(readFileSync(await download.path()).toString()).toBe(content)

  // The uploading side sees the download in the log.
  await partner.getByRole('link', { name }).click()
  await expect(partner.getByRole('table').filter({ hasText: 'Maya Manager' })).toContainText(
    'Acme Appliances',
  )
})
