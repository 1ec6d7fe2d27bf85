import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type Browser, type BrowserContext, test as base, expect, type Page } from '@playwright/test'
import type { Locale } from '#app/lib/i18n/config.ts'
import { readState } from './state.ts'

export type { Page }
export { expect }

/** Every demo user's password (db/seed/demo.ts). */
export const DEMO_PASSWORD = 'tandem-demo-2026'

/** A suffix that keeps names and emails unique across tests, workers and reruns on a kept database. */
export function unique() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

export type Mail = { to: string[]; from: string; subject: string; text: string; html: string; date: string }

export type Mailbox = {
  /** The first message to `to` (and whose subject matches), waiting for it to arrive at the SMTP receiver. */
  waitFor: (to: string, options?: { subject?: string | RegExp; timeout?: number }) => Promise<Mail>
  /** Every message received so far. */
  all: () => Mail[]
}

/** Console errors and page errors fail the test; a test may allow the ones it provokes on purpose. */
export type ConsoleErrors = { allow: (pattern: RegExp) => void; watch: (context: BrowserContext) => void }

type Fixtures = {
  mailbox: Mailbox
  consoleErrors: ConsoleErrors
  /** A page in a new browser context: another person, with no cookies of the first. */
  newPerson: () => Promise<Page>
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  baseURL: async ({}, use) => {
    await use(readState().baseURL)
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  mailbox: async ({}, use) => {
    const { maildir } = readState()
    const all = () =>
      readdirSync(maildir)
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .sort()
        .map((f) => JSON.parse(readFileSync(path.join(maildir, f), 'utf8')) as Mail)
    const matches = (mail: Mail, to: string, subject?: string | RegExp) =>
      mail.to.includes(to.toLowerCase()) &&
      (subject === undefined ||
        (typeof subject === 'string' ? mail.subject.includes(subject) : subject.test(mail.subject)))
    await use({
      all,
      async waitFor(to, { subject, timeout = 15_000 } = {}) {
        const deadline = Date.now() + timeout
        for (;;) {
          const found = all().find((mail) => matches(mail, to, subject))
          if (found) return found
          if (Date.now() > deadline) {
            const seen = all().map((m) => `${m.to.join(',')}: ${m.subject}`)
            throw new Error(
              `No email to ${to} within ${timeout} ms. Received:\n${seen.join('\n') || '(none)'}`,
            )
          }
          await new Promise((r) => setTimeout(r, 200))
        }
      },
    })
  },

  consoleErrors: [
    async ({ context }, use) => {
      const allowed: RegExp[] = []
      const problems: string[] = []
      const watch = (ctx: BrowserContext) => {
        ctx.on('console', (message) => {
          if (message.type() !== 'error') return
          const text = message.text()
          if (!allowed.some((re) => re.test(text)))
            problems.push(`console.error on ${message.page()?.url()}: ${text}`)
        })
        ctx.on('weberror', (error) => {
          problems.push(`page error on ${error.page()?.url()}: ${error.error().message}`)
        })
      }
      watch(context)
      await use({ allow: (pattern) => allowed.push(pattern), watch })
      expect(problems, 'the pages logged errors').toEqual([])
    },
    { auto: true },
  ],

  newPerson: async ({ browser, baseURL, consoleErrors }, use) => {
    const contexts: BrowserContext[] = []
    await use(async () => {
      const context = await newContext(browser, baseURL)
      consoleErrors.watch(context)
      contexts.push(context)
      return context.newPage()
    })
    for (const context of contexts) await context.close()
  },
})

function newContext(browser: Browser, baseURL: string | undefined) {
  return browser.newContext({ baseURL, locale: 'en-US' })
}

/** Signs in through the real form (English labels) and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
}

/** The first link in an email's text whose path starts with `pathname` (e.g. '/invitations/accept'). */
export function linkIn(mail: Mail, pathname: string): string {
  const urls = `${mail.text}\n${mail.html}`.match(/https?:\/\/[^\s"'<>]+/g) ?? []
  const found = urls
    .map((u) => u.replace(/&amp;/g, '&'))
    .find((u) => {
      try {
        return new URL(u).pathname.startsWith(pathname)
      } catch {
        return false
      }
    })
  if (!found) throw new Error(`No ${pathname} link in the email "${mail.subject}":\n${mail.text}`)
  return found
}

type Messages = { [key: string]: string | Messages }

/** A message from app/locales/<locale>/<ns>.json, e.g. text('fa', 'auth', 'login.title'). */
export function text(locale: Locale, ns: string, key: string): string {
  const file = path.resolve(import.meta.dirname, `../../app/locales/${locale}/${ns}.json`)
  let node: string | Messages = JSON.parse(readFileSync(file, 'utf8')) as Messages
  for (const part of key.split('.')) {
    if (typeof node === 'string' || !(part in node)) throw new Error(`No message ${locale}/${ns}:${key}`)
    node = node[part]
  }
  if (typeof node !== 'string') throw new Error(`${locale}/${ns}:${key} is not a message`)
  return node
}
