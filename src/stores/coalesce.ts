/**
 * Frame coalescing: feed patches that arrive within one frame's time are applied together, once
 * (the wall uses `frameTimer`; `animationFrames` applies them right before the next frame instead,
 * at the price of a frame asked for on every message). At 7680×2160 on a software renderer every
 * applied message is a Vue flush and possibly a frame of its own; three patches in 16 ms should
 * cost one.
 *
 * The store pushes every patch here; the newest value of a topic wins, and the arrival time kept
 * is that patch's own. Without a frame scheduler (unit tests, Node) every push applies at once.
 */

/** Runs `callback` once, at the next frame; the returned function cancels it. */
export type FrameScheduler = (callback: () => void) => () => void

/**
 * A background tab gets no animation frames, yet the store must keep taking data (the operator's
 * status report reads its arrival times): after this long a timer applies what is queued instead.
 */
export const FRAME_FALLBACK_MS = 250

/** One frame at 60 Hz: patches this close together are applied together. */
export const FRAME_MS = 16

/**
 * A frame's length by the clock, not by animation frames: asking for an animation frame on every
 * message makes the browser produce a frame even for a topic no visible panel shows, and at
 * 7680 px in software every frame's commit costs milliseconds. A timer batches the same messages
 * and leaves frames to the changes that need them.
 */
export function frameTimer(win: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis, frameMs = FRAME_MS): FrameScheduler {
  return (callback) => {
    const timer = win.setTimeout(callback, frameMs)
    return () => win.clearTimeout(timer)
  }
}

/** The next animation frame, or FRAME_FALLBACK_MS when frames do not come. */
export function animationFrames(win: Pick<typeof globalThis, 'requestAnimationFrame' | 'cancelAnimationFrame' | 'setTimeout' | 'clearTimeout'> = globalThis, fallbackMs = FRAME_FALLBACK_MS): FrameScheduler {
  return (callback) => {
    const run = () => {
      cancel()
      callback()
    }
    const timer = win.setTimeout(run, fallbackMs)
    const frame = win.requestAnimationFrame(run)
    function cancel(): void {
      win.cancelAnimationFrame(frame)
      win.clearTimeout(timer)
    }
    return cancel
  }
}

/** One frame's worth of patches: the newest value of each key and when it arrived. */
export interface CoalescedBatch<K extends string, V> {
  values: Partial<Record<K, V>>
  stamps: Partial<Record<K, number>>
}

export interface Coalescer<K extends string, V> {
  /** Queue `value` for `key` (arrived at `at`); applied at the next frame, or now without a scheduler. */
  push: (key: K, value: V, at: number) => void
  /** Apply what is queued now (before a snapshot, so an older patch cannot land on top of it). */
  flush: () => void
  /** Drop what is queued and the frame asked for. */
  cancel: () => void
  /** how many keys wait for the next frame */
  readonly pending: number
}

export function createCoalescer<K extends string, V>(
  apply: (batch: CoalescedBatch<K, V>) => void,
  schedule: FrameScheduler | null,
  /** keys applied as they come, with what is queued: the operator's commands wait for no frame */
  urgent: (key: K) => boolean = () => false,
): Coalescer<K, V> {
  let values: Partial<Record<K, V>> = {}
  let stamps: Partial<Record<K, number>> = {}
  let count = 0
  let cancelFrame: (() => void) | null = null

  function take(): CoalescedBatch<K, V> | null {
    if (count === 0)
      return null
    const batch = { values, stamps }
    values = {}
    stamps = {}
    count = 0
    return batch
  }

  function flush(): void {
    cancelFrame?.()
    cancelFrame = null
    const batch = take()
    if (batch)
      apply(batch)
  }

  function push(key: K, value: V, at: number): void {
    if (!(key in values))
      count++
    values[key] = value
    stamps[key] = at
    if (!schedule || urgent(key)) {
      flush()
      return
    }
    cancelFrame ??= schedule(() => {
      cancelFrame = null
      flush()
    })
  }

  function cancel(): void {
    cancelFrame?.()
    cancelFrame = null
    take()
  }

  return {
    push,
    flush,
    cancel,
    get pending() {
      return count
    },
  }
}
