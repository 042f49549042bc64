import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { UNIT_IDS, wallStateSchema, type Tour, type WallState } from '~/protocol'
import type { ControlCommand } from '~/protocol/commands'
import { createPlaylistClock } from './playlist'
import { applyCommand, type CommandContext } from './reducer'
import { createDefaultWallState } from './state'
import { advanceTour, TOUR_TIMING, tourProgress } from './tour'

const T0 = 1_750_000_000_000
const PAGES = new Set(['overview', 'province', 'battleplan', 'rollcall', 'map3d'])

const caption = (zh: string, en: string) => ({ 'zh-CN': zh, 'en': en })
const TOUR: Tour = {
  id: 'story',
  title: caption('执行工作', 'Enforcement'),
  steps: [
    { page: 'overview', focusUnitId: null, rotate3d: true, dwellSec: 10, caption: caption('全国态势', 'The national picture'), drawRollCall: false },
    { page: 'province', focusUnitId: '320000', rotate3d: true, dwellSec: 20, caption: caption('江苏', 'Jiangsu'), drawRollCall: false },
    { page: 'map3d', focusUnitId: null, rotate3d: false, dwellSec: 15, caption: caption('三维', '3D'), drawRollCall: false },
    { page: 'rollcall', focusUnitId: null, rotate3d: true, dwellSec: 30, caption: caption('抽查', 'Roll call'), drawRollCall: true },
  ],
}

function ctx(now = T0): CommandContext {
  return { now, pages: PAGES, units: new Set(UNIT_IDS), tours: new Map([[TOUR.id, TOUR]]) }
}

function accepted(state: WallState, command: ControlCommand, now = T0): WallState {
  const result = applyCommand(state, command, ctx(now))
  if (!result.ok)
    throw new Error(`refused: ${result.code} ${result.message}`)
  expect(v.safeParse(wallStateSchema, result.state).success).toBe(true)
  return result.state
}

function refusedCode(state: WallState, command: ControlCommand): string {
  const result = applyCommand(state, command, ctx())
  if (result.ok)
    throw new Error('accepted')
  return result.code
}

describe('guided tour', () => {
  it('starts on its first step, holding a running playlist', () => {
    let state = createDefaultWallState(T0 - 1000)
    state = accepted(state, { kind: 'setPlaylist', items: [{ page: 'battleplan', dwellSec: 30 }] })
    state = accepted(state, { kind: 'playlistStart' })
    state = accepted(state, { kind: 'tourStart', tourId: 'story' })
    expect(state.page).toBe('overview')
    expect(state.tour).toMatchObject({ index: 0, running: true, stepStartedAt: T0 })
    expect(state.playlist.running).toBe(false)
    expect(refusedCode(state, { kind: 'tourStart', tourId: 'nope' })).toBe('unknownTour')
  })

  it('steps forward and back with the focus unit, rotation and a fresh roll call where asked', () => {
    let state = accepted(createDefaultWallState(T0), { kind: 'tourStart', tourId: 'story' })
    state = accepted(state, { kind: 'tourStepTo', index: 1 }, T0 + 1000)
    expect(state).toMatchObject({ page: 'province', focusUnitId: '320000' })
    expect(state.tour?.stepStartedAt).toBe(T0 + 1000)
    state = accepted(state, { kind: 'tourStepTo', index: 2 }, T0 + 2000)
    expect(state).toMatchObject({ page: 'map3d', rotate3d: false, focusUnitId: '320000' })
    const drawBefore = state.rollCall.drawId
    state = accepted(state, { kind: 'tourStepTo', index: 3 }, T0 + 3000)
    expect(state.page).toBe('rollcall')
    expect(state.rollCall.drawId).not.toBe(drawBefore)
    state = accepted(state, { kind: 'tourStepTo', index: 2 }, T0 + 4000)
    expect(state.page).toBe('map3d')
    expect(refusedCode(state, { kind: 'tourStepTo', index: 4 })).toBe('noTour')
    expect(refusedCode(state, { kind: 'tourStepTo', index: -1 })).toBe('noTour')
  })

  it('pauses with the time left, resumes with it, and stops leaving the page', () => {
    let state = accepted(createDefaultWallState(T0), { kind: 'tourStart', tourId: 'story' })
    state = accepted(state, { kind: 'tourPause' }, T0 + 4000)
    expect(state.tour).toMatchObject({ running: false, remainingMs: 6000, stepStartedAt: null })
    expect(tourProgress(state, T0 + 60_000)?.remainingMs).toBe(6000)
    state = accepted(state, { kind: 'tourResume' }, T0 + 100_000)
    expect(state.tour).toMatchObject({ running: true, stepStartedAt: T0 + 96_000 })
    state = accepted(state, { kind: 'tourStop' }, T0 + 101_000)
    expect(state.tour).toBeNull()
    expect(state.page).toBe('overview')
    expect(refusedCode(state, { kind: 'tourPause' })).toBe('noTour')
  })

  it('is held by the operator choosing a page, and ended by the playlist', () => {
    let state = accepted(createDefaultWallState(T0), { kind: 'tourStart', tourId: 'story' })
    state = accepted(state, { kind: 'showPage', page: 'battleplan' }, T0 + 3000)
    expect(state.tour).toMatchObject({ running: false, remainingMs: 7000 })
    state = accepted(state, { kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: 30 }] })
    state = accepted(state, { kind: 'playlistStart' }, T0 + 4000)
    expect(state.tour).toBeNull()
  })

  it('advances on its own at each step\'s end and ends after the last', () => {
    let state = accepted(createDefaultWallState(T0), { kind: 'tourStart', tourId: 'story' })
    let now = T0
    const pages: string[] = [state.page]
    vi.useFakeTimers()
    vi.setSystemTime(T0)
    const clock = createPlaylistClock({
      getState: () => state,
      setState: (next) => { state = next },
      now: () => now,
      setTimeout: (fn, ms) => setTimeout(() => { now += ms; fn() }, ms),
      clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
      timing: TOUR_TIMING,
    })
    clock.sync()
    for (let i = 0; i < 4; i++) {
      vi.runOnlyPendingTimers()
      pages.push(state.page)
    }
    clock.stop()
    vi.useRealTimers()
    expect(pages).toEqual(['overview', 'province', 'map3d', 'rollcall', 'rollcall'])
    expect(state.tour).toBeNull()
    // the next step starts at the end of the last, not when the timer fired
    const started = accepted(createDefaultWallState(T0), { kind: 'tourStart', tourId: 'story' })
    expect(advanceTour(started, T0 + 10_400).tour?.stepStartedAt).toBe(T0 + 10_000)
  })

  it('sets the language of every wall, and back to each wall\'s own', () => {
    let state = accepted(createDefaultWallState(T0), { kind: 'setLanguage', language: 'en' })
    expect(state.language).toBe('en')
    expect(state.revision).toBe(1)
    state = accepted(state, { kind: 'setLanguage', language: null })
    expect(state.language).toBeNull()
  })
})
