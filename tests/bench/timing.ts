export type Latency = { median: number; p95: number; runs: number }

/** The p-th percentile (nearest rank) of ascending values. */
export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * One call at a time, `warmup` unmeasured calls first: ms per call. A slow call stops the series once `budgetMs`
 * has passed (after at least 5 calls), so a view that takes seconds does not hold the bench for minutes.
 */
export async function latency(
  fn: (i: number) => Promise<unknown>,
  runs: number,
  warmup = 0,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn(i)
  const times: number[] = []
  const started = performance.now()
  for (let i = 0; i < runs && (i < 5 || performance.now() - started < budgetMs); i++) {
    const t = performance.now()
    await fn(i)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { median: percentile(times, 50), p95: percentile(times, 95), runs: times.length }
}
