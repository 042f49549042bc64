/**
 * The wall state outside of commands: its default, equality, and repair against the pages registry.
 * Pure: the server uses these at start-up, the control terminal may use them to render.
 */
import { DEFAULT_PAGE, DEFAULT_ROLL_CALL_COURTS, type PlaylistItem, type Tour, type TourState, type WallState } from '~/protocol'
import { DEFAULT_SEED } from '~/domain/constants'

/** The page a fresh wall shows. */
export const DEFAULT_PAGE_ID: string = DEFAULT_PAGE

/** The state of a wall nobody has commanded yet. */
export function createDefaultWallState(now: number, page: string = DEFAULT_PAGE_ID): WallState {
  return {
    revision: 0,
    page,
    focusUnitId: null,
    playlist: { items: [], running: false, index: 0, itemStartedAt: null, remainingMs: null },
    blackout: false,
    banner: null,
    rotate3d: true,
    rollCall: { drawId: 'initial', count: DEFAULT_ROLL_CALL_COURTS, seed: DEFAULT_SEED, drawnAt: now },
    language: null,
    tour: null,
    updatedAt: now,
  }
}

function sameItems(a: readonly PlaylistItem[], b: readonly PlaylistItem[]): boolean {
  return a.length === b.length && a.every((item, i) => item.page === b[i]?.page && item.dwellSec === b[i]?.dwellSec)
}

function sameTour(a: TourState | null, b: TourState | null): boolean {
  if (a === null || b === null)
    return a === b
  // a tour's steps never change while it runs: the same id is the same tour
  return a.tour.id === b.tour.id && a.index === b.index && a.running === b.running
    && a.stepStartedAt === b.stepStartedAt && a.remainingMs === b.remainingMs
}

/** Equal in everything a wall or operator can see; revision and updatedAt are bookkeeping and ignored. */
export function sameWallState(a: WallState, b: WallState): boolean {
  const p = a.playlist
  const q = b.playlist
  return a.page === b.page
    && a.focusUnitId === b.focusUnitId
    && a.blackout === b.blackout
    && a.banner === b.banner
    && a.rotate3d === b.rotate3d
    && a.rollCall.drawId === b.rollCall.drawId
    && a.language === b.language
    && sameTour(a.tour, b.tour)
    && p.running === q.running
    && p.index === q.index
    && p.itemStartedAt === q.itemStartedAt
    && p.remainingMs === q.remainingMs
    && sameItems(p.items, q.items)
}

/** What the server knows exists; the reducer checks every id against these. */
export interface Registry {
  /** page ids of the pages registry */
  pages: ReadonlySet<string>
  /** court unit ids ('110000' … '650000', 'XPCC') */
  units: ReadonlySet<string>
  /** the guided tours loaded from config/tours/, by id; none when absent */
  tours?: ReadonlyMap<string, Tour>
}

/** A wall state after reconcileWallState, and what was repaired in it. */
export interface ReconciledState {
  state: WallState
  repairs: string[]
}

/**
 * Bring a stored state in line with today's registry: a page removed since it was saved, a playlist
 * index past the end, a running playlist without a start time. Used on start-up, after loading.
 * Returns the repaired state (revision + 1 when anything changed) and what was repaired, for the log.
 */
export function reconcileWallState(state: WallState, registry: Registry, now: number, defaultPage: string): ReconciledState {
  const repairs: string[] = []
  let page = state.page
  if (!registry.pages.has(page)) {
    repairs.push(`page ${page} is not registered; showing ${defaultPage}`)
    page = defaultPage
  }
  let focusUnitId = state.focusUnitId
  if (focusUnitId !== null && !registry.units.has(focusUnitId)) {
    repairs.push(`unit ${focusUnitId} is unknown; focus cleared`)
    focusUnitId = null
  }
  let playlist = state.playlist
  const items = playlist.items.filter(item => registry.pages.has(item.page))
  if (items.length !== playlist.items.length) {
    repairs.push(`${playlist.items.length - items.length} playlist item(s) name unregistered pages; removed, playlist stopped`)
    playlist = { items, running: false, index: 0, itemStartedAt: null, remainingMs: null }
  }
  if (playlist.index >= Math.max(playlist.items.length, 1)) {
    repairs.push(`playlist index ${playlist.index} past the end; back to 0`)
    playlist = { ...playlist, index: 0, itemStartedAt: playlist.running ? now : null, remainingMs: null }
  }
  if (playlist.running && playlist.items.length === 0) {
    repairs.push('empty playlist marked running; stopped')
    playlist = { ...playlist, running: false, itemStartedAt: null, remainingMs: null }
  }
  if (playlist.running && playlist.itemStartedAt === null) {
    repairs.push('running playlist without a start time; item restarted')
    playlist = { ...playlist, itemStartedAt: now, remainingMs: null }
  }
  let tour = state.tour
  if (tour !== null && (tour.index >= tour.tour.steps.length || tour.tour.steps.some(step => !registry.pages.has(step.page)))) {
    repairs.push(`tour ${tour.tour.id} names an unregistered page or a step past its end; stopped`)
    tour = null
  }
  if (tour !== null && tour.running && tour.stepStartedAt === null) {
    repairs.push('running tour without a start time; step restarted')
    tour = { ...tour, stepStartedAt: now, remainingMs: null }
  }
  const current = playlist.items[playlist.index]
  if (playlist.running && current && page !== current.page) {
    repairs.push(`running playlist shows ${current.page}`)
    page = current.page
  }
  if (repairs.length === 0)
    return { state, repairs }
  return {
    state: { ...state, page, focusUnitId, playlist, tour, revision: state.revision + 1, updatedAt: now },
    repairs,
  }
}
