import { afterAll, expect, test } from 'vitest'
import { resetConfig } from '#server/config.ts'
import { closeRateLimiters, consumeRateLimit, resetRateLimit } from './rate-limit.server.ts'

// A real Redis on loopback (CI runs one at 127.0.0.1:6379); the limiters of two "processes" must share counters.
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

afterAll(async () => {
  await closeRateLimiters()
  delete process.env.REDIS_URL
  resetConfig()
})

test('with REDIS_URL, a limit spent through one process holds in another, and a success resets it', async () => {
  process.env.REDIS_URL = redisUrl
  resetConfig()
  const subject = `test-${crypto.randomUUID()}`
  for (let i = 0; i < 5; i++) expect(await consumeRateLimit('passwordReset', subject)).toBeNull()
  // A second process: fresh limiter objects and a fresh connection, the same Redis.
  await closeRateLimiters()
  const wait = await consumeRateLimit('passwordReset', subject)
  expect(wait).toBeGreaterThan(3500)
  expect(wait).toBeLessThanOrEqual(3600)
  await resetRateLimit('passwordReset', subject)
  expect(await consumeRateLimit('passwordReset', subject)).toBeNull()
})

test('without REDIS_URL each process counts alone', async () => {
  await closeRateLimiters()
  delete process.env.REDIS_URL
  resetConfig()
  const subject = `test-${crypto.randomUUID()}`
  for (let i = 0; i < 5; i++) expect(await consumeRateLimit('passwordReset', subject)).toBeNull()
  expect(await consumeRateLimit('passwordReset', subject)).toBeGreaterThan(0)
  await closeRateLimiters()
  expect(await consumeRateLimit('passwordReset', subject)).toBeNull()
})

test('with Redis unreachable, the in-memory insurance limiter still counts', async () => {
  await closeRateLimiters()
  process.env.REDIS_URL = 'redis://127.0.0.1:1'
  resetConfig()
  const subject = `test-${crypto.randomUUID()}`
  for (let i = 0; i < 5; i++) expect(await consumeRateLimit('passwordReset', subject)).toBeNull()
  expect(await consumeRateLimit('passwordReset', subject)).toBeGreaterThan(0)
})
