import { defineConfig, devices } from '@playwright/test'

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download browsers here: `tests/ensure-system-packages.sh`).
 * Global setup starts a real SMTP receiver, a fresh database (PostgreSQL when DATABASE_URL is set, else PGlite in a
 * temp dir) and the BUILT server from `$TANDEM_BUILD_DIR` (default build-test; build it first with
 * `TANDEM_BUILD_DIR=build-test npx remix vite:build`). Tests get the server's URL as `baseURL` and the received
 * mail through the `mailbox` fixture (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  // Tests share one server and one database; each makes its own unique records, so two workers are safe.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
})
