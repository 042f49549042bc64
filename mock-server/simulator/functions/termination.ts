/** 终本监管: the pool of cases closed for now, and its half-yearly automatic re-query. */
import type { TerminationStats } from '#protocol'
import { addAllocated, apportion, sum } from './apportion.ts'
import { FunctionGenerator } from './generator.ts'
import {
  POOL_ADDED_PER_YEAR, POOL_AT_2026, POOL_FLOOR, POOL_NET_GROWTH_PER_YEAR, POOL_OTHER_EXITS_PER_YEAR, REQUERY_FOUND_RATE, REQUERY_RESTART_SHARE,
} from '../magnitudes.ts'
import { drawCount, jitterWeights, uniform, type Random } from '../random.ts'
import { CASELOAD_SHARES, UNIT_IDS_IN_ORDER } from './shares.ts'
import { accrued, chinaDate, chinaMonthStart, chinaYearStart, isYearStart, tickVolume, yearStartOf } from '../calendar.ts'

const addedPerYear = () => POOL_ADDED_PER_YEAR
const exitsPerYear = () => POOL_OTHER_EXITS_PER_YEAR
/** Units differ from their caseload share by up to this much in no-property cases (poorer regions have more). */
const UNIT_SPREAD = 0.15

/** One half-yearly round: every case in the pool when it starts is queried once before the next round. */
interface RequeryRound {
  startedAt: number
  nextAt: number
  /** the pool when the round started: the round's whole work, fixed while the pool moves on */
  poolAtStart: number
  foundRate: number
}

/**
 * The round's figures at `ms`: the batch queries run evenly through the half year, night and day.
 * Floors keep each count within the one it is a part of (queried ≤ poolAtStart, and so on down).
 */
function roundProgress(round: RequeryRound, ms: number): { queried: number, propertyFound: number, restarted: number } {
  const share = Math.min(1, Math.max(0, (ms - round.startedAt) / (round.nextAt - round.startedAt)))
  const queried = Math.floor(round.poolAtStart * share)
  const propertyFound = Math.floor(queried * round.foundRate)
  return { queried, propertyFound, restarted: Math.floor(propertyFound * REQUERY_RESTART_SHARE) }
}

/** Pool when `year` opens, from the 2026 estimate and the expected net growth. */
export function poolAtYearStart(year: number): number {
  return Math.max(POOL_FLOOR, Math.round(POOL_AT_2026 + (year - 2026) * POOL_NET_GROWTH_PER_YEAR))
}

/** The half-year round boundaries around `ms`: 1 January and 1 July, Beijing time. */
function halfYearOf(ms: number): { startedAt: number, nextAt: number } {
  const { year, month } = chinaDate(ms)
  return month < 7
    ? { startedAt: chinaYearStart(year), nextAt: chinaMonthStart(year, 7) }
    : { startedAt: chinaMonthStart(year, 7), nextAt: chinaYearStart(year + 1) }
}

export class TerminationGenerator extends FunctionGenerator<'termination.stats'> {
  private readonly unitWeights: number[]
  /** per unit, in protocol order: the pool when the year opened, and this year's movements */
  private readonly poolAtYearOpen: number[]
  private readonly addedYtd: number[]
  private readonly restartedYtd: number[]
  private readonly exitsYtd: number[]
  private round: RequeryRound
  /** restarts of this year's finished rounds (the January round, once July has come) */
  private restartedInEarlierRounds = 0

  constructor(private readonly rng: Random, startMs: number) {
    super(startMs)
    this.unitWeights = jitterWeights(rng, CASELOAD_SHARES, UNIT_SPREAD)
    const yearStart = yearStartOf(startMs)
    const openingPool = poolAtYearStart(chinaDate(startMs).year)
    const half = halfYearOf(startMs)
    if (half.startedAt > yearStart) {
      const january: RequeryRound = { startedAt: yearStart, nextAt: half.startedAt, poolAtStart: openingPool, foundRate: this.drawFoundRate() }
      this.restartedInEarlierRounds = roundProgress(january, half.startedAt).restarted
      const julyPool = openingPool + Math.round(accrued(addedPerYear, yearStart, half.startedAt))
        - this.restartedInEarlierRounds - Math.round(accrued(exitsPerYear, yearStart, half.startedAt))
      this.round = { ...half, poolAtStart: julyPool, foundRate: this.drawFoundRate() }
    }
    else {
      this.round = { ...half, poolAtStart: openingPool, foundRate: this.drawFoundRate() }
    }
    this.poolAtYearOpen = apportion(openingPool, this.unitWeights)
    this.addedYtd = apportion(Math.round(accrued(addedPerYear, yearStart, startMs)), this.unitWeights)
    this.exitsYtd = apportion(Math.round(accrued(exitsPerYear, yearStart, startMs)), this.unitWeights)
    this.restartedYtd = apportion(this.restartedInEarlierRounds + roundProgress(this.round, startMs).restarted, this.unitWeights)
  }


  /** Figures as of the last tick, so the round's restarts and restartedYtd agree. */
  payload(nowMs: number): TerminationStats {
    const pool = this.poolByUnit()
    return {
      asOf: Math.floor(nowMs),
      poolSize: sum(pool),
      addedYtd: sum(this.addedYtd),
      restartedYtd: sum(this.restartedYtd),
      cycle: {
        startedAt: this.round.startedAt,
        nextAt: this.round.nextAt,
        poolAtStart: this.round.poolAtStart,
        ...roundProgress(this.round, this.lastMs),
      },
      byUnit: UNIT_IDS_IN_ORDER.map((unitId, i) => ({ unitId, poolSize: pool[i]!, restartedYtd: this.restartedYtd[i]! })),
    }
  }

  private poolByUnit(): number[] {
    return this.poolAtYearOpen.map((start, i) => Math.max(0, start + this.addedYtd[i]! - this.restartedYtd[i]! - this.exitsYtd[i]!))
  }

  private drawFoundRate(): number {
    return uniform(this.rng, REQUERY_FOUND_RATE.min, REQUERY_FOUND_RATE.max)
  }

  protected advance(fromMs: number, toMs: number, activity: number): void {
    addAllocated(this.addedYtd, this.unitWeights, drawCount(this.rng, tickVolume(addedPerYear, fromMs, toMs, activity)))
    addAllocated(this.exitsYtd, this.unitWeights, drawCount(this.rng, tickVolume(exitsPerYear, fromMs, toMs, activity)))
    const restarted = this.restartedInEarlierRounds + roundProgress(this.round, toMs).restarted
    addAllocated(this.restartedYtd, this.unitWeights, restarted - sum(this.restartedYtd))
  }

  protected dayBegins(midnightMs: number): void {
    if (midnightMs !== this.round.nextAt)
      return
    // advance() has run up to this midnight, so the ending round is complete in restartedYtd.
    if (isYearStart(midnightMs)) {
      this.poolByUnit().forEach((n, i) => { this.poolAtYearOpen[i] = n })
      this.addedYtd.fill(0)
      this.restartedYtd.fill(0)
      this.exitsYtd.fill(0)
      this.restartedInEarlierRounds = 0
    }
    else {
      this.restartedInEarlierRounds = sum(this.restartedYtd)
    }
    this.round = { ...halfYearOf(midnightMs), poolAtStart: sum(this.poolByUnit()), foundRate: this.drawFoundRate() }
  }
}
