import { describe, expect, it } from 'vitest'
import { beijing } from './testing.ts'
import {
  accrued, chinaDate, chinaDayStart, chinaYearStartOf, DAY_MS, HOUR_MS, walkChinaDays, workdayClock, workdayProgress, workdaysInYear, workYearShare,
} from './time.ts'

describe('china calendar', () => {
  it('turns the day at Beijing midnight, not UTC midnight', () => {
    expect(chinaDayStart(beijing(2026, 5, 12, 23, 59))).toBe(beijing(2026, 5, 12))
    expect(chinaDayStart(beijing(2026, 5, 13, 0, 1))).toBe(beijing(2026, 5, 13))
    expect(chinaDate(beijing(2027, 1, 1, 0, 30)).year).toBe(2027)
    expect(chinaYearStartOf(2027)).toBe(Date.UTC(2026, 11, 31, 16))
  })

  it('counts weekdays: 2026 has 261, a weekend adds no work', () => {
    expect(workdaysInYear(2026)).toBe(261)
    expect(workdaysInYear(2024)).toBe(262)
    // 2026-05-16 is a Saturday
    expect(workdayProgress(beijing(2026, 5, 16, 12))).toBe(0)
    expect(workdayClock(beijing(2026, 5, 18)) - workdayClock(beijing(2026, 5, 16))).toBe(0)
    expect(workdayProgress(beijing(2026, 5, 15, 13))).toBeCloseTo(0.5, 6)
  })

  it('spreads a yearly volume exactly over its year', () => {
    const schedule = (year: number) => year === 2026 ? 261_000 : 100_000
    expect(accrued(schedule, chinaYearStartOf(2026), chinaYearStartOf(2027))).toBeCloseTo(261_000, 6)
    expect(accrued(schedule, beijing(2026, 5, 12), beijing(2026, 5, 13))).toBeCloseTo(1000, 6)
    expect(accrued(schedule, beijing(2026, 12, 31), beijing(2027, 1, 2))).toBeCloseTo(1000 + 100_000 / workdaysInYear(2027), 6)
    expect(workYearShare(chinaYearStartOf(2026))).toBe(0)
  })

  it('walks a span piece by piece, cutting at every midnight', () => {
    const pieces: [number, number][] = []
    const midnights: number[] = []
    const from = beijing(2026, 5, 12, 22)
    const to = beijing(2026, 5, 14, 1)
    walkChinaDays(from, to, (a, b) => pieces.push([a, b]), m => midnights.push(m))
    expect(midnights).toEqual([beijing(2026, 5, 13), beijing(2026, 5, 14)])
    expect(pieces).toEqual([[from, beijing(2026, 5, 13)], [beijing(2026, 5, 13), beijing(2026, 5, 14)], [beijing(2026, 5, 14), to]])
    // a span that starts on a midnight does not announce that midnight again
    midnights.length = 0
    walkChinaDays(beijing(2026, 5, 13), beijing(2026, 5, 13) + HOUR_MS, () => {}, m => midnights.push(m))
    expect(midnights).toEqual([])
    expect(DAY_MS).toBe(24 * HOUR_MS)
  })
})
