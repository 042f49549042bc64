/** 随机抽查: courts drawn at random to report live, with each court's figures for this year. */
import { COURT_LEVELS, COURT_UNITS, type RollCall } from '#protocol'
import { FunctionGenerator } from './generator.ts'
import { clamp } from './apportion.ts'
import {
  CONCLUDED_RATIO, COURT_CLOSURE_SPREAD, COURT_SIZE_SIGMA, LEVEL_CASE_SHARE, NATIONAL_MAGNITUDES, ROLL_CALL_INITIAL, ROLL_CALL_MAX, UNIT_CLOSURE_RATE,
} from '../magnitudes.ts'
import { childSeed, hashText, lognormalUnitMean, mulberry32, uniform, type Random } from '../random.ts'
import { CASELOAD_SHARES } from './shares.ts'
import { yearActivityShare } from '../calendar.ts'

type CourtLevel = typeof COURT_LEVELS[number]

/** One court of the ~3,500, numbered within its unit and level. */
export interface CourtRef {
  unitIndex: number
  unitId: string
  level: CourtLevel
  /** 1-based within unit and level */
  ordinal: number
}

/** Every court, unit by unit in protocol order, high → intermediate → basic. */
export const ALL_COURTS: readonly CourtRef[] = COURT_UNITS.flatMap((unit, unitIndex) =>
  COURT_LEVELS.flatMap(level => Array.from({ length: unit.courts[level] }, (_, i) => ({ unitIndex, unitId: unit.id, level, ordinal: i + 1 }))))

export function courtIdOf(court: CourtRef): string {
  return `${court.unitId}-${court.level}-${court.ordinal}`
}

/** Options the simulator may pass so the drawn courts agree with its other pages. */
export interface RollCallOptions {
  /** a unit's actual-closure rate (%) as province.stats shows it; undefined → a stable estimate */
  unitClosureRate?: (unitId: string) => number | undefined
}

/** A draw's seed as a 32-bit whole number (anything not finite draws as 0). */
function drawSeedOf(drawSeed: number): number {
  return Number.isFinite(drawSeed) ? Math.floor(drawSeed) >>> 0 : 0
}

/**
 * `count` distinct courts, drawn uniformly by a partial Fisher–Yates shuffle seeded by `drawSeed`
 * alone, so an operator's repeated draw shows the same courts. `count` is rounded and held to 1–30.
 */
export function drawCourts(count: number, drawSeed: number): CourtRef[] {
  const wanted = Math.min(ROLL_CALL_MAX, ALL_COURTS.length, Math.max(1, Math.round(Number.isFinite(count) ? count : 1)))
  const rng = mulberry32(drawSeedOf(drawSeed))
  const swapped = new Map<number, number>()
  const picked: CourtRef[] = []
  for (let i = 0; i < wanted; i++) {
    const j = i + Math.floor(rng() * (ALL_COURTS.length - i))
    const chosen = swapped.get(j) ?? j
    swapped.set(j, swapped.get(i) ?? i)
    picked.push(ALL_COURTS[chosen]!)
  }
  return picked
}

function unitClosureEstimate(unitId: string): number {
  const r = mulberry32(hashText(`closure:${unitId}`))
  return uniform(r, UNIT_CLOSURE_RATE.min, UNIT_CLOSURE_RATE.max)
}

/**
 * A court's figures at `nowMs`. Its size, pace and distance from its unit's rate come from a hash of
 * its id, so a court shows the same character in every draw; the year's counts grow with the
 * share of the year's work gone by (calendar.ts yearActivityShare).
 */
export function courtFigures(court: CourtRef, nowMs: number, options: RollCallOptions = {}): RollCall['courts'][number] {
  const courtId = courtIdOf(court)
  const r = mulberry32(hashText(courtId))
  const size = lognormalUnitMean(r, COURT_SIZE_SIGMA)
  const concludedRatio = uniform(r, CONCLUDED_RATIO.min, CONCLUDED_RATIO.max)
  const closureOffset = (2 * r() - 1) * COURT_CLOSURE_SPREAD
  const unit = COURT_UNITS[court.unitIndex]!
  const perYear = NATIONAL_MAGNITUDES.casesReceivedPerYear * CASELOAD_SHARES[court.unitIndex]! * LEVEL_CASE_SHARE[court.level] / unit.courts[court.level] * size
  const casesReceivedYtd = Math.round(perYear * yearActivityShare(nowMs))
  const unitRate = options.unitClosureRate?.(court.unitId) ?? unitClosureEstimate(court.unitId)
  const rate = Number.isFinite(unitRate) ? unitRate + closureOffset : unitClosureEstimate(court.unitId)
  return {
    courtId,
    unitId: court.unitId,
    level: court.level,
    ordinal: court.ordinal,
    name: null,
    casesReceivedYtd,
    casesConcludedYtd: Math.round(casesReceivedYtd * concludedRatio),
    actualClosureRate: Math.round(clamp(rate, 0, 100) * 10) / 10,
    videoUrl: null,
  }
}

interface Draw {
  drawId: string
  drawnAt: number
  courts: CourtRef[]
}

export class RollCallGenerator extends FunctionGenerator<'rollcall.courts'> {
  private current: Draw
  private draws = 0

  constructor(rng: Random, startMs: number, private readonly options: RollCallOptions = {}) {
    super(startMs)
    this.current = this.makeDraw(ROLL_CALL_INITIAL, childSeed(rng), startMs)
  }

  /** Nothing accrues between draws: the courts' figures are read off the clock. */
  protected advance(): void {}
  protected dayBegins(): void {}

  /** A new draw; it becomes the payload until the next one. */
  /** `drawId`: the wall state's name for this draw, so walls can match the courts to the draw they asked for. */
  draw(count: number, drawSeed: number, nowMs: number, drawId?: string): RollCall {
    this.current = this.makeDraw(count, drawSeed, nowMs, drawId)
    return this.payload(nowMs)
  }

  payload(nowMs: number): RollCall {
    return {
      asOf: Math.floor(nowMs),
      drawId: this.current.drawId,
      drawnAt: this.current.drawnAt,
      courts: this.current.courts.map(court => courtFigures(court, nowMs, this.options)),
    }
  }

  private makeDraw(count: number, drawSeed: number, nowMs: number, drawId?: string): Draw {
    this.draws++
    const seed = drawSeedOf(drawSeed)
    return { drawId: drawId ?? `draw-${this.draws}-${seed.toString(36)}`, drawnAt: Math.floor(nowMs), courts: drawCourts(count, seed) }
  }
}
