/**
 * 随机抽查 (random roll call): how a drawn court is named on its card, whether a new draw is still on
 * its way and what the panels show of it, and which video addresses a card may play.
 */
import type { RollCall, RollCallState } from '~/protocol'
import { unitLabel } from '~/domain/units'
import type { Translate } from './translate'

export type DrawnCourt = RollCall['courts'][number]

/**
 * The name on a court's card: the configured name when the feed has one, else built from the unit's
 * short name, the level and the ordinal, e.g. '江苏 · 基层法院 #37' / 'Jiangsu · Basic court #37'.
 * The Corps is '兵团' / 'XPCC'. A high court is the only one of its unit, so it carries no number.
 */
export function courtDisplayName(court: Pick<DrawnCourt, 'name' | 'unitId' | 'level' | 'ordinal'>, locale: string, t: Translate): string {
  const configured = court.name?.trim()
  if (configured)
    return configured
  const unit = unitLabel(court.unitId, locale, t('unit.corps'))
  const level = t(`rollcall.level.${court.level}`)
  return court.level === 'high'
    ? t('rollcall.courtNameHigh', { unit, level })
    : t('rollcall.courtName', { unit, level, ordinal: court.ordinal })
}

/** What the courts area shows. */
export type DrawPhase = 'waiting' | 'drawing' | 'drawn'

/**
 * 'drawing' while the operator's new draw has not reached this wall: the wall state names a draw
 * other than the one the courts belong to, and those courts were drawn before the wall state's draw.
 * The second test keeps a feed that names its draws differently from the wall state (one that does
 * not echo the drawId) from showing "drawing" for ever once its courts for the new draw arrive.
 */
export function drawPhase(state: Pick<RollCallState, 'drawId' | 'drawnAt'> | null | undefined, courts: Pick<RollCall, 'drawId' | 'drawnAt'> | null | undefined): DrawPhase {
  if (!courts)
    return 'waiting'
  return state && state.drawId !== courts.drawId && courts.drawnAt < state.drawnAt ? 'drawing' : 'drawn'
}

/** The draw as both roll-call panels show it. */
export interface DrawView {
  rollCall: RollCall | null
  phase: DrawPhase
  /** courts the draw in flight will bring (the wall state's count), for the face-down cards */
  drawingCount: number
  /** the actual-closure target from 'national.indicators'; null until it arrives */
  target: number | null
}

/** The draw from the feed's courts, the wall state's draw and the target. */
export function drawView(rollCall: RollCall | null, state: RollCallState | null, target: number | null): DrawView {
  return { rollCall, phase: drawPhase(state, rollCall), drawingCount: state?.count ?? rollCall?.courts.length ?? 0, target }
}

/**
 * The address a card's video element may load: http(s) or a same-origin path. Anything else
 * (javascript:, data:, a typo) leaves the placeholder frame, so a bad address never blanks a card.
 */
export function playableVideoUrl(url: string | null | undefined): string | null {
  const trimmed = url?.trim()
  if (!trimmed)
    return null
  if (trimmed.startsWith('/') && !trimmed.startsWith('//'))
    return trimmed
  try {
    const parsed = new URL(trimmed)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  }
  catch {
    return null
  }
}

/** The draw at a glance: courts per level, how many meet the actual-closure target, the mean rate. */
export interface RollCallSummary {
  byLevel: Record<DrawnCourt['level'], number>
  /** courts at or above the target; null without a target */
  meeting: number | null
  /** plain mean of the courts' actual-closure rates; null for an empty draw */
  meanRate: number | null
}

export function summariseDraw(courts: readonly DrawnCourt[], target: number | null): RollCallSummary {
  const byLevel = { high: 0, intermediate: 0, basic: 0 }
  let sum = 0
  let meeting = 0
  for (const court of courts) {
    byLevel[court.level]++
    sum += court.actualClosureRate
    if (target !== null && court.actualClosureRate >= target)
      meeting++
  }
  return { byLevel, meeting: target === null ? null : meeting, meanRate: courts.length ? sum / courts.length : null }
}
