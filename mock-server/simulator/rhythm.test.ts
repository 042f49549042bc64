import { describe, expect, it } from 'vitest'
import {
  activityBetween,
  activityWeight,
  chinaDate,
  chinaDayStart,
  chinaTime,
  chinaYearStart,
  cumulativeActivity,
  WORKDAY_ACTIVITY,
  yearActivityShare,
} from './rhythm.ts'

describe('working-day rhythm (China time)', () => {
  it('puts office hours above nights and weekdays above weekends', () => {
    // 2026-03-02 is a Monday, 2026-03-08 a Sunday.
    expect(activityWeight(chinaTime(2026, 3, 2, 10))).toBeGreaterThan(10 * activityWeight(chinaTime(2026, 3, 2, 3)))
    expect(activityWeight(chinaTime(2026, 3, 2, 10))).toBeGreaterThan(5 * activityWeight(chinaTime(2026, 3, 8, 10)))
  })

  it('reads the hour in UTC+8, not UTC', () => {
    // 02:00 UTC on a Monday is 10:00 in Beijing: office hours.
    expect(activityWeight(Date.UTC(2026, 2, 2, 2))).toBe(activityWeight(chinaTime(2026, 3, 2, 10)))
    expect(chinaDate(Date.UTC(2026, 2, 1, 16))).toMatchObject({ year: 2026, month: 3, day: 2, hour: 0 })
    expect(chinaDayStart(Date.UTC(2026, 2, 2, 15, 59))).toBe(Date.UTC(2026, 2, 1, 16))
  })

  it('accumulates monotonically and adds up over a week', () => {
    let previous = cumulativeActivity(chinaTime(2026, 1, 1))
    for (let t = chinaTime(2026, 1, 1); t < chinaTime(2026, 1, 15); t += 7 * 60_000) {
      const next = cumulativeActivity(t)
      expect(next).toBeGreaterThanOrEqual(previous)
      previous = next
    }
    const week = activityBetween(chinaTime(2026, 3, 2), chinaTime(2026, 3, 9))
    expect(week).toBeGreaterThan(5 * WORKDAY_ACTIVITY)
    expect(week).toBeLessThan(5.5 * WORKDAY_ACTIVITY)
  })

  it('gives the share of the year behind an instant', () => {
    expect(yearActivityShare(chinaYearStart(2026))).toBe(0)
    expect(yearActivityShare(chinaTime(2026, 7, 2))).toBeGreaterThan(0.45)
    expect(yearActivityShare(chinaTime(2026, 7, 2))).toBeLessThan(0.55)
    expect(yearActivityShare(chinaTime(2026, 12, 31, 23, 59))).toBeGreaterThan(0.999)
  })
})
