/**
 * Which pages the wall keeps mounted: a small LRU, so a switch back to a page just shown, or on to
 * the playlist's next page, only changes what is visible, while the DOM the browser holds (and its
 * garbage collector traces on every message) stays that of a few pages, not of every page.
 *
 * Pure: the shell (WallShell.vue) feeds it the page on screen, the pages shown before it and the
 * playlist's next page, and renders what it returns.
 */
import type { WallState } from '~/protocol'

/**
 * Pages mounted at once, the one on screen included: the page on screen, the playlist's next page
 * when a playlist runs, and the last ones shown. Each kept page is some 700 DOM nodes and a layer of
 * the wall's size; ten of them made every message's garbage collection three to ten times longer
 * (bench/README.md "Kept pages, bounded").
 */
export const KEPT_PAGES_MAX = 3

export interface KeptPagesInput {
  /** the page on screen, or null */
  current: string | null
  /** pages shown before, most recent first (the page on screen may be among them) */
  recent: readonly string[]
  /** the page the playlist shows next, or null when no playlist runs */
  upcoming: string | null
  /** pages never kept: mounted only while on screen (the 3D map) */
  onDemand: ReadonlySet<string>
  /** default KEPT_PAGES_MAX */
  max?: number
}

/**
 * The pages to keep mounted, in order of priority: the page on screen, the playlist's next page,
 * then the most recently shown, up to `max` in all. An on-demand page counts while it is on screen
 * and is never kept after.
 */
export function keptPages({ current, recent, upcoming, onDemand, max = KEPT_PAGES_MAX }: KeptPagesInput): string[] {
  const ids: string[] = []
  const add = (id: string | null, keepable: boolean): void => {
    if (id !== null && ids.length < max && !ids.includes(id) && keepable)
      ids.push(id)
  }
  add(current, true)
  add(upcoming, !onDemand.has(upcoming ?? ''))
  for (const id of recent)
    add(id, !onDemand.has(id))
  return ids
}

/** `recent` with `id` moved to the front, at most `max` long: the LRU order of pages shown. */
export function touch(recent: readonly string[], id: string, max = KEPT_PAGES_MAX): string[] {
  return [id, ...recent.filter(page => page !== id)].slice(0, max)
}

/**
 * The page the wall will be asked for next, from the wall state: a running guided tour's next step
 * (a tour holds the playlist), else a running playlist's next item; null when neither runs or the
 * next is the page already shown.
 */
export function upcomingPage(state: WallState | undefined): string | null {
  if (!state)
    return null
  const tour = state.tour
  if (tour) {
    const next = tour.running ? tour.tour.steps[tour.index + 1]?.page ?? null : null
    return next === state.page ? null : next
  }
  const { playlist } = state
  if (!playlist.running || playlist.items.length < 2)
    return null
  const next = playlist.items[(playlist.index + 1) % playlist.items.length]?.page ?? null
  return next === state.page ? null : next
}
