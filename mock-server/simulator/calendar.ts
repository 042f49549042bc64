/**
 * The courts' working-day rhythm on the Beijing calendar (src/domain/chinaTime.ts): cases are
 * filed, closed and paid in office hours, and only trickle in at night and on rest days.
 *
 * One measure of work: **activity**, in "weight-hours" (an hour with weight 1.6 adds 1.6). A
 * working day's work is the rhythm's integral over a working day (`WORKDAY_ACTIVITY`); a rest
 * day's is `REST_DAY_SHARE` of that. Every yearly volume is spread over its year's activity: the
 * year-to-date figures filled in at start (`accrued`, `yearActivityShare`) integrate the rhythm,
 * and the live ticks (`tickVolume`) take the rhythm factor at the tick, so ticks at `rhythmFactor`
 * add what the backfill says the same span adds.
 * Public holidays (Spring Festival, National Day) are not modelled: they would only shift a few
 * percent of the year.
 */
import { chinaDate, chinaDayStart, chinaYearStart, DAY_MS, HOUR_MS } from '../../src/domain/chinaTime.ts'
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

/** Activity of a whole working day: the one measure of "a working day's work". */
export const WORKDAY_ACTIVITY = WORKDAY_WEIGHTS.reduce((a, b) => a + b, 0)
/** The share of a working day's work done on a rest day (about 0.12). */
export const REST_DAY_SHARE = RESTDAY_WEIGHTS.reduce((a, b) => a + b, 0) / WORKDAY_ACTIVITY

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

/** Working days (fractional) between two instants: a working day counts 1, a rest day REST_DAY_SHARE. */
export function workdaysBetween(fromMs: number, toMs: number): number {
  return activityBetween(fromMs, toMs) / WORKDAY_ACTIVITY
}

/**
 * Working days a tick adds at a rhythm factor held over it: the factor turned back into activity,
 * so ticks at `rhythmFactor` add up to `workdaysBetween` over the same span.
 */
export function workdaysAtRhythm(fromMs: number, toMs: number, factor: number): number {
  return toMs > fromMs ? factor * PEAK_WEIGHT * (toMs - fromMs) / HOUR_MS / WORKDAY_ACTIVITY : 0
}

/** Working days in a Beijing calendar year: its weekdays plus its rest days' share (about 273). */
export function workdaysInYear(year: number): number {
  return workdaysBetween(chinaYearStart(year), chinaYearStart(year + 1))
}

/**
 * Share (0–1) of the year's work done between two instants, both within the Beijing year of `fromMs`:
 * how far every yearly volume moves between them.
 */
export function yearShareBetween(fromMs: number, toMs: number): number {
  return workdaysBetween(fromMs, toMs) / workdaysInYear(chinaDate(fromMs).year)
}

/** Share (0–1) of t's year gone by at t, for every year-to-date figure (overview and function pages). */
export function yearActivityShare(t: number): number {
  return yearShareBetween(yearStartOf(t), t)
}

/** Beijing midnight of 1 January of the year of `ms`. */
export function yearStartOf(ms: number): number {
  return chinaYearStart(chinaDate(ms).year)
}

/** Whether `ms` is a Beijing new-year midnight, where the year-to-date counters restart. */
export function isYearStart(ms: number): boolean {
  return yearStartOf(ms) === ms
}

/** Monday to Friday, China time. */
export function isWorkingDay(dayIndex: number): boolean {
  const weekday = (((EPOCH_WEEKDAY + dayIndex) % 7) + 7) % 7
  return weekday !== 0 && weekday !== 6
}

// ── Yearly volumes ───────────────────────────────────────────────────────────────────────────

/** A yearly volume per calendar year (may differ from year to year). */
export type YearlySchedule = (year: number) => number

/**
 * The expected volume between two instants, each year's volume spread over its year's work: the
 * closed form that places counters where a long-running feed would have them.
 */
export function accrued(schedule: YearlySchedule, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs))
    return 0
  let total = 0
  for (let year = chinaDate(fromMs).year; year <= chinaDate(toMs).year; year++) {
    const begin = Math.max(fromMs, chinaYearStart(year))
    const end = Math.min(toMs, chinaYearStart(year + 1))
    if (end > begin)
      total += schedule(year) * yearShareBetween(begin, end)
  }
  return total
}

/** The expected volume of one tick (within one Beijing day) at the rhythm factor `activity`. */
export function tickVolume(schedule: YearlySchedule, fromMs: number, toMs: number, activity: number): number {
  const year = chinaDate(fromMs).year
  return schedule(year) * workdaysAtRhythm(fromMs, toMs, activity) / workdaysInYear(year)
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
 * piece, `dayBegins` each midnight in between (so "today" counters reset exactly there). Time never
 * runs back: a `toMs` not after `fromMs` walks nothing. Returns where the walk ends, the instant
 * the walker's figures now describe: `toMs`, or `fromMs` when nothing was walked.
 */
export function walkChinaDays(
  fromMs: number,
  toMs: number,
  advance: (fromMs: number, toMs: number) => void,
  dayBegins: (midnightMs: number) => void,
): number {
  if (!(toMs > fromMs))
    return fromMs
  let from = fromMs
  for (let midnight = chinaDayStart(fromMs) + DAY_MS; midnight <= toMs; midnight += DAY_MS) {
    if (midnight > from)
      advance(from, midnight)
    dayBegins(midnight)
    from = midnight
  }
  if (toMs > from)
    advance(from, toMs)
  return toMs
}
