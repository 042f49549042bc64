/** Reconnect delays: exponential, capped, with jitter so that a room of walls does not reconnect in step. */

export interface BackoffOptions {
  /** delay before the first retry, ms */
  baseMs: number
  /** no delay is ever longer than this, ms */
  maxMs: number
  /** 0–1: the share of each delay that is random (0.3 → between 70 % and 100 % of the nominal delay) */
  jitter: number
}

/**
 * Delay before retry number `attempt` (0 for the first retry): min(maxMs, baseMs·2^attempt),
 * shortened by up to `jitter` of itself. Jitter only ever shortens, so the cap holds exactly.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const jitter = Math.min(1, Math.max(0, options.jitter))
  // 2^attempt overflows to Infinity long before it matters; min() then caps it.
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt))
  return Math.round(nominal * (1 - jitter * random()))
}
