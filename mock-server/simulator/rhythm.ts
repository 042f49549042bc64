/**
 * The working-day rhythm of the courts, on China Standard Time (UTC+8, no daylight saving):
 * cases are filed, closed and paid in office hours, and only trickle in at night and on rest days.
 *
 * Activity is measured in "weight-hours": an hour with weight 1.6 adds 1.6. Counters grow in
 * proportion to the activity between two instants, so a year-to-date figure is the annual rate
 * times the share of the year's activity already behind us. Public holidays (Spring Festival,
 * National Day) are not modelled: they would only shift a few percent of the year.
 */

export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000
const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const WEEK_MS = 7 * DAY_MS

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

/** China local time as if it were UTC; 1970-01-01 was a Thursday, so +3 days puts Monday at 0. */
function weekAligned(t: number): number {
  return t + CHINA_UTC_OFFSET_MS + 3 * DAY_MS
}

/** Weight at an instant (per hour). */
export function activityWeight(t: number): number {
  const within = ((weekAligned(t) % WEEK_MS) + WEEK_MS) % WEEK_MS
  return WEEK_WEIGHTS[Math.floor(within / HOUR_MS)] ?? 0
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

/** Calendar fields of an instant in China time. */
export function chinaDate(t: number): { year: number, month: number, day: number, hour: number, minute: number } {
  const d = new Date(t + CHINA_UTC_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
}

/** Epoch ms of a China-time wall clock reading. */
export function chinaTime(year: number, month = 1, day = 1, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - CHINA_UTC_OFFSET_MS
}

/** Midnight China time at the start of t's day. */
export function chinaDayStart(t: number): number {
  return Math.floor((t + CHINA_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_UTC_OFFSET_MS
}

export function chinaYearOf(t: number): number {
  return chinaDate(t).year
}

export function chinaYearStart(year: number): number {
  return chinaTime(year)
}

/** The whole activity of a calendar year (China time). */
export function yearActivity(year: number): number {
  return activityBetween(chinaYearStart(year), chinaYearStart(year + 1))
}

/** Share (0–1) of t's year activity that lies before t. */
export function yearActivityShare(t: number): number {
  const year = chinaYearOf(t)
  return activityBetween(chinaYearStart(year), t) / yearActivity(year)
}
