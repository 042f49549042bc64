import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UNIT_IDS, type WallState } from '~/protocol'
import {
  ADVANCE_RETRY_MS,
  advance,
  createPlaylistClock,
  isDue,
  nextAdvance,
  playlistProgress,
} from './playlist'
import { applyCommand } from './reducer'
import { createDefaultWallState } from './state'

const T0 = 1_750_000_000_000
const ctx = { pages: new Set(['overview', 'province', 'trends']), units: new Set(UNIT_IDS) }

/** A playlist of three items, started at `now`. */
function playing(now = T0): WallState {
  return {
    ...createDefaultWallState(now),
    revision: 2,
    page: 'overview',
    playlist: {
      items: [{ page: 'overview', dwellSec: 10 }, { page: 'trends', dwellSec: 20 }, { page: 'province', dwellSec: 5 }],
      running: true,
      index: 0,
      itemStartedAt: now,
      remainingMs: null,
    },
  }
}

describe('nextAdvance / advance', () => {
  it('counts down the current item and is null when not running', () => {
    const state = playing()
    expect(nextAdvance(state, T0)).toBe(10_000)
    expect(nextAdvance(state, T0 + 4000)).toBe(6000)
    expect(nextAdvance(state, T0 + 60_000)).toBe(0)
    expect(isDue(state, T0 + 10_000)).toBe(true)
    expect(isDue(state, T0 + 9999)).toBe(false)
    expect(nextAdvance(createDefaultWallState(T0), T0)).toBeNull()
  })

  it('moves to the next item, shows its page, and wraps after the last', () => {
    const second = advance(playing(), T0 + 10_000)
    expect(second.page).toBe('trends')
    expect(second.playlist).toMatchObject({ index: 1, itemStartedAt: T0 + 10_000 })
    expect(second.revision).toBe(playing().revision + 1)
    const third = advance(second, T0 + 30_000)
    const first = advance(third, T0 + 35_000)
    expect(first.playlist.index).toBe(0)
    expect(first.page).toBe('overview')
  })

  it('starts the next item at the end of the last one when the timer fired a little late (no drift)', () => {
    expect(advance(playing(), T0 + 10_040).playlist.itemStartedAt).toBe(T0 + 10_000)
  })

  it('starts the next item now after a long gap (the server was down)', () => {
    expect(advance(playing(), T0 + 3_600_000).playlist.itemStartedAt).toBe(T0 + 3_600_000)
  })

  it('reports progress for the terminal', () => {
    expect(playlistProgress(playing(), T0 + 2500)).toEqual({ index: 0, running: true, dwellMs: 10_000, elapsedMs: 2500, remainingMs: 7500, fraction: 0.25 })
    expect(playlistProgress(createDefaultWallState(T0), T0)).toBeNull()
  })
})

describe('createPlaylistClock (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function harness(initial: WallState) {
    let state = initial
    const commits: WallState[] = []
    const clock = createPlaylistClock({
      getState: () => state,
      setState: (next) => {
        state = next
        commits.push(next)
      },
    })
    return { clock, commits, get state() { return state }, set(next: WallState) { state = next } }
  }

  it('advances at the end of every item, around the playlist', () => {
    const h = harness(playing())
    h.clock.sync()
    expect(h.clock.dueAt).toBe(T0 + 10_000)
    vi.advanceTimersByTime(9999)
    expect(h.commits).toHaveLength(0)
    vi.advanceTimersByTime(1)
    expect(h.state.page).toBe('trends')
    vi.advanceTimersByTime(20_000)
    expect(h.state.page).toBe('province')
    vi.advanceTimersByTime(5000)
    expect(h.state.page).toBe('overview')
    expect(h.commits.map(s => s.playlist.index)).toEqual([1, 2, 0])
    h.clock.stop()
  })

  it('does nothing for a paused playlist, and follows a pause made meanwhile', () => {
    const h = harness(playing())
    h.clock.sync()
    vi.advanceTimersByTime(4000)
    const paused = applyCommand(h.state, { kind: 'playlistPause' }, { ...ctx, now: Date.now() })
    if (!paused.ok)
      throw new Error(paused.code)
    h.set(paused.state)
    // Not synced on purpose: the timer must still read the state and see the pause.
    vi.advanceTimersByTime(60_000)
    expect(h.commits).toHaveLength(0)
    expect(h.clock.dueAt).toBeNull()
  })

  it('catches up at once after a restart past the item end', () => {
    const h = harness(playing(T0 - 3_600_000))
    h.clock.sync()
    vi.advanceTimersByTime(0)
    expect(h.commits).toHaveLength(1)
    expect(h.state.playlist).toMatchObject({ index: 1, itemStartedAt: T0 })
    h.clock.stop()
  })

  it('waits, rather than spinning, when an advance could not be committed', () => {
    const state = playing()
    let attempts = 0
    const clock = createPlaylistClock({
      getState: () => state,
      setState: () => {
        attempts++
      },
    })
    clock.sync()
    vi.advanceTimersByTime(10_000)
    expect(attempts).toBe(1)
    expect(clock.dueAt).toBe(Date.now() + ADVANCE_RETRY_MS)
    vi.advanceTimersByTime(ADVANCE_RETRY_MS)
    expect(attempts).toBe(2)
    clock.stop()
    vi.advanceTimersByTime(60_000)
    expect(attempts).toBe(2)
  })

  it('uses injected timers', () => {
    const scheduled: number[] = []
    const clock = createPlaylistClock({
      getState: () => playing(),
      setState: () => {},
      now: () => T0 + 3000,
      setTimeout: (_callback, ms) => {
        scheduled.push(ms)
        return scheduled.length
      },
      clearTimeout: () => {},
    })
    clock.sync()
    expect(scheduled).toEqual([7000])
  })
})
