import { daysBetween } from '#app/lib/dates.ts'
import { type AgingBucket, agingBuckets } from '#app/lib/pdf/model.ts'

/** Aging buckets by days past the due date: current (not yet due), 1–30, 31–60, 61–90, 90+. */
export function bucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'current'
  if (daysOverdue <= 30) return 'd1_30'
  if (daysOverdue <= 60) return 'd31_60'
  if (daysOverdue <= 90) return 'd61_90'
  return 'd90_plus'
}

export type OpenItem = { currency: string; balance: number; dueDate: string }

export function daysOverdue(dueDate: string, asOf: string) {
  return Math.max(0, daysBetween(dueDate, asOf))
}

/** Sums of open balances per currency and bucket (never across currencies), exact in BigInt. */
export function agingSummary(items: OpenItem[], asOf: string) {
  const byCurrency = new Map<string, Record<AgingBucket, bigint>>()
  for (const item of items) {
    let buckets = byCurrency.get(item.currency)
    if (!buckets) {
      buckets = Object.fromEntries(agingBuckets.map((b) => [b, 0n])) as Record<AgingBucket, bigint>
      byCurrency.set(item.currency, buckets)
    }
    buckets[bucketOf(daysBetween(item.dueDate, asOf))] += BigInt(item.balance)
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, buckets]) => {
      const total = agingBuckets.reduce((sum, b) => sum + buckets[b], 0n)
      return {
        currency,
        buckets: Object.fromEntries(agingBuckets.map((b) => [b, safe(buckets[b])])) as Record<
          AgingBucket,
          number
        >,
        total: safe(total),
      }
    })
}

function safe(value: bigint) {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError('Aging total is too large')
  return n
}
