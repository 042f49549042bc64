import { describe, expect, it } from 'vitest'
import { daysUntil, spanParts } from './dates'

describe('spanParts', () => {
  it('splits a span into whole days and a clock of the rest', () => {
    expect(spanParts(((35 * 24 + 9) * 3600 + 4 * 60 + 27) * 1000 + 999)).toEqual({ days: 35, clock: '09:04:27' })
    expect(spanParts(59_000)).toEqual({ days: 0, clock: '00:00:59' })
    expect(spanParts(86_400_000)).toEqual({ days: 1, clock: '00:00:00' })
  })

  it('shows nothing left, never a negative or broken clock', () => {
    expect(spanParts(-5000)).toEqual({ days: 0, clock: '00:00:00' })
    expect(spanParts(Number.NaN)).toEqual({ days: 0, clock: '00:00:00' })
  })
})

describe('daysUntil', () => {
  it('rounds a part of a day up and a past time to 0', () => {
    expect(daysUntil(3_600_000, 0)).toBe(1)
    expect(daysUntil(0, 3_600_000)).toBe(0)
  })
})
