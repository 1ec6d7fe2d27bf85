/**
 * A token bucket per socket: bursts are fine, a steady flood is dropped. Events are cheap to drop because the
 * socket carries no writes (typing and presence only).
 */
export function tokenBucket(ratePerSecond: number, burst: number, now: () => number = Date.now) {
  let tokens = burst
  let last = now()
  return () => {
    const t = now()
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond)
    last = t
    if (tokens < 1) return false
    tokens -= 1
    return true
  }
}
