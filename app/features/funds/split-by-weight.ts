/**
 * Splits `amount` minor units in proportion to `weights`, exactly: every share is a whole number, the shares add up
 * to `amount`, and the units left over by rounding down go to the largest remainders (ties to the earlier entry).
 * All-zero weights split equally.
 */
export function splitByWeight(amount: number, weights: number[]): number[] {
  if (weights.length === 0) return []
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error('amount must be a non-negative integer')
  if (weights.some((w) => !(w >= 0))) throw new Error('weights must be non-negative')
  const total = weights.reduce((sum, w) => sum + w, 0)
  const effective = total > 0 ? weights : weights.map(() => 1)
  const sum = total > 0 ? total : weights.length
  const exact = effective.map((w) => (amount * w) / sum)
  const shares = exact.map(Math.floor)
  let left = amount - shares.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => ({ i, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    shares[i]++
    left--
  }
  return shares
}
