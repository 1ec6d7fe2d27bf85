import { describe, expect, test } from 'vitest'
import { pageTitle } from './page-title.ts'

const rootIn = (locale: string) => [{ id: 'root', data: { locale, dir: 'rtl' } }]

describe('pageTitle', () => {
  test('a Persian page gets a Persian title', () => {
    expect(pageTitle(rootIn('fa'), 'invoices')).toBe('فاکتورها · Tandem')
  })

  test('a record name leads the title', () => {
    expect(pageTitle(rootIn('fa'), 'invoice', 'INV-2026-0001')).toBe('INV-2026-0001 · فاکتور · Tandem')
  })

  test('without a known locale the title is English', () => {
    expect(pageTitle([], 'signIn')).toBe('Sign in · Tandem')
    expect(pageTitle(rootIn('xx'), 'signIn')).toBe('Sign in · Tandem')
  })
})
