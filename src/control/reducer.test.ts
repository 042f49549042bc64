import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { MAX_BANNER_CHARS, MAX_PLAYLIST_ITEMS, UNIT_IDS, wallStateSchema, type WallState } from '~/protocol'
import type { ControlCommand } from '~/protocol/commands'
import { applyCommand, type CommandContext } from './reducer'
import { createDefaultWallState } from './state'

const T0 = 1_750_000_000_000
const PAGES = new Set(['overview', 'province', 'battleplan', 'trends'])
const UNITS = new Set(UNIT_IDS)

function ctx(now = T0, expectRevision?: number): CommandContext {
  return expectRevision === undefined
    ? { now, pages: PAGES, units: UNITS }
    : { now, pages: PAGES, units: UNITS, expectRevision }
}

function base(): WallState {
  return createDefaultWallState(T0 - 10_000)
}

function accepted(state: WallState, command: ControlCommand, context = ctx()): WallState {
  const result = applyCommand(state, command, context)
  if (!result.ok)
    throw new Error(`refused: ${result.code} ${result.message}`)
  // Every state the reducer produces must be one the walls accept.
  expect(v.safeParse(wallStateSchema, result.state).success).toBe(true)
  return result.state
}

function refused(state: WallState, command: ControlCommand, context = ctx()): string {
  const before = structuredClone(state)
  const result = applyCommand(state, command, context)
  if (result.ok)
    throw new Error('accepted')
  expect(result.message.length).toBeGreaterThan(0)
  // A refused command changes nothing, not even by mutation.
  expect(state).toEqual(before)
  return result.code
}

const TWO_ITEMS: ControlCommand = {
  kind: 'setPlaylist',
  items: [{ page: 'overview', dwellSec: 30 }, { page: 'trends', dwellSec: 60 }],
}

function running(): WallState {
  return accepted(accepted(base(), TWO_ITEMS), { kind: 'playlistStart' })
}

describe('applyCommand: revision and no-ops', () => {
  it('bumps revision and updatedAt on a change', () => {
    const next = accepted(base(), { kind: 'showPage', page: 'trends' })
    expect(next.page).toBe('trends')
    expect(next.revision).toBe(1)
    expect(next.updatedAt).toBe(T0)
  })

  it('accepts a repeated command without a new revision', () => {
    const once = accepted(base(), { kind: 'showPage', page: 'trends' })
    const result = applyCommand(once, { kind: 'showPage', page: 'trends' }, ctx(T0 + 5000))
    expect(result).toEqual({ ok: true, state: once, changed: false })
  })

  it('refuses a stale expectRevision and applies a current one', () => {
    const once = accepted(base(), { kind: 'showPage', page: 'trends' })
    expect(refused(once, { kind: 'showPage', page: 'overview' }, ctx(T0, 0))).toBe('staleRevision')
    expect(accepted(once, { kind: 'showPage', page: 'overview' }, ctx(T0, 1)).revision).toBe(2)
  })
})

describe('applyCommand: pages and focus', () => {
  it('refuses an unknown page', () => {
    expect(refused(base(), { kind: 'showPage', page: 'nope' })).toBe('unknownPage')
    expect(refused(base(), { kind: 'showPage', page: '<script>' })).toBe('unknownPage')
  })

  it('focuses a unit on the province page', () => {
    const next = accepted(base(), { kind: 'focusUnit', unitId: '440000', page: 'province' })
    expect(next.page).toBe('province')
    expect(next.focusUnitId).toBe('440000')
    expect(accepted(next, { kind: 'focusUnit', unitId: 'XPCC', page: 'province' }).focusUnitId).toBe('XPCC')
  })

  it('refuses an unknown unit, or a focus page that is not registered', () => {
    expect(refused(base(), { kind: 'focusUnit', unitId: '999999', page: 'province' })).toBe('unknownUnit')
    expect(refused(base(), { kind: 'focusUnit', unitId: '440000', page: 'ghost' })).toBe('unknownPage')
  })
})

describe('applyCommand: playlist', () => {
  it('sets items without starting them', () => {
    const next = accepted(base(), TWO_ITEMS)
    expect(next.playlist).toEqual({ items: [{ page: 'overview', dwellSec: 30 }, { page: 'trends', dwellSec: 60 }], running: false, index: 0, itemStartedAt: null, remainingMs: null })
    expect(next.page).toBe('overview')
  })

  it('refuses bad items', () => {
    const item = (page: string, dwellSec: number): ControlCommand => ({ kind: 'setPlaylist', items: [{ page, dwellSec }] })
    expect(refused(base(), item('ghost', 30))).toBe('unknownPage')
    expect(refused(base(), item('overview', -5))).toBe('badDwell')
    expect(refused(base(), item('overview', 0))).toBe('badDwell')
    expect(refused(base(), item('overview', 4))).toBe('badDwell')
    expect(refused(base(), item('overview', 3601))).toBe('badDwell')
    expect(refused(base(), item('overview', 1e9))).toBe('badDwell')
    expect(refused(base(), item('overview', Number.POSITIVE_INFINITY))).toBe('badDwell')
    expect(refused(base(), item('overview', 7.5))).toBe('badDwell')
    const many = Array.from({ length: MAX_PLAYLIST_ITEMS + 1 }, () => ({ page: 'overview', dwellSec: 10 }))
    expect(refused(base(), { kind: 'setPlaylist', items: many })).toBe('tooManyItems')
  })

  it('start shows the first item and runs from now', () => {
    const next = running()
    expect(next.page).toBe('overview')
    expect(next.playlist).toMatchObject({ running: true, index: 0, itemStartedAt: T0, remainingMs: null })
  })

  it('start on a running playlist changes nothing; on an empty one it is refused', () => {
    const state = running()
    expect(applyCommand(state, { kind: 'playlistStart' }, ctx(T0 + 9000))).toMatchObject({ ok: true, changed: false })
    expect(refused(base(), { kind: 'playlistStart' })).toBe('emptyPlaylist')
    expect(refused(base(), { kind: 'playlistResume' })).toBe('emptyPlaylist')
    expect(refused(base(), { kind: 'playlistSkipTo', index: 0 })).toBe('emptyPlaylist')
  })

  it('pause keeps the time left; resume gives exactly that time back', () => {
    const paused = accepted(running(), { kind: 'playlistPause' }, ctx(T0 + 12_000))
    expect(paused.playlist).toMatchObject({ running: false, index: 0, itemStartedAt: null, remainingMs: 18_000 })
    expect(applyCommand(paused, { kind: 'playlistPause' }, ctx(T0 + 20_000))).toMatchObject({ ok: true, changed: false })
    const resumed = accepted(paused, { kind: 'playlistResume' }, ctx(T0 + 100_000))
    // 12 s already shown: the item ends 18 s after resuming.
    expect(resumed.playlist).toMatchObject({ running: true, itemStartedAt: T0 + 100_000 - 12_000, remainingMs: null })
    expect(applyCommand(resumed, { kind: 'playlistResume' }, ctx(T0 + 101_000))).toMatchObject({ ok: true, changed: false })
  })

  it('skipTo shows that item; repeated it changes nothing; out of range is refused', () => {
    const skipped = accepted(running(), { kind: 'playlistSkipTo', index: 1 }, ctx(T0 + 3000))
    expect(skipped.page).toBe('trends')
    expect(skipped.playlist).toMatchObject({ index: 1, running: true, itemStartedAt: T0 + 3000 })
    expect(applyCommand(skipped, { kind: 'playlistSkipTo', index: 1 }, ctx(T0 + 4000))).toMatchObject({ ok: true, changed: false })
    expect(refused(skipped, { kind: 'playlistSkipTo', index: 2 })).toBe('badIndex')
    expect(refused(skipped, { kind: 'playlistSkipTo', index: -1 })).toBe('badIndex')
  })

  it('skipTo on a paused playlist shows the item and stays paused with its full time', () => {
    const paused = accepted(running(), { kind: 'playlistPause' }, ctx(T0 + 10_000))
    const skipped = accepted(paused, { kind: 'playlistSkipTo', index: 1 }, ctx(T0 + 11_000))
    expect(skipped.page).toBe('trends')
    expect(skipped.playlist).toMatchObject({ index: 1, running: false, remainingMs: null })
  })

  it('showPage while running pauses the playlist (operator override); resume hands the wall back', () => {
    const overridden = accepted(running(), { kind: 'showPage', page: 'battleplan' }, ctx(T0 + 10_000))
    expect(overridden.page).toBe('battleplan')
    expect(overridden.playlist).toMatchObject({ running: false, index: 0, remainingMs: 20_000 })
    const resumed = accepted(overridden, { kind: 'playlistResume' }, ctx(T0 + 60_000))
    expect(resumed.page).toBe('overview')
    expect(resumed.playlist.itemStartedAt).toBe(T0 + 60_000 - 10_000)
  })

  it('focusUnit while running pauses the playlist too', () => {
    const focused = accepted(running(), { kind: 'focusUnit', unitId: '110000', page: 'province' }, ctx(T0 + 1000))
    expect(focused.playlist.running).toBe(false)
    expect(focused.page).toBe('province')
  })

  it('a new playlist keeps the position when the item there is the same page', () => {
    const state = accepted(running(), { kind: 'playlistSkipTo', index: 1 }, ctx(T0 + 1000))
    const edited = accepted(state, {
      kind: 'setPlaylist',
      items: [{ page: 'overview', dwellSec: 10 }, { page: 'trends', dwellSec: 20 }, { page: 'province', dwellSec: 20 }],
    }, ctx(T0 + 5000))
    expect(edited.playlist).toMatchObject({ index: 1, running: true, itemStartedAt: T0 + 1000 })
    expect(edited.page).toBe('trends')
  })

  it('a new playlist starts again from its first item when the current item is gone', () => {
    const state = accepted(running(), { kind: 'playlistSkipTo', index: 1 }, ctx(T0 + 1000))
    const edited = accepted(state, { kind: 'setPlaylist', items: [{ page: 'battleplan', dwellSec: 10 }] }, ctx(T0 + 5000))
    expect(edited.playlist).toMatchObject({ index: 0, running: true, itemStartedAt: T0 + 5000 })
    expect(edited.page).toBe('battleplan')
  })

  it('a paused playlist edited shorter keeps at most the new dwell as time left', () => {
    const paused = accepted(running(), { kind: 'playlistPause' }, ctx(T0 + 1000))
    const edited = accepted(paused, { kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: 10 }] }, ctx(T0 + 2000))
    expect(edited.playlist).toMatchObject({ index: 0, running: false, remainingMs: 10_000 })
  })

  it('an empty playlist stops and clears it', () => {
    const cleared = accepted(running(), { kind: 'setPlaylist', items: [] })
    expect(cleared.playlist).toEqual({ items: [], running: false, index: 0, itemStartedAt: null, remainingMs: null })
  })
})

describe('applyCommand: blackout and banner', () => {
  it('blackout on and back, leaving page and playlist alone', () => {
    const state = running()
    const dark = accepted(state, { kind: 'setBlackout', on: true })
    expect(dark.blackout).toBe(true)
    expect(dark.page).toBe(state.page)
    expect(dark.playlist).toEqual(state.playlist)
    expect(accepted(dark, { kind: 'setBlackout', on: false }).blackout).toBe(false)
  })

  it('sets a banner as plain text and clears it', () => {
    const shown = accepted(base(), { kind: 'setBanner', text: '  下午三点 全体会议\n请准时  ' })
    expect(shown.banner).toBe('下午三点 全体会议 请准时')
    expect(accepted(shown, { kind: 'setBanner', text: null }).banner).toBeNull()
    expect(accepted(shown, { kind: 'setBanner', text: ' \t ' }).banner).toBeNull()
  })

  it('keeps HTML as literal text (the wall renders text, never markup)', () => {
    const html = '<img src=x onerror=alert(1)><script>alert(1)</script>'
    expect(accepted(base(), { kind: 'setBanner', text: html }).banner).toBe(html)
  })

  it('strips control and bidi characters', () => {
    expect(accepted(base(), { kind: 'setBanner', text: 'a\u0000b\u202Ec\u0007d' }).banner).toBe('abcd')
  })

  it('refuses a banner over the limit; exactly the limit is fine', () => {
    expect(refused(base(), { kind: 'setBanner', text: '执'.repeat(MAX_BANNER_CHARS + 1) })).toBe('bannerTooLong')
    expect(accepted(base(), { kind: 'setBanner', text: '执'.repeat(MAX_BANNER_CHARS) }).banner).toHaveLength(MAX_BANNER_CHARS)
    // Blanks trimmed away do not count.
    expect(accepted(base(), { kind: 'setBanner', text: `  ${'a'.repeat(MAX_BANNER_CHARS)}  ` }).banner).toHaveLength(MAX_BANNER_CHARS)
  })
})

describe('applyCommand: 3D rotation and roll call', () => {
  it('turns the 3D rotation off and on; repeating changes nothing', () => {
    const off = accepted(base(), { kind: 'setRotation', on: false })
    expect(off.rotate3d).toBe(false)
    expect(off.revision).toBe(1)
    expect(accepted(off, { kind: 'setRotation', on: false }).revision).toBe(1)
    expect(accepted(off, { kind: 'setRotation', on: true }).rotate3d).toBe(true)
  })

  it('draws a new roll call each time, with its count', () => {
    const first = accepted(base(), { kind: 'drawRollCall', count: 10 }, ctx(T0))
    expect(first.rollCall).toMatchObject({ count: 10, drawnAt: T0 })
    const second = accepted(first, { kind: 'drawRollCall', count: 10 }, ctx(T0 + 1000))
    expect(second.rollCall.drawId).not.toBe(first.rollCall.drawId)
    expect(second.rollCall.seed).not.toBe(first.rollCall.seed)
    expect(second.revision).toBe(2)
  })

  it('refuses a roll call of no courts or too many', () => {
    expect(refused(base(), { kind: 'drawRollCall', count: 0 })).toBe('badCount')
    expect(refused(base(), { kind: 'drawRollCall', count: 31 })).toBe('badCount')
  })
})
