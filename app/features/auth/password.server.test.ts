import { expect, test } from 'vitest'
import { hashPassword, verifyPassword } from './password.server.ts'

test('passwords are stored as argon2id and verify only with the right password', async () => {
  const hash = await hashPassword('correct horse battery staple')
  expect(hash.startsWith('$argon2id$')).toBe(true)
  expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true)
  expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false)
  expect(await verifyPassword('not a hash', 'x')).toBe(false)
})
