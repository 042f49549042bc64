/**
 * The courts' working-day rhythm on the Beijing calendar (src/domain/chinaTime.ts): cases are
 * filed, closed and paid in office hours, and only trickle in at night and on rest days.
 *
 * Two views of the same rhythm:
 * - **activity**, in "weight-hours" (an hour with weight 1.6 adds 1.6), hour by hour: the live
 *   rate at an instant, and the overview's year-to-date share (`yearActivityShare`);
 * - **working days**, a clock that advances by one over a working day's office hours (08:30 to
 *   17:30) and by `REST_DAY_SHARE` over a rest day's: the function pages spread each yearly
 *   volume over it (`accrued`, `tickVolume`).
 * A rest day carries the same share of a working day's work in both, so a year-to-date figure
 * filled in at start and one grown tick by tick over a weekend agree.
 * Public holidays (Spring Festival, National Day) are not modelled: they would only shift a few
 * percent of the year.
 */
import { chinaDate, chinaDayIndex, chinaDayStart, chinaHourOfDay, chinaYearStart, DAY_MS, HOUR_MS } from '../../src/domain/chinaTime.ts'
import { CHINA_UTC_OFFSET_MS } from '../../src/domain/constants.ts'

export {
  chinaDate, chinaDayIndex, chinaDayStart, chinaMonthStart, chinaTime, chinaYearStart, DAY_MS, HOUR_MS,
} from '../../src/domain/chinaTime.ts'
export { CHINA_UTC_OFFSET_MS } from '../../src/domain/constants.ts'

const WEEK_MS = 7 * DAY_MS
/** 1970-01-01 was a Thursday. */
const EPOCH_WEEKDAY = 4

// ── The rhythm, hour by hour ─────────────────────────────────────────────────────────────────

/** Weight per China-time hour, Monday to Friday: two office blocks around a lunch break. */
const WORKDAY_WEIGHTS = [
  0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.06, 0.2, // 00–07
  0.8, 1.5, 1.6, 1.4, 0.5, 0.7, 1.5, 1.6, // 08–15
  1.5, 0.8, 0.35, 0.25, 0.2, 0.12, 0.08, 0.05, // 16–23
]
/** Saturday and Sunday: online filings, auctions and the automatic 终本 re-queries keep going. */
const RESTDAY_WEIGHTS = [
  0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, // 00–07
  0.05, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, // 08–15
  0.12, 0.12, 0.06, 0.06, 0.06, 0.06, 0.03, 0.03, // 16–23
]
/** The busiest hour's weight: maps the rhythm onto the 0–1 factor the function generators take. */
const PEAK_WEIGHT = Math.max(...WORKDAY_WEIGHTS)

/** 168 hourly weights, index 0 = Monday 00:00 China time. */
const WEEK_WEIGHTS: readonly number[] = [
  ...Array.from({ length: 5 }, () => WORKDAY_WEIGHTS).flat(),
  ...RESTDAY_WEIGHTS,
  ...RESTDAY_WEIGHTS,
]
/** WEEK_PREFIX[i] = activity from Monday 00:00 to the start of hour i. */
const WEEK_PREFIX: readonly number[] = WEEK_WEIGHTS.reduce<number[]>((acc, w, i) => {
  acc.push((acc[i] ?? 0) + w)
  return acc
}, [0])
const WEEK_TOTAL = WEEK_PREFIX[WEEK_WEIGHTS.length] ?? 0

/** Activity of a whole working day, the unit for "per working day" rates. */
export const WORKDAY_ACTIVITY = WORKDAY_WEIGHTS.reduce((a, b) => a + b, 0)
/** Activity of a whole rest day. */
export const RESTDAY_ACTIVITY = RESTDAY_WEIGHTS.reduce((a, b) => a + b, 0)
/** The share of a working day's work done on a rest day (about 0.12), in both views of the rhythm. */
export const REST_DAY_SHARE = RESTDAY_ACTIVITY / WORKDAY_ACTIVITY

/** China local time as if it were UTC; 1970-01-01 was a Thursday, so +3 days puts Monday at 0. */
function weekAligned(t: number): number {
  return t + CHINA_UTC_OFFSET_MS + 3 * DAY_MS
}

/** Weight at an instant (per hour). */
export function activityWeight(t: number): number {
  const within = ((weekAligned(t) % WEEK_MS) + WEEK_MS) % WEEK_MS
  return WEEK_WEIGHTS[Math.floor(within / HOUR_MS)] ?? 0
}

/** The rhythm as a factor 0–1 (1 in the busiest hours), as the function generators' `tick` takes it. */
export function rhythmFactor(t: number): number {
  return Math.min(1, activityWeight(t) / PEAK_WEIGHT)
}

/** Activity from a fixed origin to t; only differences mean anything. */
export function cumulativeActivity(t: number): number {
  const aligned = weekAligned(t)
  const weeks = Math.floor(aligned / WEEK_MS)
  const within = aligned - weeks * WEEK_MS
  const hour = Math.floor(within / HOUR_MS)
  const fraction = (within - hour * HOUR_MS) / HOUR_MS
  return weeks * WEEK_TOTAL + (WEEK_PREFIX[hour] ?? 0) + (WEEK_WEIGHTS[hour] ?? 0) * fraction
}

export function activityBetween(from: number, to: number): number {
  return to > from ? cumulativeActivity(to) - cumulativeActivity(from) : 0
}

/** The whole activity of a calendar year (China time). */
export function yearActivity(year: number): number {
  return activityBetween(chinaYearStart(year), chinaYearStart(year + 1))
}

/** Share (0–1) of t's year activity that lies before t. */
export function yearActivityShare(t: number): number {
  const { year } = chinaDate(t)
  return activityBetween(chinaYearStart(year), t) / yearActivity(year)
}

/** Beijing midnight of 1 January of the year of `ms`. */
export function yearStartOf(ms: number): number {
  return chinaYearStart(chinaDate(ms).year)
}

/** Whether `ms` is a Beijing new-year midnight, where the year-to-date counters restart. */
export function isYearStart(ms: number): boolean {
  return yearStartOf(ms) === ms
}

// ── The working-day clock ────────────────────────────────────────────────────────────────────

/** Office hours whose share of a day's work is done: 08:30 to 17:30. */
const WORK_BEGINS_HOUR = 8.5
const WORK_HOURS = 9
/**
 * A working day's volume arrives over this much time at activity 1: a rhythm factor that is 1
 * through office hours and 0 outside adds exactly one working day's share of a yearly figure.
 */
export const WORKDAY_ACTIVE_MS = WORK_HOURS * HOUR_MS

/** Monday to Friday, China time. */
export function isWorkingDay(dayIndex: number): boolean {
  const weekday = (((EPOCH_WEEKDAY + dayIndex) % 7) + 7) % 7
  return weekday !== 0 && weekday !== 6
}

/** Working days a day counts for: 1, or a rest day's share. */
function dayWork(dayIndex: number): number {
  return isWorkingDay(dayIndex) ? 1 : REST_DAY_SHARE
}

const WEEK_WORK = 5 + 2 * REST_DAY_SHARE

/** Working days done in the days [0, dayIndex). */
function workBefore(dayIndex: number): number {
  const weeks = Math.floor(dayIndex / 7)
  let count = weeks * WEEK_WORK
  for (let i = weeks * 7; i < dayIndex; i++)
    count += dayWork(i)
  return count
}

/** Working days (0–1) done on the day of `ms` by its Beijing clock time: a rest day reaches REST_DAY_SHARE. */
export function workdayProgress(ms: number): number {
  const share = Math.min(1, Math.max(0, (chinaHourOfDay(ms) - WORK_BEGINS_HOUR) / WORK_HOURS))
  return share * dayWork(chinaDayIndex(ms))
}

/** Working days, fractional, from 1970 to `ms`: differences give the working time between two instants. */
export function workdayClock(ms: number): number {
  return workBefore(chinaDayIndex(ms)) + workdayProgress(ms)
}

/** Working days in a Beijing calendar year: its weekdays plus its rest days' share (about 273). */
export function workdaysInYear(year: number): number {
  return workdayClock(chinaYearStart(year + 1)) - workdayClock(chinaYearStart(year))
}

/** Share (0–1) of the year's working days gone by at `ms`. */
export function workYearShare(ms: number): number {
  const { year } = chinaDate(ms)
  return (workdayClock(ms) - workdayClock(chinaYearStart(year))) / workdaysInYear(year)
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
    const begin = Math.max(fromMs, chinaYearStart(year))
    const end = Math.min(toMs, chinaYearStart(year + 1))
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

/** 'YYYY-MM' of a Beijing month. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`
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
