import { expect, linkIn, type Page, signIn, test, unique } from './fixtures.ts'

const problemHeading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: 'This invitation cannot be used' })

test('a tampered invitation link says clearly that it is not valid', async ({ page }) => {
  for (const token of ['xyz', 'a'.repeat(32)]) {
    await page.goto(`/invitations/accept?token=${token}`)
    await expect(problemHeading(page)).toBeVisible()
    await expect(page.getByRole('alert')).toHaveText(
      'This invitation link is not valid. Check that you copied the whole link from the email.',
    )
    await expect(page.getByRole('link', { name: 'Go to sign in' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Accept and join' })).toHaveCount(0)
  }
})

test('an invitation link that was already accepted says so, also to a form left open', async ({
  page,
  newPerson,
  mailbox,
  consoleErrors,
}) => {
  // Several browsers and two argon2 hashes: allow more than the default time on a busy machine.
  test.slow()
  // Submitting the stale form is refused with 410, which Chromium logs as a failed resource load.
  consoleErrors.allow(/status of 410/)
  const id = unique()
  const email = `colleague-${id}@acme.test`
  const password = `colleague-${id}-secret`

  await signIn(page, 'admin@acme.test')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
  await page.getByRole('link', { name: 'Invite people' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Invite a colleague' })).toBeVisible()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Role').selectOption({ label: 'Member' })
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('status')).toHaveText('Invitation sent.')
  await expect(page.getByText(email)).toBeVisible()

  const link = linkIn(
    await mailbox.waitFor(email, { subject: 'You are invited to join Acme Appliances' }),
    '/invitations/accept',
  )

  // Two browsers open the link; the first accepts.
  const first = await newPerson()
  const late = await newPerson()
  await late.goto(link)
  await expect(late.getByRole('heading', { level: 1, name: 'Join Acme Appliances' })).toBeVisible()
  await first.goto(link)
  await first.getByLabel('Your name').fill('Cleo Colleague')
  await first.getByLabel('Password', { exact: true }).fill(password)
  await first.getByLabel('Repeat the password').fill(password)
  await first.getByRole('button', { name: 'Accept and join' }).click()
  await expect(first).toHaveURL(/\/dashboard$/)
  await expect(first.getByRole('heading', { level: 1 })).toHaveText('Welcome, Cleo Colleague')

  // The form still open elsewhere is refused, with the reason.
  await late.getByLabel('Your name').fill('Someone Else')
  await late.getByLabel('Password', { exact: true }).fill('another-password-123')
  await late.getByLabel('Repeat the password').fill('another-password-123')
  await late.getByRole('button', { name: 'Accept and join' }).click()
  await expect(late.getByRole('alert')).toContainText('This invitation has already been accepted.')
  await expect(late).not.toHaveURL(/\/dashboard/)

  // Re-opening the link shows that it was used, whether signed in or not.
  for (const person of [first, late]) {
    await person.goto(link)
    await expect(problemHeading(person)).toBeVisible()
    await expect(person.getByRole('alert')).toHaveText(
      'This invitation has already been accepted. Sign in to continue.',
    )
  }

  // And the new colleague can sign in with the password they chose.
  const again = await newPerson()
  await signIn(again, email, password)
})
