/**
 * Guided-tour timing and stepping. Like the playlist, the state stores when the current step began
 * (running) or how much of it was left (held), never a countdown, so a restarted server or a late
 * terminal computes the same position. A step is applied to the wall state as a whole: its page,
 * its focus unit, the 3D rotation and, where the step asks for one, a fresh roll call.
 *
 * A tour takes the wall from the playlist: starting one holds a running playlist where it is, and
 * the tour ends after its last step, leaving the wall on that step's page.
 */
import type { Tour, TourState, WallState } from '~/protocol'
import { ADVANCE_SLACK_MS, pausedPlaylist } from './playlist'

/** Dwell of step `index` in ms; 0 outside the tour. */
export function stepDwellMs(tour: TourState, index: number = tour.index): number {
  const step = tour.tour.steps[index]
  return step ? step.dwellSec * 1000 : 0
}

/** Time left on the current step: counted down while running, frozen while held. */
export function remainingOnStep(tour: TourState, now: number): number {
  const dwell = stepDwellMs(tour)
  if (tour.running && tour.stepStartedAt !== null)
    return Math.min(dwell, Math.max(0, tour.stepStartedAt + dwell - now))
  return tour.remainingMs === null ? dwell : Math.min(dwell, tour.remainingMs)
}

/** Ms until the running tour's step ends; null when no tour runs. */
export function nextTourAdvance(state: WallState, now: number): number | null {
  return state.tour?.running ? remainingOnStep(state.tour, now) : null
}

/** True when the running tour's current step has had its time. */
export function isTourDue(state: WallState, now: number): boolean {
  const ms = nextTourAdvance(state, now)
  return ms !== null && ms <= 0
}

/** The roll-call seed of a draw made by the wall state itself: a new draw every time, reproducible from the audit log. */
export function rollCallSeed(revision: number, now: number): number {
  return (Math.imul(revision + 1, 0x9E3779B1) ^ now) >>> 0
}

/** The state showing step `tour.index`: its page, focus unit, rotation and, when asked, a new roll call. */
export function withStep(state: WallState, tour: TourState, now: number): WallState {
  const step = tour.tour.steps[tour.index]
  if (!step)
    return { ...state, tour }
  const next: WallState = {
    ...state,
    tour,
    page: step.page,
    focusUnitId: step.focusUnitId ?? state.focusUnitId,
    rotate3d: step.rotate3d,
    playlist: pausedPlaylist(state, now),
  }
  // A held tour stepped back and forth must not draw again for the same step: only a step entered anew draws.
  const entered = state.tour?.tour.id !== tour.tour.id || state.tour.index !== tour.index
  if (step.drawRollCall && entered)
    next.rollCall = { drawId: `draw-${state.revision + 1}`, count: state.rollCall.count, seed: rollCallSeed(state.revision, now), drawnAt: now }
  return next
}

/** The state with `tour` started from its first step. */
export function startTour(state: WallState, tour: Tour, now: number): WallState {
  return withStep(state, { tour, index: 0, running: true, stepStartedAt: now, remainingMs: null }, now)
}

/** The tour held where it is, the time left on its step kept. */
export function pauseTour(state: WallState, now: number): WallState {
  const tour = state.tour
  if (!tour || !tour.running)
    return state
  return { ...state, tour: { ...tour, running: false, stepStartedAt: null, remainingMs: remainingOnStep(tour, now) } }
}

/** The held tour running again with the time that was left on its step. */
export function resumeTour(state: WallState, now: number): WallState {
  const tour = state.tour
  if (!tour || tour.running)
    return state
  const dwell = stepDwellMs(tour)
  const left = tour.remainingMs === null ? dwell : Math.min(dwell, tour.remainingMs)
  return withStep(state, { ...tour, running: true, stepStartedAt: now - (dwell - left), remainingMs: null }, now)
}

/** The tour on step `index` (running or held as it was), from the start of that step. */
export function tourStepTo(state: WallState, index: number, now: number): WallState {
  const tour = state.tour
  if (!tour)
    return state
  return withStep(state, {
    ...tour,
    index,
    stepStartedAt: tour.running ? now : null,
    remainingMs: null,
  }, now)
}

/**
 * The state after the running step's time is up: the next step, or, after the last, no tour (the
 * wall stays on the last page). Revision + 1: an advance is a change like any command.
 */
export function advanceTour(state: WallState, now: number): WallState {
  const tour = state.tour
  if (!tour)
    return state
  const base = { revision: state.revision + 1, updatedAt: now }
  const index = tour.index + 1
  if (index >= tour.tour.steps.length)
    return { ...state, tour: null, ...base }
  const end = tour.stepStartedAt === null ? now : tour.stepStartedAt + stepDwellMs(tour)
  const stepStartedAt = now >= end && now - end <= ADVANCE_SLACK_MS ? end : now
  return { ...withStep(state, { ...tour, index, stepStartedAt, remainingMs: null }, now), ...base }
}

/** Where the tour stands, for the wall's progress mark and the terminal. */
export interface TourProgress {
  /** 0-based step */
  index: number
  steps: number
  running: boolean
  remainingMs: number
  dwellMs: number
}

export function tourProgress(state: WallState, now: number): TourProgress | null {
  const tour = state.tour
  if (!tour)
    return null
  return { index: tour.index, steps: tour.tour.steps.length, running: tour.running, remainingMs: remainingOnStep(tour, now), dwellMs: stepDwellMs(tour) }
}

/** The timing the clock runs a tour with (see createPlaylistClock's `timing`). */
export const TOUR_TIMING = { nextAdvance: nextTourAdvance, isDue: isTourDue, advance: advanceTour }
