import { describe, expect, it } from 'vitest'
import { demoClockOffsetMs, demoClockStart, parseDemoClock } from './demoClock.ts'
import { chinaDate, chinaTime } from './calendar.ts'

describe('demo clock', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(parseDemoClock('10:30')).toBe(630)
    expect(parseDemoClock('00:00')).toBe(0)
    expect(parseDemoClock('23:59')).toBe(1439)
    for (const bad of ['24:00', '9:30', '10:60', '10.30', '', '10:30:00'])
      expect(parseDemoClock(bad)).toBeNull()
    expect(() => demoClockStart(0, '25:00')).toThrow(/HH:MM/)
  })

  it('runs from that morning on a working-day evening', () => {
    // Tuesday 3 March 2026, 21:00 Beijing time
    const start = demoClockStart(chinaTime(2026, 3, 3, 21), '10:30')
    expect(start).toBe(chinaTime(2026, 3, 3, 10, 30))
  })

  it('goes back to the previous working day after midnight and over a weekend', () => {
    // Wednesday 00:18 → Tuesday 10:30
    expect(demoClockStart(chinaTime(2026, 3, 4, 0, 18), '10:30')).toBe(chinaTime(2026, 3, 3, 10, 30))
    // Monday 00:18 → Friday 10:30
    expect(demoClockStart(chinaTime(2026, 3, 9, 0, 18), '10:30')).toBe(chinaTime(2026, 3, 6, 10, 30))
    // Sunday afternoon → Friday
    expect(demoClockStart(chinaTime(2026, 3, 8, 15), '10:30')).toBe(chinaTime(2026, 3, 6, 10, 30))
    // a working-day morning before the set time → the day before
    const start = demoClockStart(chinaTime(2026, 3, 5, 9), '10:30')
    expect(chinaDate(start)).toMatchObject({ day: 4, hour: 10, minute: 30 })
  })

  it('is never in the future and is an offset of zero without a clock', () => {
    const now = chinaTime(2026, 3, 3, 10, 30)
    expect(demoClockStart(now, '10:30')).toBe(now)
    expect(demoClockOffsetMs(now, undefined)).toBe(0)
    expect(demoClockOffsetMs(chinaTime(2026, 3, 3, 21), '10:30')).toBe(-(10.5 * 3_600_000))
  })
})
