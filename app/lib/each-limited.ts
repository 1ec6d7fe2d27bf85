/**
 * Runs `fn` over `items` with at most `limit` calls in flight, in order of start; resolves when all are done.
 * Sweeps use it so one slow mail server round trip does not hold up every other person's email.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      await fn(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
