import { describe, expect, test } from 'vitest'
import { floodMeter, tokenBucket } from './rate.ts'

function clock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('floodMeter', () => {
  test('a flood that the bucket lets a trickle through is still cut off', () => {
    const c = clock()
    const allowed = tokenBucket(20, 40, c.now)
    const flooding = floodMeter(200, 10_000, c.now)
    let cutAt: number | null = null
    // 5,000 events a second: one every 0.2 ms; about 20 a second still pass the bucket.
    for (let i = 0; i < 50_000 && cutAt === null; i++) {
      c.advance(0.2)
      if (!allowed() && flooding()) cutAt = c.now()
    }
    expect(cutAt).not.toBeNull()
  })

  test('refusals spread thinner than the limit per window never cut off', () => {
    const c = clock()
    const flooding = floodMeter(200, 10_000, c.now)
    const verdicts: boolean[] = []
    for (let i = 0; i < 1000; i++) {
      c.advance(60)
      verdicts.push(flooding())
    }
    expect(verdicts.some(Boolean)).toBe(false)
  })

  test('the count restarts once old refusals leave the window', () => {
    const c = clock()
    const flooding = floodMeter(3, 1000, c.now)
    expect([flooding(), flooding(), flooding()]).toEqual([false, false, false])
    expect(flooding()).toBe(true)
    c.advance(1000)
    expect(flooding()).toBe(false)
  })
})
