import net from 'node:net'
import { afterAll, expect, test } from 'vitest'
import { resetConfig } from '#config/env.ts'
import { closeRateLimiters, consumeRateLimit, resetRateLimit } from './rate-limit.server.ts'

// A real Redis on loopback (CI runs one at 127.0.0.1:6379); the limiters of two "processes" must share counters.
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

// On CI Redis must be there (the test then fails loudly if it is not); a laptop without Redis skips that one test.
const redisReachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(redisUrl)
  const socket = net.connect({ host: hostname, port: Number(port || 6379) })
  const done = (up: boolean) => {
    socket.destroy()
    resolve(up)
  }
  socket.setTimeout(1000)
  socket.once('connect', () => done(true))
  socket.once('error', () => done(false))
  socket.once('timeout', () => done(false))
})

afterAll(async () => {
  await closeRateLimiters()
  delete process.env.REDIS_URL
  resetConfig()
})

test.skipIf(!redisReachable && !process.env.CI)(
  'with REDIS_URL, a limit spent through one process holds in another, and a success resets it',
  async () => {
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
  },
)

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
