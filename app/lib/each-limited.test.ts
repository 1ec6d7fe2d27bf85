import { expect, test } from 'vitest'
import { eachLimited } from './each-limited.ts'

test('every item runs once, never more than the limit at a time', async () => {
  let running = 0
  let peak = 0
  const seen: number[] = []
  await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    running++
    peak = Math.max(peak, running)
    await new Promise((r) => setTimeout(r, 5 + (n % 3)))
    seen.push(n)
    running--
  })
  expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  expect(peak).toBe(3)
})

test('an empty list resolves at once', async () => {
  await expect(eachLimited([], 4, async () => {})).resolves.toBeUndefined()
})
