/** 失信惩戒: the dishonest-debtor list, its published history and a simulated continuation, bans. */
import type { CreditStats } from '#protocol'
import { addAllocated, apportion, sum } from './apportion.ts'
import { FunctionGenerator } from './generator.ts'
import {
  BANS_ANCHOR, FLIGHT_BANS_PER_YEAR, LIST_ANCHOR, LISTED_AT_2026, LISTINGS_PER_YEAR, PUBLISHED_LIST_HISTORY,
  RAIL_BANS_PER_YEAR, REMOVALS_PER_YEAR, RESTORATIONS_PER_YEAR,
} from '../magnitudes.ts'
import { drawCount, type Random } from '../random.ts'
import { CASELOAD_SHARES, UNIT_IDS_IN_ORDER } from './shares.ts'
import {
  accrued, chinaDate, chinaMonthStart, chinaYearStart, monthLabel, tickVolume, type YearlySchedule,
} from '../calendar.ts'

type HistoryPoint = CreditStats['history'][number]

/** The schema's cap on history points; the oldest simulated months give way first. */
const HISTORY_MAX = 400
const LIST_ANCHOR_END = chinaMonthStart(LIST_ANCHOR.year, LIST_ANCHOR.month + 1)
const flightBans = () => FLIGHT_BANS_PER_YEAR
const railBans = () => RAIL_BANS_PER_YEAR

/** Expected volume between the anchor and `ms`, negative before the anchor. */
function sinceAnchor(schedule: YearlySchedule, ms: number): number {
  return ms >= LIST_ANCHOR_END ? accrued(schedule, LIST_ANCHOR_END, ms) : -accrued(schedule, ms, LIST_ANCHOR_END)
}

/** Cumulative listings (person-times) at `ms`, continuing the last published point. */
export function listedCumulativeAt(ms: number): number {
  return Math.round(LIST_ANCHOR.listedCumulative + sinceAnchor(LISTINGS_PER_YEAR, ms))
}

/** People on the list when `year` opens, from the 2026 estimate and each year's listings less removals. */
export function listedAtYearStart(year: number): number {
  let listed = LISTED_AT_2026
  for (let y = 2026; y < year; y++)
    listed += LISTINGS_PER_YEAR(y) - REMOVALS_PER_YEAR(y)
  for (let y = year; y < 2026; y++)
    listed -= LISTINGS_PER_YEAR(y) - REMOVALS_PER_YEAR(y)
  return Math.max(0, Math.round(listed))
}

export class CreditGenerator extends FunctionGenerator<'credit.stats'> {
  private cumulativeAtYearStart: number
  /** per unit, in protocol order: on the list when the year opened, listed and removed since */
  private readonly listedAtStart: number[]
  private readonly addedYtd: number[]
  private readonly removedYtd: number[]
  private restoredYtd: number
  private flightBans: number
  private railBans: number
  /** completed months since the last published point, oldest first */
  private readonly completedMonths: HistoryPoint[] = []
  private currentMonth: string

  constructor(private readonly rng: Random, startMs: number) {
    super(startMs)
    const { year, month } = chinaDate(startMs)
    const yearStart = chinaYearStart(year)
    this.cumulativeAtYearStart = listedCumulativeAt(yearStart)
    this.listedAtStart = apportion(listedAtYearStart(year), CASELOAD_SHARES)
    this.addedYtd = apportion(Math.round(accrued(LISTINGS_PER_YEAR, yearStart, startMs)), CASELOAD_SHARES)
    this.removedYtd = apportion(Math.round(accrued(REMOVALS_PER_YEAR, yearStart, startMs)), CASELOAD_SHARES)
    this.restoredYtd = Math.min(sum(this.removedYtd), Math.round(accrued(RESTORATIONS_PER_YEAR, yearStart, startMs)))
    this.flightBans = Math.round(BANS_ANCHOR.flight + sinceAnchor(flightBans, startMs))
    this.railBans = Math.round(BANS_ANCHOR.rail + sinceAnchor(railBans, startMs))
    this.currentMonth = monthLabel(year, month)
    // Months of earlier years from the closed form; months of this year from the same split the
    // opening counters use, so the continuation never steps back before the live point.
    const thisMonth = year * 12 + month - 1
    for (let k = LIST_ANCHOR.year * 12 + LIST_ANCHOR.month; k < thisMonth; k++) {
      const y = Math.floor(k / 12)
      const m = k % 12 + 1
      const monthEnd = chinaMonthStart(y, m + 1)
      const value = y < year
        ? listedCumulativeAt(monthEnd)
        : this.cumulativeAtYearStart + Math.round(accrued(LISTINGS_PER_YEAR, yearStart, monthEnd))
      this.completedMonths.push({ date: monthLabel(y, m), listedCumulative: value, simulated: true })
    }
  }


  payload(nowMs: number): CreditStats {
    const listed = this.listedByUnit()
    const published = PUBLISHED_LIST_HISTORY.map(p => ({ ...p, simulated: false }))
    const continuation = this.isAfterPublished()
      ? [...this.completedMonths, { date: this.currentMonth, listedCumulative: this.cumulative(), simulated: true }]
      : []
    return {
      asOf: Math.floor(nowMs),
      listedNow: sum(listed),
      addedYtd: sum(this.addedYtd),
      removedYtd: sum(this.removedYtd),
      restoredYtd: this.restoredYtd,
      flightBansCumulative: this.flightBans,
      railBansCumulative: this.railBans,
      history: [...published, ...continuation.slice(-(HISTORY_MAX - published.length))],
      byUnit: UNIT_IDS_IN_ORDER.map((unitId, i) => ({ unitId, listedNow: listed[i]!, addedYtd: this.addedYtd[i]! })),
    }
  }

  /** People on the list now by unit (protocol order): province.stats shows these too. */
  listedByUnit(): number[] {
    return this.listedAtStart.map((start, i) => Math.max(0, start + this.addedYtd[i]! - this.removedYtd[i]!))
  }

  private cumulative(): number {
    return this.cumulativeAtYearStart + sum(this.addedYtd)
  }

  private isAfterPublished(): boolean {
    return this.currentMonth > monthLabel(LIST_ANCHOR.year, LIST_ANCHOR.month)
  }

  protected advance(fromMs: number, toMs: number, activity: number): void {
    const volume = (schedule: YearlySchedule) => drawCount(this.rng, tickVolume(schedule, fromMs, toMs, activity))
    addAllocated(this.addedYtd, CASELOAD_SHARES, volume(LISTINGS_PER_YEAR))
    addAllocated(this.removedYtd, CASELOAD_SHARES, volume(REMOVALS_PER_YEAR))
    // Restorations are removals by another name; they never outnumber them.
    this.restoredYtd = Math.min(sum(this.removedYtd), this.restoredYtd + volume(RESTORATIONS_PER_YEAR))
    this.flightBans += volume(flightBans)
    this.railBans += volume(railBans)
  }

  protected dayBegins(midnightMs: number): void {
    const { year, month, day } = chinaDate(midnightMs)
    if (day !== 1)
      return
    if (this.isAfterPublished())
      this.completedMonths.push({ date: this.currentMonth, listedCumulative: this.cumulative(), simulated: true })
    if (this.completedMonths.length > HISTORY_MAX)
      this.completedMonths.splice(0, this.completedMonths.length - HISTORY_MAX)
    this.currentMonth = monthLabel(year, month)
    if (month === 1) {
      this.cumulativeAtYearStart = this.cumulative()
      const listed = this.listedByUnit()
      listed.forEach((n, i) => { this.listedAtStart[i] = n })
      this.addedYtd.fill(0)
      this.removedYtd.fill(0)
      this.restoredYtd = 0
    }
  }
}
