/**
 * A token bucket per control connection: `burst` commands at once, refilled at `ratePerSec`.
 * A person tapping a tablet never meets it; a stuck client or a script does.
 */

export interface RateLimiterOptions {
  /** sustained commands per second (config/server.json control.commandsPerSecond) */
  ratePerSec: number
  /** bucket size; default twice the rate, at least 1 */
  burst?: number
  /** a monotonic clock in ms; default performance.now */
  now?: () => number
}

export interface RateLimiter {
  /** Take one token: true when the command may go through. */
  tryTake: () => boolean
  /** Refusals since the last allowed command: the measure of sustained abuse. */
  readonly deniedInRow: number
  /** Tokens in the bucket now (fractional). */
  readonly available: number
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!(options.ratePerSec > 0))
    throw new RangeError(`ratePerSec must be > 0, got ${options.ratePerSec}`)
  const now = options.now ?? (() => performance.now())
  const burst = Math.max(1, options.burst ?? Math.ceil(options.ratePerSec * 2))
  let tokens = burst
  let last = now()
  let deniedInRow = 0

  function refill(): void {
    const t = now()
    // A clock that steps back must not drain the bucket.
    tokens = Math.min(burst, tokens + Math.max(0, t - last) * options.ratePerSec / 1000)
    last = t
  }

  return {
    tryTake() {
      refill()
      if (tokens >= 1) {
        tokens -= 1
        deniedInRow = 0
        return true
      }
      deniedInRow++
      return false
    },
    get deniedInRow() {
      return deniedInRow
    },
    get available() {
      refill()
      return tokens
    },
  }
}
