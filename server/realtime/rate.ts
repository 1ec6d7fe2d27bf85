/**
 * A token bucket per socket: bursts are fine, a steady flood is dropped. Events are cheap to drop because the
 * socket carries no writes (joins, typing and presence only).
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

/**
 * Counts refused events over a sliding window: call it on each refusal; true once more than `limit` fell within
 * `windowMs`. Unlike "flooding since the last accepted event", the bucket's trickle of accepted events does not
 * reset it, so a sustained flood is always caught.
 */
export function floodMeter(limit: number, windowMs: number, now: () => number = Date.now) {
  const refusals: number[] = []
  return () => {
    const t = now()
    refusals.push(t)
    while (refusals.length > 0 && t - refusals[0] >= windowMs) refusals.shift()
    if (refusals.length <= limit) return false
    refusals.shift()
    return true
  }
}
