import { expect, test } from 'vitest'
import { generateToken, hashToken } from './tokens.server.ts'

test('tokens are random, 160-bit base32, and hash to stable SHA-256 hex', () => {
  const a = generateToken()
  const b = generateToken()
  expect(a).not.toBe(b)
  expect(a).toMatch(/^[a-z2-7]{32}$/)
  expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/)
  expect(hashToken(a)).toBe(hashToken(a))
  expect(hashToken(a)).not.toBe(hashToken(b))
  // Known vector: SHA-256("abc").
  expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
})
