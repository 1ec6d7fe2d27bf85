import { type Latency, percentile } from './timing.ts'

/** A path to time: `prepare` runs untimed before each call (reading versions, choosing fresh figures). */
export type TimedCase<P> = {
  name: string
  prepare: (i: number) => Promise<P>
  run: (prepared: P, i: number) => Promise<unknown>
}

/**
 * Runs the cases round-robin, one call at a time, `warmup` unmeasured rounds first, so a change in the machine's
 * load (others share its 2 CPUs) falls on every case alike and their ratios stay fair.
 */
export async function interleaved<P>(
  cases: TimedCase<P>[],
  runs: number,
  warmup: number,
): Promise<Latency[]> {
  const times = cases.map(() => [] as number[])
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, c] of cases.entries()) {
      const prepared = await c.prepare(i)
      const t = performance.now()
      await c.run(prepared, i)
      if (i >= warmup) times[k].push(performance.now() - t)
    }
  }
  return times.map((list) => {
    list.sort((a, b) => a - b)
    return { median: percentile(list, 50), p95: percentile(list, 95), runs: list.length }
  })
}

export const runs = Number(process.env.BENCH_ITERATIONS ?? 30)
export const warmup = Number(process.env.BENCH_WARMUP_ITERATIONS ?? 3)
