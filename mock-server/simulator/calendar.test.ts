import { describe, expect, it } from 'vitest'
import {
  accrued,
  activityBetween,
  activityWeight,
  chinaDate,
  chinaDayStart,
  chinaTime,
  chinaYearStart,
  cumulativeActivity,
  DAY_MS,
  HOUR_MS,
  REST_DAY_SHARE,
  rhythmFactor,
  tickVolume,
  walkChinaDays,
  WORKDAY_ACTIVITY,
  workdaysBetween,
  workdaysInYear,
  yearActivityShare,
} from './calendar.ts'

const MINUTE_MS = 60_000

function sumOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** The hourly weights of the Beijing day that opens at `dayStart`. */
function hourlyWeights(dayStart: number): number[] {
  return Array.from({ length: 24 }, (_, h) => activityWeight(dayStart + h * HOUR_MS))
}

describe('working-day rhythm (China time)', () => {
  it('puts office hours above nights and weekdays above weekends', () => {
    // 2026-03-02 is a Monday, 2026-03-08 a Sunday.
    expect(activityWeight(chinaTime(2026, 3, 2, 10))).toBeGreaterThan(10 * activityWeight(chinaTime(2026, 3, 2, 3)))
    expect(activityWeight(chinaTime(2026, 3, 2, 10))).toBeGreaterThan(5 * activityWeight(chinaTime(2026, 3, 8, 10)))
    expect(rhythmFactor(chinaTime(2026, 3, 2, 10))).toBe(1)
    expect(rhythmFactor(chinaTime(2026, 3, 8, 10))).toBeGreaterThan(0)
    expect(rhythmFactor(chinaTime(2026, 3, 8, 10))).toBeLessThan(0.1)
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

describe('the working-day clock', () => {
  it('turns the day at Beijing midnight, not UTC midnight', () => {
    expect(chinaDayStart(chinaTime(2026, 5, 12, 23, 59))).toBe(chinaTime(2026, 5, 12))
    expect(chinaDayStart(chinaTime(2026, 5, 13, 0, 1))).toBe(chinaTime(2026, 5, 13))
    expect(chinaDate(chinaTime(2027, 1, 1, 0, 30)).year).toBe(2027)
    expect(chinaYearStart(2027)).toBe(Date.UTC(2026, 11, 31, 16))
  })

  it('counts a working day as one, most of it in office hours', () => {
    // 2026-05-15 is a Friday, 2026-05-12 a Tuesday
    const friday = chinaTime(2026, 5, 15)
    const weights = hourlyWeights(friday)
    expect(sumOf(weights)).toBeCloseTo(WORKDAY_ACTIVITY, 9)
    // by 13:00 the share of the day's hourly weights before it is done: a little under half
    const byOne = workdaysBetween(friday, chinaTime(2026, 5, 15, 13))
    expect(byOne).toBeCloseTo(sumOf(weights.slice(0, 13)) / sumOf(weights), 9)
    expect(byOne).toBeGreaterThan(0.45)
    expect(byOne).toBeLessThan(0.5)
    expect(workdaysBetween(chinaTime(2026, 5, 15, 8, 30), chinaTime(2026, 5, 15, 17, 30))).toBeGreaterThan(0.8)
    expect(workdaysBetween(chinaTime(2026, 5, 12), chinaTime(2026, 5, 13))).toBeCloseTo(1, 9)
    // 2026 has 261 weekdays and 104 rest days, 2024 262 and 104
    expect(workdaysInYear(2026)).toBeCloseTo(261 + 104 * REST_DAY_SHARE, 9)
    expect(workdaysInYear(2024)).toBeCloseTo(262 + 104 * REST_DAY_SHARE, 9)
  })

  it('gives a weekend the rhythm\'s weekend activity, in the backfill as in the hour-by-hour rhythm', () => {
    // 2026-05-16 is a Saturday, 2026-05-18 the Monday after
    const saturday = chinaTime(2026, 5, 16)
    const monday = chinaTime(2026, 5, 18)
    const weekendInWorkdays = workdaysBetween(saturday, monday)
    expect(weekendInWorkdays).toBeGreaterThan(0)
    expect(weekendInWorkdays).toBeCloseTo(sumOf([...hourlyWeights(saturday), ...hourlyWeights(saturday + DAY_MS)]) / WORKDAY_ACTIVITY, 9)
    expect(weekendInWorkdays).toBeCloseTo(2 * REST_DAY_SHARE, 9)
    expect(REST_DAY_SHARE).toBeGreaterThan(0.05)
    expect(REST_DAY_SHARE).toBeLessThan(0.2)
    // and a counter backfilled over the weekend moves by what the rhythm gives the live ticks
    const schedule = () => 1_000_000
    const backfilled = accrued(schedule, saturday, monday)
    const perWorkday = 1_000_000 / workdaysInYear(2026)
    expect(backfilled).toBeCloseTo(perWorkday * activityBetween(saturday, monday) / WORKDAY_ACTIVITY, 6)
  })

  it('adds over a day ticked at the rhythm factor what the backfill says the day adds', () => {
    const schedule = () => 1_000_000
    // 2026-05-12 is a Tuesday, 2026-05-16 a Saturday
    for (const day of [chinaTime(2026, 5, 12), chinaTime(2026, 5, 16)]) {
      let ticked = 0
      for (let t = day + MINUTE_MS; t <= day + DAY_MS; t += MINUTE_MS)
        ticked += tickVolume(schedule, t - MINUTE_MS, t, rhythmFactor(t))
      expect(ticked / accrued(schedule, day, day + DAY_MS)).toBeCloseTo(1, 9)
    }
    expect(accrued(schedule, chinaTime(2026, 5, 12), chinaTime(2026, 5, 13))).toBeCloseTo(1_000_000 / workdaysInYear(2026), 6)
    expect(accrued(schedule, chinaTime(2026, 5, 16), chinaTime(2026, 5, 17))).toBeCloseTo(REST_DAY_SHARE * 1_000_000 / workdaysInYear(2026), 6)
  })

  it('spreads a yearly volume exactly over its year', () => {
    const schedule = (year: number) => year === 2026 ? 261_000 : 100_000
    expect(accrued(schedule, chinaYearStart(2026), chinaYearStart(2027))).toBeCloseTo(261_000, 6)
    expect(accrued(schedule, chinaTime(2026, 5, 12), chinaTime(2026, 5, 13))).toBeCloseTo(261_000 / workdaysInYear(2026), 6)
    expect(accrued(schedule, chinaTime(2026, 12, 31), chinaTime(2027, 1, 2)))
      .toBeCloseTo(261_000 / workdaysInYear(2026) + 100_000 / workdaysInYear(2027), 6)
    // the overview's year-to-date share and the function pages' backfill are one measure
    for (const t of [chinaTime(2026, 3, 4, 10, 30), chinaTime(2026, 7, 2), chinaTime(2026, 12, 31, 23, 59)])
      expect(yearActivityShare(t)).toBeCloseTo(accrued(() => 1, chinaYearStart(2026), t), 12)
  })

  it('walks a span piece by piece, cutting at every midnight', () => {
    const pieces: [number, number][] = []
    const midnights: number[] = []
    const from = chinaTime(2026, 5, 12, 22)
    const to = chinaTime(2026, 5, 14, 1)
    walkChinaDays(from, to, (a, b) => pieces.push([a, b]), m => midnights.push(m))
    expect(midnights).toEqual([chinaTime(2026, 5, 13), chinaTime(2026, 5, 14)])
    expect(pieces).toEqual([[from, chinaTime(2026, 5, 13)], [chinaTime(2026, 5, 13), chinaTime(2026, 5, 14)], [chinaTime(2026, 5, 14), to]])
    // a span that starts on a midnight does not announce that midnight again
    midnights.length = 0
    expect(walkChinaDays(chinaTime(2026, 5, 13), chinaTime(2026, 5, 13) + HOUR_MS, () => {}, m => midnights.push(m)))
      .toBe(chinaTime(2026, 5, 13) + HOUR_MS)
    expect(midnights).toEqual([])
    // time never runs back: an instant not after the start walks nothing and ends where it began
    for (const to of [from, from - DAY_MS, Number.NaN])
      expect(walkChinaDays(from, to, () => pieces.push([0, 0]), m => midnights.push(m))).toBe(from)
    expect(pieces).toHaveLength(3)
    expect(midnights).toEqual([])
    expect(DAY_MS).toBe(24 * HOUR_MS)
  })
})
