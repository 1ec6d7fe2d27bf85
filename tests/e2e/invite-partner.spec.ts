import { expect, linkIn, signIn, test, unique } from './fixtures.ts'

const otherPartners = [
  'Brightside Retail',
  'Corner Home Stores',
  'Delta Distribution',
  'Evergreen Hotels',
  'فروشگاه پارس',
  'Zenith Tools',
]

test('a manufacturer invites a retailer, whose first admin joins and sees only its own partnership', async ({
  page,
  newPerson,
  mailbox,
}) => {
  // Several browsers and two argon2 hashes: allow more than the default time on a busy machine.
  test.slow()
  const id = unique()
  const orgName = `Harbor Goods ${id}`
  const inviteeEmail = `first-admin-${id}@harbor.test`
  const password = `harbor-${id}-secret`

  // The manufacturer's admin invites the retailer.
  await signIn(page, 'admin@acme.test')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible()
  await page.getByRole('link', { name: 'Invite partner' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Invite a partner' })).toBeVisible()
  await page.getByLabel('Organization name').fill(orgName)
  await page.getByLabel('Kind').selectOption({ label: 'Retailer' })
  await page.getByLabel('Tier').selectOption({ label: 'Gold' })
  await page.getByLabel(/^First administrator.s email$/).fill(inviteeEmail)
  await page.getByRole('button', { name: 'Send invitation' }).click()

  // It lands on the new partnership, still waiting for the partner.
  await expect(page).toHaveURL(/\/partners\/[0-9a-f-]{36}/)
  const partnershipUrl = new URL(page.url())
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible()
  const overview = page.getByRole('region', { name: 'Overview' })
  await expect(overview.getByText('Invited', { exact: true })).toBeVisible()

  // The invitation arrives by SMTP.
  const mail = await mailbox.waitFor(inviteeEmail, { subject: 'Acme Appliances invites you' })
  expect(mail.text).toContain(orgName)
  const link = linkIn(mail, '/invitations/accept')
  expect(new URL(link).origin).toBe(partnershipUrl.origin)

  // Another person, in another browser, accepts it.
  const invitee = await newPerson()
  await invitee.goto(link)
  await expect(invitee.getByRole('heading', { level: 1, name: `Join ${orgName}` })).toBeVisible()
  await expect(invitee.getByLabel('Email')).toHaveValue(inviteeEmail)
  await invitee.getByLabel('Your name').fill('Hana Harbor')
  await invitee.getByLabel('Password', { exact: true }).fill(password)
  await invitee.getByLabel('Repeat the password').fill(password)
  await invitee.getByRole('button', { name: 'Accept and join' }).click()

  await expect(invitee).toHaveURL(/\/dashboard$/)
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText('Welcome, Hana Harbor')
  await expect(invitee.getByRole('banner')).toContainText(orgName)

  // The new partner sees exactly one partnership: with Acme, and nobody else's.
  await invitee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click()
  const table = invitee.getByRole('table', { name: 'Partnerships, sorted by organization name' })
  const rows = table.getByRole('row').filter({ has: invitee.getByRole('cell') })
  await expect(rows).toHaveCount(1)
  await expect(rows.first().getByRole('link')).toHaveText('Acme Appliances')
  await expect(rows.first().getByText('Active', { exact: true })).toBeVisible()
  await expect(invitee.getByText('1 partnership', { exact: true })).toBeVisible()
  for (const name of otherPartners) await expect(invitee.getByText(name)).toHaveCount(0)

  // The partner opens it: Acme hosts it, and only the host may change it.
  await rows.first().getByRole('link', { name: 'Acme Appliances' }).click()
  await expect(invitee.getByRole('heading', { level: 1, name: 'Acme Appliances' })).toBeVisible()
  await expect(invitee.getByText('Only the host organization can change this partnership.')).toBeVisible()

  // Back at the manufacturer, the partnership is now active.
  await page.reload()
  await expect(overview.getByText('Active', { exact: true })).toBeVisible()
  await expect(overview.getByText('Invited', { exact: true })).toHaveCount(0)
})
