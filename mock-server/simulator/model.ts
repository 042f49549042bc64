/**
 * The simulated national enforcement picture: 32 court units whose counters grow with the
 * working-day rhythm and whose core indicators drift slowly around their targets, and the
 * function pages beside them (functions/). Where the overview shows a function page's figure
 * (inquiries today, people listed, auctions), it reads it from that page's generator, its one owner.
 *
 * Deterministic: the same seed, start and sequence of `advanceTo` instants give the same
 * figures. Time only comes in through `advanceTo`, so tests drive it without timers.
 * Every national figure that has a per-unit column is the exact sum of the 32 rows.
 */
import { COURT_UNITS, INDICATOR_IDS } from '#protocol'
import type { IndicatorId, NationalIndicators, NationalKpi, ProvinceStats, RollCall, TopicPayloads, UnitStats } from '#protocol'
import { clamp, round2, sum } from './functions/apportion.ts'
import { FunctionPages, type FunctionTopic, type OverviewFigures } from './functions/index.ts'
import type { RollCallOptions } from './functions/rollcall.ts'
import { CASELOAD_SHARES } from './functions/shares.ts'
import { INDICATOR_TARGETS, NATIONAL_MAGNITUDES as N } from './magnitudes.ts'
import { chinaDate, HOUR_MS, isYearStart, rhythmFactor, walkChinaDays, yearActivityShare, yearShareBetween } from './calendar.ts'
import { mulberry32, normal, uniform, type Random } from './random.ts'

/** Mixed into the seed for the function pages' own streams, so the overview's draws never shift theirs. */
const FUNCTION_PAGES_SEED_MIX = 0x5EED
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
  /** open cases on 1 January of the current year (whole number) */
  carriedOver: number
  received: number
  concluded: number
  amount: number
  indicatorLevel: IndicatorValues
  indicators: IndicatorValues
}

/** `unitClosureRate` (functions/rollcall.ts) links the roll call's courts to the overview's rows. */
export interface SimulationOptions extends RollCallOptions {
  seed: number
  /** epoch ms the simulation starts at; year-to-date figures are filled in up to it */
  start: number
}

/** The simulation's state; its methods move it (advanceTo) and read it (counters, indicators, functionPayloads). */
export class Simulation {
  private readonly random: Random
  private readonly units: UnitModel[]
  private readonly functions: FunctionPages
  private current: number
  private year: number
  private indicatorStep: number

  constructor(options: SimulationOptions) {
    const random = mulberry32(options.seed)
    this.random = random
    this.current = Math.floor(options.start)
    this.year = chinaDate(this.current).year
    this.indicatorStep = Math.floor(this.current / INDICATOR_STEP_MS)
    const yearShare = yearActivityShare(this.current)

    this.units = COURT_UNITS.map((court, i) => {
      const share = CASELOAD_SHARES[i]!
      const receivedPerYear = N.casesReceivedPerYear * share * uniform(random, 0.94, 1.06)
      const concludedPerReceived = N.concludedPerReceived * uniform(random, 0.97, 1.03)
      const amountPerYear = N.amountRecoveredPerYear * share * uniform(random, 0.8, 1.2)
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
        carriedOver,
        received,
        concluded,
        amount: amountPerYear * yearShare * uniform(random, 0.97, 1.03),
        indicatorLevel,
        indicators,
      }
    })
    this.functions = new FunctionPages(mulberry32((options.seed ^ FUNCTION_PAGES_SEED_MIX) >>> 0), options.start, {
      unitClosureRate: options.unitClosureRate,
    })
  }

  /** the instant the figures describe */
  get now(): number {
    return this.current
  }

  /** Move every figure forward to t (earlier instants are ignored: time never runs back). */
  advanceTo(t: number): void {
    this.current = walkChinaDays(this.current, Math.floor(t), (from, to) => this.grow(from, to), (midnight) => {
      if (isYearStart(midnight))
        this.newYear(midnight)
    })
    const step = Math.floor(this.current / INDICATOR_STEP_MS)
    if (step > this.indicatorStep) {
      this.driftIndicators((step - this.indicatorStep) * INDICATOR_STEP_MS)
      this.indicatorStep = step
    }
    this.functions.tick(this.current, rhythmFactor(this.current))
  }

  /** National counters and the 32 rows they are summed from, from the same state. */
  counters(): { kpi: NationalKpi, provinces: ProvinceStats } {
    const shared = this.functions.overviewFigures()
    const rows = this.rows(shared)
    const total = (key: 'casesReceivedYtd' | 'casesConcludedYtd' | 'casesPending' | 'amountRecoveredYtd'
      | 'dishonestDebtorsListed' | 'networkInquiriesToday') => sum(rows.map(row => row[key]))
    return {
      kpi: {
        asOf: this.current,
        year: this.year,
        casesReceivedYtd: total('casesReceivedYtd'),
        casesConcludedYtd: total('casesConcludedYtd'),
        casesPending: total('casesPending'),
        amountRecoveredYtd: total('amountRecoveredYtd'),
        dishonestDebtorsListed: total('dishonestDebtorsListed'),
        networkInquiriesToday: total('networkInquiriesToday'),
        onlineAuctionsYtd: shared.onlineAuctionsYtd,
        auctionTurnoverYtd: shared.auctionTurnoverYtd,
      },
      provinces: { asOf: this.current, units: rows },
    }
  }

  /** National value = mean of the units weighted by this year's caseload (旧存 + 新收). */
  indicators(): NationalIndicators {
    const rows = this.rows(this.functions.overviewFigures())
    const weights = rows.map(row => row.casesPending + row.casesConcludedYtd)
    const totalWeight = sum(weights)
    const values = {} as IndicatorValues
    for (const id of INDICATOR_IDS) {
      const weighted = sum(rows.map((row, i) => row[id] * (weights[i] ?? 0)))
      values[id] = round2(totalWeight > 0 ? weighted / totalWeight : INDICATOR_TARGETS[id])
    }
    return { asOf: this.current, values, targets: { ...INDICATOR_TARGETS } }
  }

  /** The six function topics, as of `now`. */
  functionPayloads(): Pick<TopicPayloads, FunctionTopic> {
    return this.functions.payloads(this.current)
  }

  /** A new random roll call (functions/rollcall.ts); it stays the rollcall.courts payload until the next draw. */
  drawRollCall(count: number, drawSeed: number, nowMs: number, drawId?: string): RollCall {
    return this.functions.drawRollCall(count, drawSeed, nowMs, drawId)
  }

  private rows(shared: OverviewFigures): UnitStats[] {
    return this.units.map((u, i) => unitRow(u, shared.dishonestDebtorsListed[i] ?? 0, shared.networkInquiriesToday[i] ?? 0))
  }

  /** A growth factor per step: counters move in uneven jumps, as real filings do. */
  private jitter(): number {
    return uniform(this.random, 0.6, 1.4)
  }

  /** Growth between two instants of the same China day. */
  private grow(from: number, to: number): void {
    const ofYear = yearShareBetween(from, to)
    if (ofYear <= 0)
      return
    for (const u of this.units) {
      u.received += u.receivedPerYear * ofYear * this.jitter()
      const headroom = u.carriedOver + u.received - u.concluded
      u.concluded += Math.min(headroom, u.receivedPerYear * u.concludedPerReceived * ofYear * this.jitter())
      u.amount += u.amountPerYear * ofYear * this.jitter()
    }
  }

  /** 1 January, China time: the year-to-date counters restart, the open cases carry over. */
  private newYear(at: number): void {
    this.year = chinaDate(at).year
    for (const u of this.units) {
      u.carriedOver = u.carriedOver + Math.floor(u.received) - Math.floor(u.concluded)
      u.received = 0
      u.concluded = 0
      u.amount = 0
    }
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

function unitRow(u: UnitModel, dishonestDebtorsListed: number, networkInquiriesToday: number): UnitStats {
  const received = Math.floor(u.received)
  const concluded = Math.floor(u.concluded)
  return {
    unitId: u.id,
    casesReceivedYtd: received,
    casesConcludedYtd: concluded,
    casesPending: u.carriedOver + received - concluded,
    amountRecoveredYtd: Math.floor(u.amount),
    dishonestDebtorsListed,
    networkInquiriesToday,
    actualClosureRate: round2(u.indicators.actualClosureRate),
    terminationComplianceRate: round2(u.indicators.terminationComplianceRate),
    petitionCompletionRate: round2(u.indicators.petitionCompletionRate),
    threeYearClosureRate: round2(u.indicators.threeYearClosureRate),
  }
}
