// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref, shallowRef, type EffectScope } from 'vue'
import * as v from 'valibot'
import { wallStateSchema, type WallState } from '~/protocol'
import { useFeedHub } from '~/test/feed-hub'
import { TEST_TS } from '~/test/fixtures'
import { SCREENS } from './registry'
import { createWallNav, DEFAULT_FOCUS_UNIT_ID, useWallNav, type WallNavBase } from './useWallNav'

const PAGES = [
  { id: 'overview', dwellSec: 60 },
  { id: 'heatmap', dwellSec: 30 },
  { id: 'battleplan', dwellSec: 20 },
  { id: 'province', dwellSec: 10 },
]

/** A valid wall state; the schema fills the fields a test does not care about with their defaults. */
function wallState(overrides: Partial<WallState> = {}): WallState {
  return v.parse(wallStateSchema, {
    revision: 1,
    page: 'overview',
    focusUnitId: null,
    playlist: { items: [], running: false, index: 0, itemStartedAt: null, remainingMs: null },
    blackout: false,
    banner: null,
    updatedAt: TEST_TS,
    ...overrides,
  })
}

let scope: EffectScope
const server = shallowRef<WallState | null>(null)
const now = ref(TEST_TS)

function nav(extra: Partial<WallNavBase> = {}) {
  return scope.run(() => createWallNav({
    serverState: () => server.value,
    pages: PAGES,
    defaultPage: 'overview',
    now: () => now.value,
    clock: () => Date.now(),
    ...extra,
  }))!
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
  vi.setSystemTime(TEST_TS)
  scope = effectScope()
  server.value = null
  now.value = TEST_TS
})

afterEach(() => {
  scope.stop()
  vi.useRealTimers()
})

describe('createWallNav: the server decides', () => {
  it('shows the default page, no blackout, no banner, before any state', () => {
    const n = nav()
    expect(n.page.value).toBe('overview')
    expect(n.blackout.value).toBe(false)
    expect(n.banner.value).toBeNull()
    expect(n.progress.value).toBeNull()
    expect(n.local.value).toBe(false)
    expect(n.focusUnitId.value).toBe(DEFAULT_FOCUS_UNIT_ID)
    expect(n.focusDefaulted.value).toBe(true)
  })

  it('follows the page, focus, blackout and banner of the server state', () => {
    const n = nav()
    server.value = wallState({ revision: 2, page: 'province', focusUnitId: '320000', blackout: true, banner: '  全国执行工作视频会议 15:00 ' })
    expect(n.page.value).toBe('province')
    expect(n.focusUnitId.value).toBe('320000')
    expect(n.focusDefaulted.value).toBe(false)
    expect(n.blackout.value).toBe(true)
    expect(n.banner.value).toBe('全国执行工作视频会议 15:00')
    server.value = wallState({ revision: 3, focusUnitId: 'XPCC', banner: '   ' })
    expect(n.page.value).toBe('overview')
    expect(n.focusUnitId.value).toBe('XPCC')
    expect(n.blackout.value).toBe(false)
    expect(n.banner.value).toBeNull()
  })

  it('shows the overview for a page it does not know, and says so for diagnostics', () => {
    const n = nav()
    server.value = wallState({ page: 'rollcall' })
    expect(n.page.value).toBe('overview')
    expect(n.notes.value).toEqual([{ kind: 'unknownPage', value: 'rollcall' }])
    server.value = wallState({ revision: 2, page: 'heatmap' })
    expect(n.notes.value).toEqual([])
  })

  it('keeps the last state when the server goes away (the store keeps it), and follows the next one', () => {
    const n = nav()
    server.value = wallState({ page: 'battleplan' })
    expect(n.page.value).toBe('battleplan')
    // a lost connection changes nothing in the store's latest state; a new snapshot carries the current one
    server.value = wallState({ revision: 7, page: 'heatmap' })
    expect(n.page.value).toBe('heatmap')
  })
})

describe('createWallNav: playlist progress', () => {
  it('tracks a running server playlist from itemStartedAt and the dwell', () => {
    const n = nav()
    const playlist = { items: [{ page: 'heatmap', dwellSec: 20 }, { page: 'overview', dwellSec: 40 }], running: true, index: 0, itemStartedAt: TEST_TS - 5_000, remainingMs: null }
    server.value = wallState({ page: 'heatmap', playlist })
    expect(n.progress.value).toMatchObject({ source: 'server', dwellMs: 20_000, remainingMs: 15_000, startedAt: TEST_TS - 5_000 })
    expect(n.progress.value!.fraction).toBeCloseTo(0.25)
    now.value = TEST_TS + 5_000
    expect(n.progress.value!.fraction).toBeCloseTo(0.5)
    const key = n.progress.value!.key
    server.value = wallState({ revision: 2, page: 'overview', playlist: { ...playlist, index: 1, itemStartedAt: TEST_TS + 15_000 } })
    expect(n.progress.value!.key).not.toBe(key)
    expect(n.progress.value!.dwellMs).toBe(40_000)
  })

  it('shows no progress for a paused playlist', () => {
    const n = nav()
    server.value = wallState({ playlist: { items: [{ page: 'overview', dwellSec: 20 }], running: false, index: 0, itemStartedAt: null, remainingMs: 8_000 } })
    expect(n.progress.value).toBeNull()
  })

  it('corrects for the server clock running ahead of the wall', () => {
    const n = nav({ serverOffsetMs: () => 3_000 })
    server.value = wallState({ playlist: { items: [{ page: 'overview', dwellSec: 20 }], running: true, index: 0, itemStartedAt: TEST_TS, remainingMs: null } })
    // the item started at server time TEST_TS = wall time TEST_TS - 3 s
    expect(n.progress.value!.startedAt).toBe(TEST_TS - 3_000)
    expect(n.progress.value!.remainingMs).toBe(17_000)
  })
})

describe('createWallNav: the wall\'s own keyboard', () => {
  it('steps through the pages in registry order as a local override, wrapping at the ends', () => {
    const n = nav()
    server.value = wallState({ revision: 4, page: 'heatmap' })
    n.next()
    expect(n.page.value).toBe('battleplan')
    expect(n.local.value).toBe(true)
    n.next()
    n.next()
    expect(n.page.value).toBe('overview')
    n.previous()
    expect(n.page.value).toBe('province')
  })

  it('is taken back by the next server change, not by a reconnect that brings the same revision', () => {
    const n = nav()
    server.value = wallState({ revision: 4, page: 'heatmap' })
    n.next()
    expect(n.page.value).toBe('battleplan')
    server.value = wallState({ revision: 4, page: 'heatmap' })
    expect(n.local.value).toBe(true)
    expect(n.page.value).toBe('battleplan')
    server.value = wallState({ revision: 5, page: 'heatmap', banner: '通知' })
    expect(n.local.value).toBe(false)
    expect(n.page.value).toBe('heatmap')
  })

  it('hands back on Esc (release), and when the first state arrives after paging offline', () => {
    const n = nav()
    n.next()
    expect(n.page.value).toBe('heatmap')
    server.value = wallState({ revision: 0, page: 'overview' })
    expect(n.local.value).toBe(false)
    n.previous()
    expect(n.page.value).toBe('province')
    n.release()
    expect(n.page.value).toBe('overview')
    expect(n.local.value).toBe(false)
  })

  it('runs a local playlist over every page at its default dwell, with its own progress, and stops it', () => {
    const n = nav()
    server.value = wallState({ revision: 1, page: 'battleplan', playlist: { items: [{ page: 'battleplan', dwellSec: 30 }], running: true, index: 0, itemStartedAt: TEST_TS, remainingMs: null } })
    n.toggleLocalPlaylist()
    expect(n.localPlaylist.value).toBe(true)
    expect(n.page.value).toBe('battleplan')
    expect(n.progress.value).toMatchObject({ source: 'local', dwellMs: 20_000, fraction: 0 })
    vi.advanceTimersByTime(20_000)
    expect(n.page.value).toBe('province')
    vi.advanceTimersByTime(10_000)
    expect(n.page.value).toBe('overview')
    vi.advanceTimersByTime(30_000)
    now.value = Date.now()
    expect(n.progress.value!.fraction).toBeCloseTo(0.5)
    n.toggleLocalPlaylist()
    expect(n.localPlaylist.value).toBe(false)
    expect(n.local.value).toBe(true)
    expect(n.progress.value).toBeNull()
    vi.advanceTimersByTime(120_000)
    expect(n.page.value).toBe('overview')
  })

  it('stops the local playlist when the server takes the wall back', () => {
    const n = nav()
    server.value = wallState({ revision: 1 })
    n.toggleLocalPlaylist()
    server.value = wallState({ revision: 2, page: 'province' })
    expect(n.localPlaylist.value).toBe(false)
    vi.advanceTimersByTime(600_000)
    expect(n.page.value).toBe('province')
  })

  it('leaves blackout and banner to the server while paging locally', () => {
    const n = nav()
    server.value = wallState({ revision: 1, banner: '欢迎' })
    n.next()
    expect(n.banner.value).toBe('欢迎')
    expect(n.blackout.value).toBe(false)
  })
})

describe('useWallNav', () => {
  const hub = useFeedHub({ start: false })

  it('reads the wall state from the feed store and knows every registered page', async () => {
    await hub.start({ timers: 'all' })
    const n = scope.run(() => useWallNav())!
    expect(n.page.value).toBe('overview')
    await hub.snapshot({ 'wall.state': wallState({ page: 'province', focusUnitId: '320000' }) }, { ts: TEST_TS })
    expect(n.page.value).toBe('province')
    expect(n.focusUnitId.value).toBe('320000')
    for (let i = 0; i < SCREENS.length; i++)
      n.next()
    expect(n.page.value).toBe('province')
    await hub.patch('wall.state', wallState({ revision: 2, page: 'not-installed' }), { ts: TEST_TS })
    expect(n.page.value).toBe('overview')
    expect(n.local.value).toBe(false)
  })
})

it('refuses an empty page list', () => {
  expect(() => createWallNav({ serverState: () => null, pages: [] })).toThrow(/no pages/)
})
