// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { createDefaultWallState } from '~/control/state'
import { useFeedHub } from '~/test/feed-hub'
import { indicators, kpi, TEST_TS } from '~/test/fixtures'
import { animationFrames, type CoalescedBatch, createCoalescer, FRAME_FALLBACK_MS, FRAME_MS, frameTimer, type FrameScheduler } from './coalesce'

/** A frame scheduler the test advances by hand. */
function manualFrames(): { schedule: FrameScheduler, frame: () => void, asked: () => number } {
  let queued: (() => void)[] = []
  let asked = 0
  return {
    schedule: (callback) => {
      asked++
      queued.push(callback)
      return () => {
        queued = queued.filter(c => c !== callback)
      }
    },
    frame: () => {
      const run = queued
      queued = []
      for (const callback of run)
        callback()
    },
    asked: () => asked,
  }
}

describe('createCoalescer', () => {
  it('applies several patches of one frame once, the newest value of each topic with its own arrival time', () => {
    const frames = manualFrames()
    const applied: CoalescedBatch<string, number>[] = []
    const patches = createCoalescer<string, number>(batch => applied.push(batch), frames.schedule)
    patches.push('a', 1, 100)
    patches.push('b', 2, 105)
    patches.push('a', 3, 110)
    expect(applied).toEqual([])
    expect(patches.pending).toBe(2)
    expect(frames.asked()).toBe(1)
    frames.frame()
    expect(applied).toEqual([{ values: { a: 3, b: 2 }, stamps: { a: 110, b: 105 } }])
    expect(patches.pending).toBe(0)
  })

  it('asks for a new frame only when something arrives after the last one', () => {
    const frames = manualFrames()
    const applied: CoalescedBatch<string, number>[] = []
    const patches = createCoalescer<string, number>(batch => applied.push(batch), frames.schedule)
    frames.frame()
    expect(applied).toEqual([])
    patches.push('a', 1, 1)
    frames.frame()
    patches.push('a', 2, 2)
    frames.frame()
    frames.frame()
    expect(applied.map(batch => batch.values)).toEqual([{ a: 1 }, { a: 2 }])
    expect(frames.asked()).toBe(2)
  })

  it('flush applies what is queued at once and the frame then has nothing to do', () => {
    const frames = manualFrames()
    const applied: CoalescedBatch<string, number>[] = []
    const patches = createCoalescer<string, number>(batch => applied.push(batch), frames.schedule)
    patches.push('a', 1, 1)
    patches.flush()
    expect(applied).toHaveLength(1)
    frames.frame()
    expect(applied).toHaveLength(1)
  })

  it('cancel drops what is queued', () => {
    const frames = manualFrames()
    const applied: CoalescedBatch<string, number>[] = []
    const patches = createCoalescer<string, number>(batch => applied.push(batch), frames.schedule)
    patches.push('a', 1, 1)
    patches.cancel()
    frames.frame()
    expect(applied).toEqual([])
  })

  it('applies an urgent key at once, together with what was queued before it', () => {
    const frames = manualFrames()
    const applied: CoalescedBatch<string, number>[] = []
    const patches = createCoalescer<string, number>(batch => applied.push(batch), frames.schedule, key => key === 'command')
    patches.push('a', 1, 1)
    patches.push('command', 2, 2)
    expect(applied).toEqual([{ values: { a: 1, command: 2 }, stamps: { a: 1, command: 2 } }])
    frames.frame()
    expect(applied).toHaveLength(1)
  })

  it('without a scheduler applies every patch as it comes', () => {
    const applied: CoalescedBatch<string, number>[] = []
    const patches = createCoalescer<string, number>(batch => applied.push(batch), null)
    patches.push('a', 1, 1)
    patches.push('a', 2, 2)
    expect(applied.map(batch => batch.values)).toEqual([{ a: 1 }, { a: 2 }])
  })
})

describe('frameTimer', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs one frame\'s time later, once, and can be cancelled', () => {
    vi.useFakeTimers()
    const run = vi.fn()
    frameTimer()(run)
    vi.advanceTimersByTime(FRAME_MS - 1)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
    const cancelled = vi.fn()
    frameTimer()(cancelled)()
    vi.advanceTimersByTime(FRAME_MS * 2)
    expect(cancelled).not.toHaveBeenCalled()
  })
})

describe('animationFrames', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs at the next animation frame, once', () => {
    const run = vi.fn()
    animationFrames()(run)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersToNextFrame()
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(FRAME_FALLBACK_MS * 2)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('runs after FRAME_FALLBACK_MS when no frame comes (a background tab)', () => {
    const run = vi.fn()
    const noFrames = { requestAnimationFrame: () => 0, cancelAnimationFrame: () => {}, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout }
    animationFrames(noFrames as unknown as typeof globalThis)(run)
    vi.advanceTimersByTime(FRAME_FALLBACK_MS - 1)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('cancel stops both', () => {
    const run = vi.fn()
    animationFrames()(run)()
    vi.advanceTimersByTime(FRAME_FALLBACK_MS * 2)
    expect(run).not.toHaveBeenCalled()
  })
})

const hub = useFeedHub({ start: false })

describe('the feed store with frame coalescing', () => {
  it('applies the patches of one frame as one change of the latest values, each topic stamped with its own arrival', async () => {
    const frames = manualFrames()
    const feed = await hub.start({ frames: frames.schedule })
    await hub.snapshot({ 'national.kpi': kpi() }, { ts: TEST_TS })
    expect(feed.latest['national.kpi']?.casesPending).toBe(kpi().casesPending)

    const changes = vi.fn()
    const stop = watch(() => feed.latest, changes, { flush: 'sync' })
    await hub.patch('national.kpi', kpi({ casesPending: 1 }), { ts: TEST_TS })
    vi.advanceTimersByTime(5)
    await hub.patch('national.indicators', indicators(), { ts: TEST_TS })
    await hub.patch('national.kpi', kpi({ casesPending: 3 }), { ts: TEST_TS })
    // received, not yet applied: nothing on the wall moves until the frame
    expect(feed.latest['national.kpi']?.casesPending).toBe(kpi().casesPending)
    expect(changes).not.toHaveBeenCalled()

    frames.frame()
    expect(changes).toHaveBeenCalledTimes(1)
    expect(feed.latest['national.kpi']?.casesPending).toBe(3)
    expect(feed.latest['national.indicators']).toEqual(indicators())
    expect(feed.receivedAt['national.kpi']).toBe(TEST_TS + 5)
    expect(feed.messagesAccepted).toBe(4)

    // a snapshot lands on top of the patches before it, never under them
    await hub.patch('national.kpi', kpi({ casesPending: 4 }), { ts: TEST_TS })
    await hub.snapshot({ 'national.kpi': kpi({ casesPending: 5 }) }, { ts: TEST_TS })
    frames.frame()
    expect(feed.latest['national.kpi']?.casesPending).toBe(5)

    // the operator's commands (the wall state) wait for no frame
    const state = createDefaultWallState(TEST_TS, 'heatmap')
    await hub.patch('wall.state', state, { ts: TEST_TS })
    expect(feed.latest['wall.state']).toEqual(state)
    stop()
  })
})
