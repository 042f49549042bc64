import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRateLimiter } from './rateLimit'

describe('createRateLimiter', () => {
  it('lets a burst through, then the sustained rate', () => {
    let t = 0
    const limiter = createRateLimiter({ ratePerSec: 10, burst: 3, now: () => t })
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, true, false])
    expect(limiter.deniedInRow).toBe(1)
    t += 100 // one token per 100 ms at 10/s
    expect(limiter.tryTake()).toBe(true)
    expect(limiter.deniedInRow).toBe(0)
    expect(limiter.tryTake()).toBe(false)
  })

  it('counts refusals in a row until one goes through', () => {
    let t = 0
    const limiter = createRateLimiter({ ratePerSec: 1, burst: 1, now: () => t })
    limiter.tryTake()
    for (let i = 0; i < 5; i++)
      limiter.tryTake()
    expect(limiter.deniedInRow).toBe(5)
    t += 1000
    expect(limiter.tryTake()).toBe(true)
    expect(limiter.deniedInRow).toBe(0)
  })

  it('never holds more than the burst, however long it was idle', () => {
    let t = 0
    const limiter = createRateLimiter({ ratePerSec: 5, now: () => t })
    t += 3_600_000
    expect(limiter.available).toBe(10)
  })

  it('a clock stepping back does not drain the bucket', () => {
    let t = 10_000
    const limiter = createRateLimiter({ ratePerSec: 1, burst: 2, now: () => t })
    limiter.tryTake()
    t = 0
    expect(limiter.available).toBe(1)
  })

  it('refuses a rate of zero', () => {
    expect(() => createRateLimiter({ ratePerSec: 0 })).toThrow(RangeError)
  })
})

describe('createRateLimiter with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('refills on the default clock (performance.now)', () => {
    const limiter = createRateLimiter({ ratePerSec: 2, burst: 1 })
    expect(limiter.tryTake()).toBe(true)
    expect(limiter.tryTake()).toBe(false)
    vi.advanceTimersByTime(499)
    expect(limiter.tryTake()).toBe(false)
    vi.advanceTimersByTime(501)
    expect(limiter.tryTake()).toBe(true)
  })
})
