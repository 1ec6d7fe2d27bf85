import { expect, signIn, test, text } from './fixtures.ts'

test('a Hebrew portal customer gets Hebrew, right to left, with a Hebrew page title', async ({ page }) => {
  await signIn(page, 'portal@carmel.test')
  const html = page.locator('html')
  // No language chosen in this browser: the user's own preference (Hebrew) applies.
  await expect(html).toHaveAttribute('dir', 'rtl')
  await expect(html).toHaveAttribute('lang', 'he')
  const nav = page.getByRole('navigation', { name: text('he', 'common', 'nav.label') })
  await expect(nav.getByRole('link', { name: text('he', 'common', 'nav.dashboard') })).toBeVisible()
  await expect(page.getByRole('button', { name: 'עברית' })).toHaveAttribute('aria-current', 'true')
  // Only the brand stays Latin.
  await expect(page).toHaveTitle(/^[^A-Za-z]+ · Tandem$/)
})
