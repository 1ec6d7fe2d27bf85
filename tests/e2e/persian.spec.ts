import { expect, type Page, signIn, test, text } from './fixtures.ts'

const html = (page: Page) => page.locator('html')

/** The "Tandem" brand in the shell's header. */
const brand = (page: Page) => page.getByRole('banner').getByText('Tandem', { exact: true })

test('choosing فارسی on the sign-in page renders it right to left, in Persian', async ({ page }) => {
  await page.goto('/login')
  await expect(html(page)).toHaveAttribute('dir', 'ltr')
  await expect(page.getByRole('heading', { name: 'Sign in to Tandem' })).toBeVisible()

  await page.getByRole('button', { name: 'فارسی' }).click()

  await expect(html(page)).toHaveAttribute('dir', 'rtl')
  await expect(html(page)).toHaveAttribute('lang', 'fa')
  await expect(page.getByRole('heading', { name: text('fa', 'auth', 'login.title') })).toBeVisible()
  await expect(page.getByLabel(text('fa', 'auth', 'login.email'))).toBeVisible()
  await expect(page).toHaveTitle(`${text('fa', 'common', 'titles.signIn')} · Tandem`)
})

test('a Persian portal customer gets a mirrored shell, and English mirrors it back', async ({ page }) => {
  await signIn(page, 'portal@pars.test')
  const viewport = page.viewportSize()
  if (!viewport) throw new Error('no viewport')

  // No language chosen in this browser: the user's own preference (Persian) applies.
  await expect(html(page)).toHaveAttribute('dir', 'rtl')
  await expect(html(page)).toHaveAttribute('lang', 'fa')
  const nav = page.getByRole('navigation', { name: text('fa', 'common', 'nav.label') })
  await expect(nav.getByRole('link', { name: text('fa', 'common', 'nav.dashboard') })).toBeVisible()
  await expect(page.getByRole('button', { name: text('fa', 'common', 'signOut') })).toBeVisible()

  const rtlBox = await brand(page).boundingBox()
  expect(rtlBox, 'brand is laid out').not.toBeNull()
  expect(rtlBox?.x ?? 0, 'brand starts on the right half in rtl').toBeGreaterThan(viewport.width / 2)

  await page.getByRole('button', { name: 'English' }).click()

  await expect(html(page)).toHaveAttribute('dir', 'ltr')
  await expect(html(page)).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  const ltrBox = await brand(page).boundingBox()
  expect(ltrBox, 'brand is laid out').not.toBeNull()
  expect((ltrBox?.x ?? 0) + (ltrBox?.width ?? 0), 'brand ends on the left half in ltr').toBeLessThan(
    viewport.width / 2,
  )
})
