/**
 * The half-yearly automatic re-query of the 终本 pool (every case closed "for now" is queried
 * again for property; found property restarts enforcement), as the wall reads it from
 * 'termination.stats'.
 */
import type { TerminationStats } from '~/protocol'
import { daysUntil, elapsedShare } from './dates'

/** What the re-query panel shows of the current round. */
export interface RequeryRound {
  /**
   * 0–1: cases queried this round over the cases in the pool when it started (the round's whole
   * work; the pool now has moved since, by new closures and restarts).
   */
  progress: number
  /** % of queried cases where property was found; null before any were queried */
  foundRate: number | null
  /** % of found cases where enforcement restarted; null before any property was found */
  restartRate: number | null
  /** 0–1 of the round's half year gone by at `now` */
  timeShare: number
  /** whole days to the next round */
  daysToNext: number
}

export function requeryRound(stats: Pick<TerminationStats, 'cycle'>, now: number): RequeryRound {
  const { cycle } = stats
  return {
    // The schema keeps queried ≤ poolAtStart; the clamp only guards a caller that skipped it.
    progress: cycle.poolAtStart > 0 ? Math.min(1, Math.max(0, cycle.queried / cycle.poolAtStart)) : 0,
    foundRate: cycle.queried > 0 ? cycle.propertyFound / cycle.queried * 100 : null,
    restartRate: cycle.propertyFound > 0 ? cycle.restarted / cycle.propertyFound * 100 : null,
    timeShare: elapsedShare(cycle.startedAt, cycle.nextAt, now),
    daysToNext: daysUntil(cycle.nextAt, now),
  }
}
