import { DEMO_PASSWORD, expect, signIn, test } from './fixtures.ts'

// manager@acme.test is used by no other spec, so the session list holds only this test's sessions.
const email = 'manager@acme.test'

test('a wrong password shows the error and keeps the typed email', async ({ page, consoleErrors }) => {
  // The refused sign-in answers 400, which Chromium logs as a failed resource load.
  consoleErrors.allow(/status of 400/)
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByLabel('Email')).toHaveValue(email)
})

test('signing in, seeing where you are signed in, and signing out', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click()
  await expect(page).toHaveURL(/\/account\/sessions$/)
  await expect(page.getByRole('heading', { name: 'Where you’re signed in' })).toBeVisible()
  const current = page.getByRole('listitem').filter({ hasText: 'This device' })
  await expect(current).toHaveCount(1)
  // The session in use cannot be revoked from the list: signing out ends it.
  await expect(current.getByRole('button', { name: 'Sign out' })).toHaveCount(0)

  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { name: 'Sign in to Tandem' })).toBeVisible()

  await page.goto('/dashboard')
  await expect(page).toHaveURL(/\/login(\?|$)/)
  await expect(page.getByLabel('Email')).toBeVisible()
})

test('signing in from a second browser lists both sessions', async ({ page, newPerson }) => {
  const other = await newPerson()
  await signIn(other, email)
  await signIn(page, email)
  await page.goto('/account/sessions')
  await expect(page.getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Sign out everywhere else' })).toBeVisible()
})
