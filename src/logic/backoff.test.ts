import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

const options = { baseMs: 500, maxMs: 8000, jitter: 0.3 }

describe('backoffDelay', () => {
  it('doubles from the base up to the cap without jitter', () => {
    const delays = Array.from({ length: 8 }, (_, n) => backoffDelay(n, options, () => 0))
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000])
  })

  it('jitter takes off up to its share, never adds', () => {
    expect(backoffDelay(0, options, () => 0.5)).toBe(425)
    expect(backoffDelay(10, options, () => 0.999_999)).toBe(5600)
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(i % 12, options)
      expect(d).toBeLessThanOrEqual(8000)
      expect(d).toBeGreaterThanOrEqual(350)
    }
  })

  it('survives huge attempt numbers and odd jitter values', () => {
    expect(backoffDelay(5000, options, () => 0)).toBe(8000)
    expect(backoffDelay(0, { ...options, jitter: 7 }, () => 0.5)).toBe(250)
    expect(backoffDelay(-3, options, () => 0)).toBe(500)
  })
})
