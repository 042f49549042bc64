import { describe, expect, it } from 'vitest'
import { addAllocated, allocateIncrement, apportion, sum } from './apportion.ts'
import { CASELOAD_SHARES } from './shares.ts'

describe('apportion', () => {
  it('splits a total into whole parts that add up exactly', () => {
    for (const total of [0, 1, 7, 31, 32, 999_999, 6_800_000, 135_452_219_840]) {
      const parts = apportion(total, CASELOAD_SHARES)
      expect(sum(parts)).toBe(total)
      expect(parts.every(p => Number.isInteger(p) && p >= 0)).toBe(true)
    }
  })

  it('gives each part its share, within one', () => {
    const parts = apportion(1_000_000, [1, 2, 7])
    expect(parts).toEqual([100_000, 200_000, 700_000])
    const odd = apportion(10, [1, 1, 1])
    expect(odd).toEqual([4, 3, 3])
  })
})

describe('allocateIncrement', () => {
  it('never takes anything back and adds exactly the increment', () => {
    const counters = apportion(500, CASELOAD_SHARES)
    for (const delta of [0, 1, 3, 40, 1000]) {
      const parts = allocateIncrement(counters, CASELOAD_SHARES, delta)
      expect(sum(parts)).toBe(delta)
      expect(parts.every(p => p >= 0)).toBe(true)
    }
  })

  it('spreads increments of one over the units by their shares', () => {
    const counters = CASELOAD_SHARES.map(() => 0)
    for (let i = 0; i < 10_000; i++)
      addAllocated(counters, CASELOAD_SHARES, 1)
    expect(sum(counters)).toBe(10_000)
    counters.forEach((c, i) => expect(Math.abs(c - CASELOAD_SHARES[i]! * 10_000)).toBeLessThanOrEqual(1))
  })
})
