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

export function createSimulation(options: SimulationOptions): Simulation {
  const random: Random = mulberry32(options.seed)
  /** a growth factor per step: counters move in uneven jumps, as real filings do */
  const jitter = () => uniform(random, 0.6, 1.4)
  let now = Math.floor(options.start)
  let year = chinaYearOf(now)
  let activityOfYear = yearActivity(year)
  let indicatorStep = Math.floor(now / INDICATOR_STEP_MS)

  // provinces.json shares sum to 1.0002 after rounding: normalise so the nation adds up.
  const shareTotal = COURT_UNITS.reduce((sum, u) => sum + u.caseloadShare, 0)
  const yearShare = yearActivityShare(now)
  const todayActivity = activityBetween(chinaDayStart(now), now)

  const units: UnitModel[] = COURT_UNITS.map((court) => {
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
  let auctions = N.onlineAuctionsPerYear * yearShare
  let auctionTurnover = N.auctionTurnoverPerYear * yearShare

  /** Growth between two instants of the same China day. */
  function grow(from: number, to: number): void {
    const activity = activityBetween(from, to)
    if (activity <= 0)
      return
    const ofYear = activity / activityOfYear
    for (const u of units) {
      u.received += u.receivedPerYear * ofYear * jitter()
      const headroom = u.carriedOver + u.received - u.concluded
      u.concluded += Math.min(headroom, u.receivedPerYear * u.concludedPerReceived * ofYear * jitter())
      u.amount += u.amountPerYear * ofYear * jitter()
      u.listed = Math.max(0, u.listed + (u.addedPerYear * jitter() - u.removedPerYear * jitter()) * ofYear)
      u.inquiriesToday += u.inquiriesPerActivity * activity * jitter()
    }
    auctions += N.onlineAuctionsPerYear * ofYear * jitter()
    auctionTurnover += N.auctionTurnoverPerYear * ofYear * jitter()
  }

  /** China midnight: today's counter restarts; on 1 January the year-to-date ones do too. */
  function newDay(at: number): void {
    for (const u of units)
      u.inquiriesToday = 0
    const newYear = chinaYearOf(at)
    if (newYear === year)
      return
    year = newYear
    activityOfYear = yearActivity(year)
    for (const u of units) {
      u.carriedOver = u.carriedOver + Math.floor(u.received) - Math.floor(u.concluded)
      u.received = 0
      u.concluded = 0
      u.amount = 0
    }
    auctions = 0
    auctionTurnover = 0
  }

  /** Ornstein–Uhlenbeck step, exact for any elapsed time, so a long gap costs one draw. */
  function driftIndicators(elapsedMs: number): void {
    const decay = Math.exp(-INDICATOR_REVERSION_PER_HOUR * elapsedMs / HOUR_MS)
    const spread = INDICATOR_SPREAD * Math.sqrt(1 - decay * decay)
    for (const u of units) {
      for (const id of INDICATOR_IDS) {
        const { min, max } = INDICATOR_BOUNDS[id]
        const level = u.indicatorLevel[id]
        u.indicators[id] = clamp(level + (u.indicators[id] - level) * decay + spread * normal(random), min, max)
      }
    }
  }

  function advanceTo(t: number): void {
    const target = Math.floor(t)
    if (!(target > now))
      return
    walkChinaDays(now, target, grow, newDay)
    const step = Math.floor(target / INDICATOR_STEP_MS)
    if (step > indicatorStep) {
      driftIndicators((step - indicatorStep) * INDICATOR_STEP_MS)
      indicatorStep = step
    }
    now = target
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

  function counters(): { kpi: NationalKpi, provinces: ProvinceStats } {
    const rows = units.map(unitRow)
    const sum = (key: 'casesReceivedYtd' | 'casesConcludedYtd' | 'casesPending' | 'amountRecoveredYtd'
      | 'dishonestDebtorsListed' | 'networkInquiriesToday') => rows.reduce((total, row) => total + row[key], 0)
    return {
      kpi: {
        asOf: now,
        year,
        casesReceivedYtd: sum('casesReceivedYtd'),
        casesConcludedYtd: sum('casesConcludedYtd'),
        casesPending: sum('casesPending'),
        amountRecoveredYtd: sum('amountRecoveredYtd'),
        dishonestDebtorsListed: sum('dishonestDebtorsListed'),
        networkInquiriesToday: sum('networkInquiriesToday'),
        onlineAuctionsYtd: Math.floor(auctions),
        auctionTurnoverYtd: Math.floor(auctionTurnover),
      },
      provinces: { asOf: now, units: rows },
    }
  }

  /** National value = mean of the units weighted by this year's caseload (旧存 + 新收). */
  function indicators(): NationalIndicators {
    const rows = units.map(unitRow)
    const weights = rows.map(row => row.casesPending + row.casesConcludedYtd)
    const totalWeight = weights.reduce((a, b) => a + b, 0)
    const values = {} as IndicatorValues
    for (const id of INDICATOR_IDS) {
      const weighted = rows.reduce((sum, row, i) => sum + row[id] * (weights[i] ?? 0), 0)
      values[id] = round2(totalWeight > 0 ? weighted / totalWeight : INDICATOR_TARGETS[id])
    }
    return { asOf: now, values, targets: { ...INDICATOR_TARGETS } }
  }

  return {
    get now() { return now },
    advanceTo,
    counters,
    indicators,
  }
}
