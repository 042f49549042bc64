/**
 * The half-yearly automatic re-query of the 终本 pool (every case closed "for now" is queried
 * again for property; found property restarts enforcement), as the wall reads it from
 * 'termination.stats'.
 */
import type { TerminationStats } from '~/protocol'
import { daysUntil, elapsedShare } from './dates'

/** What the re-query panel shows of the current round. */
export interface RequeryRound {
  /** 0–1: cases queried this round over the base below */
  progress: number
  /**
   * What the progress is measured against. The feed does not carry the pool's size when the round
   * started, so the base is the pool now: the round queries every case that was in the pool when it
   * began, and the pool moves by a few per cent over a half year.
   */
  base: number
  /** % of queried cases where property was found; null before any were queried */
  foundRate: number | null
  /** % of found cases where enforcement restarted; null before any property was found */
  restartRate: number | null
  /** 0–1 of the round's half year gone by at `now` */
  timeShare: number
  /** whole days to the next round */
  daysToNext: number
}

export function requeryRound(stats: Pick<TerminationStats, 'poolSize' | 'cycle'>, now: number): RequeryRound {
  const { cycle } = stats
  const base = Math.max(0, stats.poolSize)
  return {
    progress: base > 0 ? Math.min(1, Math.max(0, cycle.queried / base)) : 0,
    base,
    foundRate: cycle.queried > 0 ? cycle.propertyFound / cycle.queried * 100 : null,
    restartRate: cycle.propertyFound > 0 ? cycle.restarted / cycle.propertyFound * 100 : null,
    timeShare: elapsedShare(cycle.startedAt, cycle.nextAt, now),
    daysToNext: daysUntil(cycle.nextAt, now),
  }
}
