/**
 * The one owner of what the wall shows: which page, which unit the focus page shows, blackout,
 * banner, and how far the playlist item has run. Screens and panels ask here; they never read the
 * socket or the router.
 *
 * The server owns the wall state (`wall.state`), so a wall that connects, reloads or comes back
 * after losing the server simply shows what that state says. The one exception is the wall's own
 * keyboard (useWallKeyboard): the wall holds no control token, so a key press is a LOCAL override
 * on this wall only, and the next server change (a new revision) takes the wall back.
 *
 * Like Slidev's useNavBase/useNav: `createWallNav(base)` is the testable logic (inputs are getters,
 * timers injectable), `useWallNav()` wires it to the feed store and the pages registry.
 */
import { computed, inject, onScopeDispose, shallowRef, watch, type ComputedRef, type InjectionKey } from 'vue'
import { playlistProgress } from '~/control/playlist'
import { COURT_UNITS, UNIT_BY_ID, type TourStep, type WallState } from '~/protocol'
import { useFeedStore } from '~/stores/feed'
import { DEFAULT_PAGE, SCREENS } from './registry'

/** A page the wall can show, as the navigation needs it. */
export interface WallNavPage {
  id: string
  /** default dwell in a playlist, seconds */
  dwellSec: number
}

/** Inputs of createWallNav; every one is a getter so Vue tracks it, and tests pass plain functions. */
export interface WallNavBase {
  /** the server's wall state; null/undefined before the first one arrived */
  serverState: () => WallState | null | undefined
  /** the pages this wall can show, in registry order (keyboard order) */
  pages: readonly WallNavPage[]
  /** shown when the state names no page or one this wall does not know; default the first page */
  defaultPage?: string
  /** reactive wall clock, ms (the feed's 1 s tick); drives the playlist progress. Default Date.now (not reactive) */
  now?: () => number
  /** server clock minus this wall's clock, ms; default 0 (the wall's clock is trusted) */
  serverOffsetMs?: () => number
  /** default Date.now: when a local playlist item starts */
  clock?: () => number
  /** default globalThis.setTimeout */
  setTimeout?: (callback: () => void, ms: number) => unknown
  /** default globalThis.clearTimeout */
  clearTimeout?: (handle: unknown) => void
}

/** Where the running playlist item stands, for the progress bar at the wall's bottom edge. */
export interface NavProgress {
  /** the server's playlist, or the wall's own (keyboard `p`) */
  source: 'server' | 'local'
  /** wall-clock ms (this wall's clock) when the item started */
  startedAt: number
  dwellMs: number
  /** 0 … 1 at `now` */
  fraction: number
  remainingMs: number
  /** changes with every new item, so the bar restarts */
  key: string
}

/** The guided tour's current step, as the wall shows it. */
export interface NavTourStep {
  caption: TourStep['caption']
  /** 0-based */
  index: number
  steps: number
  running: boolean
}

/** Something the wall could not do as asked, for the diagnostics overlay. */
export interface NavNote {
  kind: 'unknownPage' | 'unknownUnit'
  /** the page or unit id the server named */
  value: string
}

export interface WallNav {
  /** the page id on screen: always a registered one */
  page: ComputedRef<string>
  /** the unit the focus page shows: the server's choice, else DEFAULT_FOCUS_UNIT_ID */
  focusUnitId: ComputedRef<string>
  /** true when no unit was chosen and the focus page shows the default one */
  focusDefaulted: ComputedRef<boolean>
  /** show only the standby screen */
  blackout: ComputedRef<boolean>
  /** the one-line announcement (plain text), or null */
  banner: ComputedRef<string | null>
  /** the running playlist's item, or null when none runs */
  progress: ComputedRef<NavProgress | null>
  /** the guided tour's step on the wall (its caption goes on the banner line), or null */
  tour: ComputedRef<NavTourStep | null>
  /** a keyboard override holds this wall away from the server's page */
  local: ComputedRef<boolean>
  /** the wall's own playlist runs (keyboard `p`) */
  localPlaylist: ComputedRef<boolean>
  /** what the wall could not follow, for diagnostics */
  notes: ComputedRef<NavNote[]>
  /** local override: the next page in registry order (after the last, the first) */
  next: () => void
  /** local override: the previous page in registry order */
  previous: () => void
  /** start the wall's own playlist over every page at its default dwell, or stop it (staying where it is) */
  toggleLocalPlaylist: () => void
  /** drop the local override: back to the server's state now */
  release: () => void
}

/** The unit the focus page shows when nobody chose one: the one with the largest caseload. */
export const DEFAULT_FOCUS_UNIT_ID: string = [...COURT_UNITS].sort((a, b) => b.caseloadShare - a.caseloadShare)[0]?.id ?? 'XPCC'

interface LocalOverride {
  page: string
  /** the server revision this override was taken at; another revision ends it (null: none yet) */
  baseRevision: number | null
  /** the wall's own playlist: when the current item started (this wall's clock) */
  playlistStartedAt: number | null
}

export function createWallNav(base: WallNavBase): WallNav {
  const pages = base.pages
  if (pages.length === 0)
    throw new Error('the wall has no pages to show')
  const ids = pages.map(p => p.id)
  const defaultPage = base.defaultPage !== undefined && ids.includes(base.defaultPage) ? base.defaultPage : ids[0]!
  const now = base.now ?? Date.now
  const offset = base.serverOffsetMs ?? (() => 0)
  const clock = base.clock ?? Date.now
  const schedule = base.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms))
  const cancel = base.clearTimeout ?? ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>))

  const known = (id: string | null | undefined): id is string => typeof id === 'string' && ids.includes(id)
  const dwellMsOf = (id: string) => (pages.find(p => p.id === id)?.dwellSec ?? 60) * 1000

  const state = computed(() => base.serverState() ?? null)
  const revision = computed(() => state.value?.revision ?? null)
  const serverPage = computed(() => known(state.value?.page) ? state.value!.page : defaultPage)

  const override = shallowRef<LocalOverride | null>(null)
  let timer: unknown = null

  function stopTimer(): void {
    if (timer !== null)
      cancel(timer)
    timer = null
  }

  /** Arm the local playlist's timer for the end of the current item. */
  function armTimer(): void {
    stopTimer()
    const o = override.value
    if (!o || o.playlistStartedAt === null)
      return
    const end = o.playlistStartedAt + dwellMsOf(o.page)
    timer = schedule(advanceLocal, Math.max(0, end - clock()))
  }

  function advanceLocal(): void {
    timer = null
    const o = override.value
    if (!o || o.playlistStartedAt === null)
      return
    const end = o.playlistStartedAt + dwellMsOf(o.page)
    const at = clock()
    // Like the server's clock: a timer a little late keeps the rhythm, one very late (a sleeping tab) starts afresh.
    const startedAt = at - end <= 1000 ? end : at
    override.value = { ...o, page: stepFrom(o.page, 1), playlistStartedAt: startedAt }
    armTimer()
  }

  function stepFrom(id: string, delta: number): string {
    const index = ids.indexOf(id)
    const from = index < 0 ? 0 : index
    return ids[(from + delta + ids.length) % ids.length]!
  }

  const page = computed(() => override.value?.page ?? serverPage.value)

  function step(delta: number): void {
    const o = override.value
    const playlistStartedAt = o?.playlistStartedAt == null ? null : clock()
    override.value = { page: stepFrom(page.value, delta), baseRevision: o ? o.baseRevision : revision.value, playlistStartedAt }
    armTimer()
  }

  function toggleLocalPlaylist(): void {
    const o = override.value
    if (o && o.playlistStartedAt !== null) {
      override.value = { ...o, playlistStartedAt: null }
      stopTimer()
      return
    }
    override.value = { page: page.value, baseRevision: o ? o.baseRevision : revision.value, playlistStartedAt: clock() }
    armTimer()
  }

  function release(): void {
    stopTimer()
    override.value = null
  }

  // Any new server state — another page, a banner, a blackout, a reconnect to a restarted server —
  // takes the wall back from the keyboard. A snapshot of the same revision (a reconnect) does not.
  watch(revision, (next) => {
    const o = override.value
    if (o && next !== o.baseRevision)
      release()
  }, { flush: 'sync' })
  onScopeDispose(stopTimer)

  const focusUnitId = computed(() => {
    const id = state.value?.focusUnitId
    return id && UNIT_BY_ID.has(id) ? id : DEFAULT_FOCUS_UNIT_ID
  })
  const focusDefaulted = computed(() => {
    const id = state.value?.focusUnitId
    return !(id && UNIT_BY_ID.has(id))
  })

  const blackout = computed(() => state.value?.blackout === true)
  const banner = computed(() => {
    const text = state.value?.banner?.trim()
    return text ? text : null
  })

  const tour = computed<NavTourStep | null>(() => {
    const t = state.value?.tour
    const step = t?.tour.steps[t.index]
    return t && step ? { caption: step.caption, index: t.index, steps: t.tour.steps.length, running: t.running } : null
  })

  const progress = computed<NavProgress | null>(() => {
    const o = override.value
    // read first, in every branch: the fraction follows the clock's tick
    const at = now()
    if (o) {
      if (o.playlistStartedAt === null)
        return null
      const dwellMs = dwellMsOf(o.page)
      const elapsed = Math.min(dwellMs, Math.max(0, clock() - o.playlistStartedAt))
      return {
        source: 'local',
        startedAt: o.playlistStartedAt,
        dwellMs,
        fraction: dwellMs > 0 ? elapsed / dwellMs : 0,
        remainingMs: dwellMs - elapsed,
        key: `local:${o.page}:${o.playlistStartedAt}`,
      }
    }
    const s = state.value
    if (!s || !s.playlist.running || s.playlist.itemStartedAt === null)
      return null
    const skew = offset()
    const p = playlistProgress(s, at + skew)
    if (!p)
      return null
    return {
      source: 'server',
      startedAt: s.playlist.itemStartedAt - skew,
      dwellMs: p.dwellMs,
      fraction: Math.min(1, Math.max(0, p.fraction)),
      remainingMs: p.remainingMs,
      key: `server:${s.playlist.index}:${s.playlist.itemStartedAt}`,
    }
  })

  const notes = computed<NavNote[]>(() => {
    const s = state.value
    const list: NavNote[] = []
    if (s && !known(s.page))
      list.push({ kind: 'unknownPage', value: s.page })
    if (s && s.focusUnitId !== null && !UNIT_BY_ID.has(s.focusUnitId))
      list.push({ kind: 'unknownUnit', value: s.focusUnitId })
    return list
  })

  return {
    page,
    focusUnitId,
    focusDefaulted,
    blackout,
    banner,
    progress,
    tour,
    local: computed(() => override.value !== null),
    localPlaylist: computed(() => override.value?.playlistStartedAt != null),
    notes,
    next: () => step(1),
    previous: () => step(-1),
    toggleLocalPlaylist,
    release,
  }
}

// Symbol.for: a hot-reloaded copy of this module during development still finds the shell's navigation.
export const WALL_NAV_KEY: InjectionKey<WallNav> = Symbol.for('command-wall.nav')

/** The navigation of this wall, from the feed store and the pages registry. WallShell calls it once and provides it. */
export function useWallNav(): WallNav {
  const feed = useFeedStore()
  return createWallNav({
    serverState: () => feed.latest['wall.state'],
    pages: SCREENS,
    defaultPage: DEFAULT_PAGE,
    now: () => feed.now,
    serverOffsetMs: feed.serverOffsetMs,
  })
}

/** The navigation WallShell provided; null outside a shell (a screen mounted alone in a test). */
export function injectWallNav(): WallNav | null {
  return inject(WALL_NAV_KEY, null)
}
