/**
 * The China calendar the function pages count in: days turn at Beijing midnight (UTC+8, no daylight
 * saving), years at Beijing new year. Work volume follows weekdays; public holidays are ignored,
 * which puts about 3 % more working days in a year than the courts really have.
 */

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * HOUR_MS
/** 1970-01-01 was a Thursday. */
const EPOCH_WEEKDAY = 4
/** Office hours whose share of a day's work is done: 08:30 to 17:30. */
const WORK_BEGINS_HOUR = 8.5
const WORK_HOURS = 9
/**
 * A working day's volume arrives over this much time at activity 1: a rhythm factor that is 1
 * through office hours and 0 outside adds exactly one working day's share of a yearly figure.
 */
export const WORKDAY_ACTIVE_MS = WORK_HOURS * HOUR_MS

/** Days since 1970-01-01, counted in Beijing time. */
export function chinaDayIndex(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS)
}

/** The instant of the Beijing midnight that opens the day of `ms`. */
export function chinaDayStart(ms: number): number {
  return chinaDayIndex(ms) * DAY_MS - CHINA_OFFSET_MS
}

/** Calendar fields of `ms` read in Beijing time (month 1–12). */
export function chinaDate(ms: number): { year: number, month: number, day: number, weekday: number, hour: number } {
  const d = new Date(ms + CHINA_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours() + d.getUTCMinutes() / 60 + d.getUTCSeconds() / 3600 + d.getUTCMilliseconds() / HOUR_MS,
  }
}

/** Beijing midnight of 1 January of `year`. */
export function chinaYearStartOf(year: number): number {
  return Date.UTC(year, 0, 1) - CHINA_OFFSET_MS
}

/** Beijing midnight of the first day of `month` (1–12) of `year`; months past 12 roll into the next year. */
export function chinaMonthStartOf(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) - CHINA_OFFSET_MS
}

/** 'YYYY-MM' of a Beijing month. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`
}

function isWeekdayIndex(dayIndex: number): boolean {
  const weekday = (((EPOCH_WEEKDAY + dayIndex) % 7) + 7) % 7
  return weekday !== 0 && weekday !== 6
}

/** Mondays to Fridays among the days [0, dayIndex). */
function weekdaysBefore(dayIndex: number): number {
  const weeks = Math.floor(dayIndex / 7)
  let count = weeks * 5
  for (let i = weeks * 7; i < dayIndex; i++) {
    if (isWeekdayIndex(i))
      count++
  }
  return count
}

/** Share (0–1) of a working day's volume done by the Beijing clock time of `ms`; 0 all weekend. */
export function workdayProgress(ms: number): number {
  if (!isWeekdayIndex(chinaDayIndex(ms)))
    return 0
  const hour = (((ms + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS
  return Math.min(1, Math.max(0, (hour - WORK_BEGINS_HOUR) / WORK_HOURS))
}

/** Working days, fractional, from 1970 to `ms`: differences give the working time between two instants. */
export function workdayClock(ms: number): number {
  return weekdaysBefore(chinaDayIndex(ms)) + workdayProgress(ms)
}

/** Working days in a Beijing calendar year (260–262). */
export function workdaysInYear(year: number): number {
  return workdayClock(chinaYearStartOf(year + 1)) - workdayClock(chinaYearStartOf(year))
}

/** Share (0–1) of the year's working days gone by at `ms`. */
export function workYearShare(ms: number): number {
  const { year } = chinaDate(ms)
  return (workdayClock(ms) - workdayClock(chinaYearStartOf(year))) / workdaysInYear(year)
}

/** A yearly volume per calendar year (may differ from year to year). */
export type YearlySchedule = (year: number) => number

/**
 * The expected volume between two instants when each year's volume is spread evenly over its
 * working days: the closed form that places counters where a long-running feed would have them.
 */
export function accrued(schedule: YearlySchedule, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs))
    return 0
  let total = 0
  for (let year = chinaDate(fromMs).year; year <= chinaDate(toMs).year; year++) {
    const begin = Math.max(fromMs, chinaYearStartOf(year))
    const end = Math.min(toMs, chinaYearStartOf(year + 1))
    if (end > begin)
      total += schedule(year) * (workdayClock(end) - workdayClock(begin)) / workdaysInYear(year)
  }
  return total
}

/** The expected volume of one tick: a working day's share of the year, scaled by the rhythm factor. */
export function tickVolume(schedule: YearlySchedule, fromMs: number, toMs: number, activity: number): number {
  const year = chinaDate(fromMs).year
  return schedule(year) / workdaysInYear(year) * (toMs - fromMs) / WORKDAY_ACTIVE_MS * activity
}

/** A rhythm factor made safe: NaN and out-of-range values never reach a counter. */
export function clampActivity(activity: number): number {
  return Number.isFinite(activity) ? Math.min(1, Math.max(0, activity)) : 0
}

/**
 * Walk from `fromMs` to `toMs`, cutting the span at every Beijing midnight: `advance` gets each
 * piece, `dayBegins` each midnight in between (so "today" counters reset exactly there).
 */
export function walkChinaDays(
  fromMs: number,
  toMs: number,
  advance: (fromMs: number, toMs: number) => void,
  dayBegins: (midnightMs: number) => void,
): void {
  let from = fromMs
  for (let midnight = chinaDayStart(fromMs) + DAY_MS; midnight <= toMs; midnight += DAY_MS) {
    if (midnight > from)
      advance(from, midnight)
    dayBegins(midnight)
    from = midnight
  }
  if (toMs > from)
    advance(from, toMs)
}
