/**
 * The demo clock: the simulated courts run from a chosen Beijing time (SIM_CLOCK=10:30) on the
 * latest working day, and advance at real speed from there, so a rehearsal at 21:00 or at midnight
 * shows a weekday morning's activity. The simulator is simply given a clock that is this much behind
 * (or ahead of) the real one; its year-to-date figures are filled in up to the simulated start, so
 * every cumulative figure is the one it would have been at that time.
 */
import { chinaDayIndex, chinaDayStart, DAY_MS, isWorkingDay } from './calendar.ts'

/** `HH:MM`, 00:00 to 23:59, as written in SIM_CLOCK and upstream.clock. */
export const DEMO_CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Minutes after China midnight of an `HH:MM` reading; null when it is not one. */
export function parseDemoClock(text: string): number | null {
  const match = DEMO_CLOCK_PATTERN.exec(text.trim())
  if (!match)
    return null
  return Number(match[1]) * 60 + Number(match[2])
}

/**
 * The latest instant at or before `now` that reads `HH:MM` in Beijing on a working day: at 21:00 on
 * a Tuesday, 10:30 is that morning; at 00:18 on a Saturday it is Friday's.
 */
export function demoClockStart(now: number, clock: string): number {
  const minutes = parseDemoClock(clock)
  if (minutes === null)
    throw new RangeError(`demo clock ${JSON.stringify(clock)}: expected HH:MM`)
  let candidate = chinaDayStart(now) + minutes * 60_000
  while (candidate > now || !isWorkingDay(chinaDayIndex(candidate)))
    candidate -= DAY_MS
  return candidate
}

/**
 * How far the simulated clock runs from the real one (simulated = real + offset), for a demo clock
 * set at `now`; 0 without one.
 */
export function demoClockOffsetMs(now: number, clock: string | undefined): number {
  return clock === undefined ? 0 : demoClockStart(now, clock) - now
}
