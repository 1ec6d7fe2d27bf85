import { data, type HeadersFunction } from '@remix-run/node'
import { Redis } from 'ioredis'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'
import { getConfig } from '#config/env.ts'

export type LimiterName =
  | 'signIn'
  | 'signInAddress'
  | 'signInAccount'
  | 'passwordReset'
  | 'invitation'
  | 'invitationAccept'
  | 'chatMessage'

type Budget = { points: number; duration: number }

function budgets(): Record<LimiterName, Budget> {
  return {
    // Keyed by address and account: a flood from elsewhere cannot lock the real owner out.
    signIn: { points: getConfig().RATE_LIMIT_SIGNIN_PER_15_MIN, duration: 15 * 60 },
    signInAddress: { points: 100, duration: 15 * 60 },
    // Failed sign-ins per account from anywhere: guessing spread over many addresses waits; it expires.
    signInAccount: { points: getConfig().RATE_LIMIT_SIGNIN_ACCOUNT_PER_HOUR, duration: 60 * 60 },
    passwordReset: { points: 5, duration: 60 * 60 },
    invitation: { points: 30, duration: 60 * 60 },
    invitationAccept: { points: 20, duration: 15 * 60 },
    // Per user: a burst of chat is fine, a flood waits (429 with Retry-After) and cannot starve others.
    chatMessage: { points: 100, duration: 60 },
  }
}

type Limiters = { byName: Record<LimiterName, RateLimiterAbstract>; redis: Redis | null }

const key = Symbol.for('tandem.rate-limiters')
type Holder = { [key]?: Limiters }

/**
 * With REDIS_URL the counters live in Redis, shared by every app process; an in-memory limiter stands in while
 * Redis is unreachable (insurance), so an outage neither blocks sign-in nor lifts the limit.
 */
function create(): Limiters {
  const url = getConfig().REDIS_URL
  const redis = url ? new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1000 }) : null
  // Commands wait for the first connection; when Redis is down they fail after one retry and the insurance
  // limiter answers. Without an error listener ioredis would throw.
  redis?.on('error', () => {})
  const byName = {} as Record<LimiterName, RateLimiterAbstract>
  for (const [name, budget] of Object.entries(budgets()) as [LimiterName, Budget][]) {
    const memory = new RateLimiterMemory({ ...budget, keyPrefix: name })
    byName[name] = redis
      ? new RateLimiterRedis({
          ...budget,
          storeClient: redis,
          keyPrefix: `tandem:rl:${name}`,
          insuranceLimiter: memory,
        })
      : memory
  }
  return { byName, redis }
}

function limiters() {
  const holder = globalThis as Holder
  holder[key] ??= create()
  return holder[key].byName
}

/** Counts one attempt; returns the seconds to wait when the budget is spent, or null when allowed. */
export async function consumeRateLimit(name: LimiterName, subject: string): Promise<number | null> {
  try {
    await limiters()[name].consume(subject)
    return null
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
  }
}

/**
 * The seconds to wait when the subject's budget is already spent, else null, counting nothing: for limits that
 * count only failures (consumeRateLimit after one), checked before the attempt.
 */
export async function rateLimitWait(name: LimiterName, subject: string): Promise<number | null> {
  const spent = await limiters()[name].get(subject)
  // An expired counter may linger until its timer drops it: a past reset time means it is spent no longer.
  if (!spent || spent.remainingPoints > 0 || spent.msBeforeNext <= 0) return null
  return Math.max(1, Math.ceil(spent.msBeforeNext / 1000))
}

/** The answer to a rate-limited request: 429 with Retry-After; its route exports `keepRetryAfter` as headers. */
export function tooManyRequests<T>(body: T, wait: number) {
  return data(body, { status: 429, headers: { 'Retry-After': String(wait) } })
}

/**
 * Remix sends an action's headers only through the route's `headers` export: every route that may answer 429
 * exports this, so Retry-After reaches the client.
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has('Retry-After') ? actionHeaders : loaderHeaders

/** A successful sign-in clears the account's counter. */
export async function resetRateLimit(name: LimiterName, subject: string) {
  await limiters()[name].delete(subject)
}

/** Drops the limiters (and their Redis connection) so the next call builds them from the current config. */
export async function closeRateLimiters() {
  const holder = globalThis as Holder
  const current = holder[key]
  holder[key] = undefined
  await current?.redis?.quit().catch(() => {})
}
