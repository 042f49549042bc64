/**
 * What keeps one client from costing the server without bound: connection caps per address, rate
 * limits shared across connections, the lock-out after wrong tokens, and a log that cannot be
 * flooded or forged. Pure bookkeeping with an injectable clock; the limits come from limits.ts.
 */
import { createRateLimiter, type RateLimiter } from '#control'
import type { Limits } from './limits.ts'

/** A Map that forgets its oldest entry beyond `max` entries, so a flood of addresses stays bounded. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super()
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) {
      const oldest = this.keys().next()
      if (!oldest.done)
        this.delete(oldest.value)
    }
    return super.set(key, value)
  }
}

/** Connections open now per address, against a cap. */
export interface ConnectionCap {
  /** count one more connection from `address`; null when the cap is reached, else the release function */
  admit: (address: string) => (() => void) | null
  count: (address: string) => number
}

export function createConnectionCap(max: number): ConnectionCap {
  const open = new Map<string, number>()
  return {
    admit(address) {
      const n = open.get(address) ?? 0
      if (n >= max)
        return null
      open.set(address, n + 1)
      let released = false
      return () => {
        if (released)
          return
        released = true
        const left = (open.get(address) ?? 1) - 1
        if (left <= 0)
          open.delete(address)
        else
          open.set(address, left)
      }
    },
    count: address => open.get(address) ?? 0,
  }
}

/** One token bucket per key (a token, an address), shared by every connection with that key. */
export interface KeyedRateLimiter {
  tryTake: (key: string) => boolean
}

export function createKeyedRateLimiter(options: { ratePerSec: number, burst?: number, maxKeys: number, now?: () => number }): KeyedRateLimiter {
  const buckets = new BoundedMap<string, RateLimiter>(options.maxKeys)
  return {
    tryTake(key) {
      let bucket = buckets.get(key)
      if (!bucket) {
        bucket = createRateLimiter({ ratePerSec: options.ratePerSec, burst: options.burst, now: options.now })
        buckets.set(key, bucket)
      }
      return bucket.tryTake()
    },
  }
}

export interface LockoutOptions {
  /** wrong tokens before the first lock-out */
  freeFailures: number
  baseMs: number
  maxMs: number
  /** failures are forgotten after this long without one */
  forgetMs: number
  maxAddresses: number
  now?: () => number
}

/** Exponential lock-out of an address after repeated wrong tokens. */
export interface Lockout {
  /** ms the address must still wait; 0 when it may try */
  lockedFor: (address: string) => number
  /** a wrong token from `address`; returns the lock-out it earned (0 for none yet) */
  fail: (address: string) => number
  /** the right token: the address's record is cleared */
  succeed: (address: string) => void
}

export function createLockout(options: LockoutOptions): Lockout {
  const now = options.now ?? Date.now
  const records = new BoundedMap<string, { failures: number, lastFailureAt: number, lockedUntil: number }>(options.maxAddresses)

  function current(address: string) {
    const record = records.get(address)
    if (record && now() - record.lastFailureAt > options.forgetMs) {
      records.delete(address)
      return undefined
    }
    return record
  }

  return {
    lockedFor(address) {
      const record = current(address)
      return record ? Math.max(0, record.lockedUntil - now()) : 0
    },
    fail(address) {
      const t = now()
      const record = current(address) ?? { failures: 0, lastFailureAt: t, lockedUntil: 0 }
      record.failures++
      record.lastFailureAt = t
      const over = record.failures - options.freeFailures
      const lock = over > 0 ? Math.min(options.maxMs, options.baseMs * 2 ** Math.min(over - 1, 30)) : 0
      record.lockedUntil = t + lock
      records.delete(address)
      records.set(address, record)
      return lock
    },
    succeed(address) {
      records.delete(address)
    },
  }
}

/** The lock-out the limits set, for a token checked at connection (the view token, the control token). */
export function createTokenLockout(limits: Limits, now?: () => number): Lockout {
  return createLockout({
    freeFailures: limits.lockoutFreeFailures,
    baseMs: limits.lockoutBaseMs,
    maxMs: limits.lockoutMaxMs,
    forgetMs: limits.lockoutForgetMs,
    maxAddresses: limits.trackedAddresses,
    now,
  })
}

const CONTROL_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

/**
 * Client-supplied text made safe for a log line: every control or format character (newlines,
 * escapes, bidi overrides) written as a \u escape, cut to `maxChars` with an ellipsis. A frame can
 * then never start a line of its own that looks like the server's.
 */
export function escapeForLog(text: string, maxChars = 120): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text
  return cut.replace(/\\/g, '\\\\').replace(CONTROL_CHARACTERS, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A log that writes one line per kind of event per window and counts the rest. */
export interface ThrottledLog {
  /** log `line` unless a line of this `kind` was written within the window */
  event: (kind: string, line: string) => void
  /**
   * For a structured logger: -1 when an event of this kind is to be left out, else the number left
   * out since the last one written (to report with it).
   */
  take: (kind: string) => number
  /** events not written so far, per kind (for /healthz and tests) */
  suppressed: () => Record<string, number>
}

export function createThrottledLog(write: (line: string) => void, options: { windowMs: number, now?: () => number, maxKinds?: number }): ThrottledLog {
  const now = options.now ?? Date.now
  const kinds = new BoundedMap<string, { loggedAt: number, suppressed: number }>(options.maxKinds ?? 1000)
  function take(kind: string): { more: number, sinceMs: number } | null {
    const t = now()
    const state = kinds.get(kind)
    if (state && t - state.loggedAt < options.windowMs) {
      state.suppressed++
      return null
    }
    kinds.set(kind, { loggedAt: t, suppressed: 0 })
    return { more: state?.suppressed ?? 0, sinceMs: state ? t - state.loggedAt : 0 }
  }
  return {
    event(kind, line) {
      const taken = take(kind)
      if (taken)
        write(`${line}${taken.more ? ` (+${taken.more} more like it in the last ${Math.round(taken.sinceMs / 1000)} s)` : ''}`)
    },
    take: kind => take(kind)?.more ?? -1,
    suppressed: () => Object.fromEntries([...kinds].filter(([, s]) => s.suppressed > 0).map(([k, s]) => [k, s.suppressed])),
  }
}
