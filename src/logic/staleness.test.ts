import { describe, expect, it } from 'vitest'
import { ageMs, isStale } from './staleness'

describe('ageMs', () => {
  it('is the time since arrival, never negative, null when never received', () => {
    expect(ageMs(1000, 4500)).toBe(3500)
    expect(ageMs(5000, 4500)).toBe(0)
    expect(ageMs(undefined, 4500)).toBeNull()
    expect(ageMs(null, 4500)).toBeNull()
  })
})

describe('isStale', () => {
  it('is true only past the threshold', () => {
    expect(isStale(10_000, 10_000)).toBe(false)
    expect(isStale(10_001, 10_000)).toBe(true)
    expect(isStale(null, 10_000)).toBe(false)
  })
})
