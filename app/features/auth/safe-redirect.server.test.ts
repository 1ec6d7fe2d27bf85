import { describe, expect, test } from 'vitest'
import { safeRedirect } from './safe-redirect.server.ts'

const origin = 'https://portal.example.com'

describe('redirect after sign-in', () => {
  test.for([
    ['/invoices?status=open#top', '/invoices?status=open#top'],
    ['/quotes/42', '/quotes/42'],
    [`${origin}/partners`, '/partners'],
    ['/a/../b', '/b'],
    ['/%2F%2Fevil.test', '/%2F%2Fevil.test'],
    // A browser resolves a scheme-relative https: URL against our own https origin.
    ['https:evil.test', '/evil.test'],
  ])('keeps the same-origin path %j → %j', ([to, expected]) => {
    expect(safeRedirect(to, origin)).toBe(expected)
  })

  test.for([
    ['/\t/evil.test/phish'],
    ['/\n/evil.test'],
    ['\n/\r/evil.test'],
    ['//evil.test'],
    ['///evil.test'],
    ['/\\evil.test'],
    ['\\\\evil.test'],
    ['/\\/evil.test'],
    [' //evil.test'],
    ['https://evil.test/x'],
    ['http://portal.example.com/x'],
    ['https://portal.example.com.evil.test/'],
    ['https://portal.example.com@evil.test/'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['/.//evil.test'],
    ['/a/../..//evil.test'],
    ['http://[::1'],
    [''],
  ])('sends %j to /', ([to]) => {
    expect(safeRedirect(to, origin)).toBe('/')
  })

  test('anything but a string goes to /', () => {
    expect(safeRedirect(null, origin)).toBe('/')
    expect(safeRedirect(undefined, origin)).toBe('/')
    expect(safeRedirect(new File(['x'], '/dashboard'), origin)).toBe('/')
  })
})
