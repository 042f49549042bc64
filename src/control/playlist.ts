/**
 * Playlist timing. The state stores when the current item started (running) or how much of it was
 * left (paused), never a countdown, so a restarted server — or a control terminal opened late —
 * computes the same position from the same state.
 */
import type { WallState } from '~/protocol'

type Playlist = WallState['playlist']

/**
 * A timer that fires this late after an item's end still starts the next item at that end, so
 * dwell times do not drift; later than this (the server was down) the next item starts now.
 */
export const ADVANCE_SLACK_MS = 1000

/** How long the clock waits before trying again when an advance could not be saved. */
export const ADVANCE_RETRY_MS = 1000

/** Dwell of item `index` in ms; 0 for an index outside the playlist. */
export function itemDwellMs(playlist: Playlist, index: number = playlist.index): number {
  const item = playlist.items[index]
  return item ? item.dwellSec * 1000 : 0
}

/**
 * Time left on the current item: counted down while running, frozen while paused, the whole dwell
 * for an item not yet started. Null without items.
 */
export function remainingOnItem(state: WallState, now: number): number | null {
  const playlist = state.playlist
  if (playlist.items.length === 0)
    return null
  const dwell = itemDwellMs(playlist)
  if (playlist.running && playlist.itemStartedAt !== null)
    return Math.min(dwell, Math.max(0, playlist.itemStartedAt + dwell - now))
  return playlist.remainingMs === null ? dwell : Math.min(dwell, playlist.remainingMs)
}

/** Ms until the current item ends, when the playlist is running; null when it is not. */
export function nextAdvance(state: WallState, now: number): number | null {
  return state.playlist.running ? remainingOnItem(state, now) : null
}

/** True when a running playlist's current item has had its time. */
export function isDue(state: WallState, now: number): boolean {
  const ms = nextAdvance(state, now)
  return ms !== null && ms <= 0
}

/** The same playlist, paused with the time left on its current item kept. */
export function pausedPlaylist(state: WallState, now: number): Playlist {
  const playlist = state.playlist
  if (!playlist.running)
    return playlist
  return { ...playlist, running: false, itemStartedAt: null, remainingMs: remainingOnItem(state, now) }
}

/**
 * The state with the playlist on its next item (after the last comes the first), showing that
 * item's page. Revision + 1: an advance is a change like any command.
 */
export function advance(state: WallState, now: number): WallState {
  const playlist = state.playlist
  const count = playlist.items.length
  if (count === 0)
    return state
  const index = (playlist.index + 1) % count
  const item = playlist.items[index]!
  let itemStartedAt: number | null = null
  if (playlist.running) {
    const end = playlist.itemStartedAt === null ? now : playlist.itemStartedAt + itemDwellMs(playlist)
    itemStartedAt = now >= end && now - end <= ADVANCE_SLACK_MS ? end : now
  }
  return {
    ...state,
    page: item.page,
    playlist: { ...playlist, index, itemStartedAt, remainingMs: null },
    revision: state.revision + 1,
    updatedAt: now,
  }
}

/** Where the playlist stands, for the control terminal's progress bar. */
export interface PlaylistProgress {
  index: number
  running: boolean
  dwellMs: number
  elapsedMs: number
  remainingMs: number
  /** 0 … 1 */
  fraction: number
}

/** The playlist's position at `now` (use the server's clock: `serverTime` of the last frame plus local elapsed). */
export function playlistProgress(state: WallState, now: number): PlaylistProgress | null {
  const remaining = remainingOnItem(state, now)
  if (remaining === null)
    return null
  const dwellMs = itemDwellMs(state.playlist)
  const elapsedMs = dwellMs - remaining
  return {
    index: state.playlist.index,
    running: state.playlist.running,
    dwellMs,
    elapsedMs,
    remainingMs: remaining,
    fraction: dwellMs > 0 ? elapsedMs / dwellMs : 0,
  }
}

/** Options of createPlaylistClock; timers are injectable so tests can run them fake. */
export interface PlaylistClockOptions {
  /** the server's current wall state */
  getState: () => WallState
  /** commit an advanced state (persist, broadcast); the clock then reads getState() again */
  setState: (next: WallState) => void
  /** default Date.now */
  now?: () => number
  /** default globalThis.setTimeout */
  setTimeout?: (callback: () => void, ms: number) => unknown
  /** default globalThis.clearTimeout */
  clearTimeout?: (handle: unknown) => void
  /** what the clock runs; default the playlist (PLAYLIST_TIMING), the guided tour has its own (TOUR_TIMING) */
  timing?: ClockTiming
}

/** When the next change is due, and what it is: the playlist's or a tour's. */
export interface ClockTiming {
  nextAdvance: (state: WallState, now: number) => number | null
  isDue: (state: WallState, now: number) => boolean
  advance: (state: WallState, now: number) => WallState
}

export const PLAYLIST_TIMING: ClockTiming = {
  nextAdvance: (state, now) => nextAdvance(state, now),
  isDue: (state, now) => isDue(state, now),
  advance: (state, now) => advance(state, now),
}

export interface PlaylistClock {
  /** Re-read the state and schedule the next advance; call after every change of the wall state. */
  sync: () => void
  /** Cancel the pending advance for good. */
  stop: () => void
  /** Epoch ms of the pending advance, or null. */
  readonly dueAt: number | null
}

/**
 * Runs the playlist on the server: one timer, set for the end of the current item. The timer only
 * asks getState() whether an advance is due, so a command that paused or skipped meanwhile wins.
 */
export function createPlaylistClock(options: PlaylistClockOptions): PlaylistClock {
  const now = options.now ?? Date.now
  const { nextAdvance, isDue, advance } = options.timing ?? PLAYLIST_TIMING
  const schedule = options.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms))
  const cancel = options.clearTimeout ?? ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>))
  let handle: unknown = null
  let dueAt: number | null = null
  let stopped = false

  function clear(): void {
    if (handle !== null)
      cancel(handle)
    handle = null
    dueAt = null
  }

  function arm(ms: number): void {
    const delay = Math.max(0, ms)
    dueAt = now() + delay
    handle = schedule(fire, delay)
    // A pending advance must not keep a server process alive that is otherwise done.
    if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function')
      handle.unref()
  }

  function fire(): void {
    handle = null
    dueAt = null
    if (stopped)
      return
    const state = options.getState()
    const at = now()
    const tried = isDue(state, at)
    if (tried)
      options.setState(advance(state, at))
    clear()
    const ms = nextAdvance(options.getState(), now())
    if (ms === null)
      return
    // Still due right after an advance means it was not saved: wait instead of spinning.
    arm(tried && ms <= 0 ? ADVANCE_RETRY_MS : ms)
  }

  function sync(): void {
    if (stopped)
      return
    clear()
    const ms = nextAdvance(options.getState(), now())
    if (ms !== null)
      arm(ms)
  }

  return {
    sync,
    stop() {
      stopped = true
      clear()
    },
    get dueAt() {
      return dueAt
    },
  }
}
