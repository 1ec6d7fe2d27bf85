import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { getConfig } from '#server/config.ts'

type Limiter = RateLimiterMemory

const key = Symbol.for('tandem.rate-limiters')
type Holder = { [key]?: Record<string, Limiter> }

function limiters() {
  const holder = globalThis as Holder
  if (!holder[key]) {
    const config = getConfig()
    holder[key] = {
      // Keyed by address and account: a flood from elsewhere cannot lock the real owner out.
      signIn: new RateLimiterMemory({ points: config.RATE_LIMIT_SIGNIN_PER_15_MIN, duration: 15 * 60 }),
      signInAddress: new RateLimiterMemory({ points: 100, duration: 15 * 60 }),
      passwordReset: new RateLimiterMemory({ points: 5, duration: 60 * 60 }),
      invitation: new RateLimiterMemory({ points: 30, duration: 60 * 60 }),
      invitationAccept: new RateLimiterMemory({ points: 20, duration: 15 * 60 }),
    }
  }
  return holder[key]
}

export type LimiterName = 'signIn' | 'signInAddress' | 'passwordReset' | 'invitation' | 'invitationAccept'

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

/** A successful sign-in clears the account's counter. */
export async function resetRateLimit(name: LimiterName, subject: string) {
  await limiters()[name].delete(subject)
}
