/**
 * The simulated national enforcement picture: 32 court units whose counters grow with the
 * working-day rhythm and whose core indicators drift slowly around their targets.
 *
 * Deterministic: the same seed, start and sequence of `advanceTo` instants give the same
 * figures. Time only comes in through `advanceTo`, so tests drive it without timers.
 * The units are generated first; every national figure that has a per-unit column is the exact
 * sum of the 32 rows.
 */
import { COURT_UNITS, INDICATOR_IDS } from '#protocol'
import type { IndicatorId, NationalIndicators, NationalKpi, ProvinceStats, UnitStats } from '#protocol'
import { INDICATOR_TARGETS, NATIONAL_MAGNITUDES as N } from './magnitudes.ts'
import {
  activityBetween,
  chinaDate,
  chinaDayStart,
  HOUR_MS,
  walkChinaDays,
  WORKDAY_ACTIVITY,
  yearActivity,
  yearActivityShare,
} from './calendar.ts'
import { mulberry32, normal, uniform, type Random } from './random.ts'

const chinaYearOf = (t: number) => chinaDate(t).year
/** Indicators are recomputed once a minute, as a batch job would: between steps they hold still. */
export const INDICATOR_STEP_MS = 60_000
/** Mean reversion of an indicator towards its unit's level: a few days. */
const INDICATOR_REVERSION_PER_HOUR = 1 / 72
/** Spread of an indicator around its level, in points. */
const INDICATOR_SPREAD = 1.2

/** Where each indicator may wander: the 90% ones near 90, the 80% one near 80. */
const INDICATOR_BOUNDS: Record<IndicatorId, { min: number, max: number }> = {
  actualClosureRate: { min: 85, max: 98 },
  terminationComplianceRate: { min: 85, max: 98 },
  petitionCompletionRate: { min: 85, max: 98 },
  threeYearClosureRate: { min: 75, max: 90 },
}

type IndicatorValues = Record<IndicatorId, number>

interface UnitModel {
  id: string
  receivedPerYear: number
  concludedPerReceived: number
  amountPerYear: number
  addedPerYear: number
  removedPerYear: number
  /** queries per weight-hour of activity */
  inquiriesPerActivity: number
  /** open cases on 1 January of the current year (whole number) */
  carriedOver: number
  received: number
  concluded: number
  amount: number
  listed: number
  inquiriesToday: number
  indicatorLevel: IndicatorValues
  indicators: IndicatorValues
}

export interface SimulationOptions {
  seed: number
  /** epoch ms the simulation starts at; year-to-date figures are filled in up to it */
  start: number
}

export interface Simulation {
  /** the instant the figures describe */
  readonly now: number
  /** move the figures forward to t (earlier instants are ignored: time never runs back) */
  advanceTo: (t: number) => void
  /** national counters and the 32 rows they are summed from, from the same state */
  counters: () => { kpi: NationalKpi, provinces: ProvinceStats }
  indicators: () => NationalIndicators
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x))
const round2 = (x: number) => Math.round(x * 100) / 100

/** The simulation's state; its methods move it (advanceTo) and read it (counters, indicators). */
class NationalModel implements Simulation {
  private readonly random: Random
  private readonly units: UnitModel[]
  private current: number
  private year: number
  private activityOfYear: number
  private indicatorStep: number
  private auctions: number
  private auctionTurnover: number

  constructor(options: SimulationOptions) {
    const random = mulberry32(options.seed)
    this.random = random
    this.current = Math.floor(options.start)
    this.year = chinaYearOf(this.current)
    this.activityOfYear = yearActivity(this.year)
    this.indicatorStep = Math.floor(this.current / INDICATOR_STEP_MS)

    // provinces.json shares sum to 1.0002 after rounding: normalise so the nation adds up.
    const shareTotal = COURT_UNITS.reduce((sum, u) => sum + u.caseloadShare, 0)
    const yearShare = yearActivityShare(this.current)
    const todayActivity = activityBetween(chinaDayStart(this.current), this.current)

    this.units = COURT_UNITS.map((court) => {
      const share = court.caseloadShare / shareTotal
      const receivedPerYear = N.casesReceivedPerYear * share * uniform(random, 0.94, 1.06)
      const concludedPerReceived = N.concludedPerReceived * uniform(random, 0.97, 1.03)
      const amountPerYear = N.amountRecoveredPerYear * share * uniform(random, 0.8, 1.2)
      const listedShare = share * uniform(random, 0.85, 1.15)
      const inquiriesPerActivity = N.networkInquiriesPerWorkday * share * uniform(random, 0.9, 1.1) / WORKDAY_ACTIVITY
      const carriedOver = Math.round(N.casesCarriedOver * share * uniform(random, 0.85, 1.15))
      const indicatorLevel = {} as IndicatorValues
      const indicators = {} as IndicatorValues
      for (const id of INDICATOR_IDS) {
        const { min, max } = INDICATOR_BOUNDS[id]
        // Most units sit a little above target, a few below: the wall's red marks have work to do.
        indicatorLevel[id] = clamp(INDICATOR_TARGETS[id] + 2.5 + 2.5 * normal(random), min + 1, max - 2.5)
        indicators[id] = clamp(indicatorLevel[id] + INDICATOR_SPREAD * normal(random), min, max)
      }
      // Year to date so far: the annual rate times the share of the year's activity already past,
      // with the unit a little ahead of or behind its pace.
      const received = receivedPerYear * yearShare * uniform(random, 0.97, 1.03)
      const concluded = Math.min(carriedOver + received, received * concludedPerReceived * uniform(random, 0.97, 1.03))
      return {
        id: court.id,
        receivedPerYear,
        concludedPerReceived,
        amountPerYear,
        addedPerYear: N.dishonestAddedPerYear * listedShare,
        removedPerYear: N.dishonestRemovedPerYear * listedShare,
        inquiriesPerActivity,
        carriedOver,
        received,
        concluded,
        amount: amountPerYear * yearShare * uniform(random, 0.97, 1.03),
        listed: N.dishonestListedAtYearStart * listedShare
          + (N.dishonestAddedPerYear - N.dishonestRemovedPerYear) * listedShare * yearShare,
        inquiriesToday: inquiriesPerActivity * todayActivity,
        indicatorLevel,
        indicators,
      }
    })
    this.auctions = N.onlineAuctionsPerYear * yearShare
    this.auctionTurnover = N.auctionTurnoverPerYear * yearShare
  }

  get now(): number {
    return this.current
  }

  advanceTo(t: number): void {
    const target = Math.floor(t)
    if (!(target > this.current))
      return
    walkChinaDays(this.current, target, (from, to) => this.grow(from, to), midnight => this.newDay(midnight))
    const step = Math.floor(target / INDICATOR_STEP_MS)
    if (step > this.indicatorStep) {
      this.driftIndicators((step - this.indicatorStep) * INDICATOR_STEP_MS)
      this.indicatorStep = step
    }
    this.current = target
  }

  counters(): { kpi: NationalKpi, provinces: ProvinceStats } {
    const rows = this.units.map(unitRow)
    const sum = (key: 'casesReceivedYtd' | 'casesConcludedYtd' | 'casesPending' | 'amountRecoveredYtd'
      | 'dishonestDebtorsListed' | 'networkInquiriesToday') => rows.reduce((total, row) => total + row[key], 0)
    return {
      kpi: {
        asOf: this.current,
        year: this.year,
        casesReceivedYtd: sum('casesReceivedYtd'),
        casesConcludedYtd: sum('casesConcludedYtd'),
        casesPending: sum('casesPending'),
        amountRecoveredYtd: sum('amountRecoveredYtd'),
        dishonestDebtorsListed: sum('dishonestDebtorsListed'),
        networkInquiriesToday: sum('networkInquiriesToday'),
        onlineAuctionsYtd: Math.floor(this.auctions),
        auctionTurnoverYtd: Math.floor(this.auctionTurnover),
      },
      provinces: { asOf: this.current, units: rows },
    }
  }

  /** National value = mean of the units weighted by this year's caseload (旧存 + 新收). */
  indicators(): NationalIndicators {
    const rows = this.units.map(unitRow)
    const weights = rows.map(row => row.casesPending + row.casesConcludedYtd)
    const totalWeight = weights.reduce((a, b) => a + b, 0)
    const values = {} as IndicatorValues
    for (const id of INDICATOR_IDS) {
      const weighted = rows.reduce((sum, row, i) => sum + row[id] * (weights[i] ?? 0), 0)
      values[id] = round2(totalWeight > 0 ? weighted / totalWeight : INDICATOR_TARGETS[id])
    }
    return { asOf: this.current, values, targets: { ...INDICATOR_TARGETS } }
  }

  /** A growth factor per step: counters move in uneven jumps, as real filings do. */
  private jitter(): number {
    return uniform(this.random, 0.6, 1.4)
  }

  /** Growth between two instants of the same China day. */
  private grow(from: number, to: number): void {
    const activity = activityBetween(from, to)
    if (activity <= 0)
      return
    const ofYear = activity / this.activityOfYear
    for (const u of this.units) {
      u.received += u.receivedPerYear * ofYear * this.jitter()
      const headroom = u.carriedOver + u.received - u.concluded
      u.concluded += Math.min(headroom, u.receivedPerYear * u.concludedPerReceived * ofYear * this.jitter())
      u.amount += u.amountPerYear * ofYear * this.jitter()
      u.listed = Math.max(0, u.listed + (u.addedPerYear * this.jitter() - u.removedPerYear * this.jitter()) * ofYear)
      u.inquiriesToday += u.inquiriesPerActivity * activity * this.jitter()
    }
    this.auctions += N.onlineAuctionsPerYear * ofYear * this.jitter()
    this.auctionTurnover += N.auctionTurnoverPerYear * ofYear * this.jitter()
  }

  /** China midnight: today's counter restarts; on 1 January the year-to-date ones do too. */
  private newDay(at: number): void {
    for (const u of this.units)
      u.inquiriesToday = 0
    const newYear = chinaYearOf(at)
    if (newYear === this.year)
      return
    this.year = newYear
    this.activityOfYear = yearActivity(newYear)
    for (const u of this.units) {
      u.carriedOver = u.carriedOver + Math.floor(u.received) - Math.floor(u.concluded)
      u.received = 0
      u.concluded = 0
      u.amount = 0
    }
    this.auctions = 0
    this.auctionTurnover = 0
  }

  /** Ornstein–Uhlenbeck step, exact for any elapsed time, so a long gap costs one draw. */
  private driftIndicators(elapsedMs: number): void {
    const decay = Math.exp(-INDICATOR_REVERSION_PER_HOUR * elapsedMs / HOUR_MS)
    const spread = INDICATOR_SPREAD * Math.sqrt(1 - decay * decay)
    for (const u of this.units) {
      for (const id of INDICATOR_IDS) {
        const { min, max } = INDICATOR_BOUNDS[id]
        const level = u.indicatorLevel[id]
        u.indicators[id] = clamp(level + (u.indicators[id] - level) * decay + spread * normal(this.random), min, max)
      }
    }
  }
}

function unitRow(u: UnitModel): UnitStats {
  const received = Math.floor(u.received)
  const concluded = Math.floor(u.concluded)
  return {
    unitId: u.id,
    casesReceivedYtd: received,
    casesConcludedYtd: concluded,
    casesPending: u.carriedOver + received - concluded,
    amountRecoveredYtd: Math.floor(u.amount),
    dishonestDebtorsListed: Math.floor(u.listed),
    networkInquiriesToday: Math.floor(u.inquiriesToday),
    actualClosureRate: round2(u.indicators.actualClosureRate),
    terminationComplianceRate: round2(u.indicators.terminationComplianceRate),
    petitionCompletionRate: round2(u.indicators.petitionCompletionRate),
    threeYearClosureRate: round2(u.indicators.threeYearClosureRate),
  }
}

export function createSimulation(options: SimulationOptions): Simulation {
  return new NationalModel(options)
}
