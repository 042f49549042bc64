/**
 * Which page the wall shows. For now: the page the server's wall state names, when it is a
 * registered one, else the overview. The wall's navigation (playlist, keyboard, focus) will own
 * this decision; WallShell only asks here, so that change stays in one place.
 */
import { computed, type ComputedRef } from 'vue'
import { useFeedStore } from '~/stores/feed'
import { DEFAULT_PAGE, findScreen } from './registry'

/** The page id from a wall state, if it is one this wall can show. */
export function pageFromState(page: string | null | undefined): string {
  return page && findScreen(page) ? page : DEFAULT_PAGE
}

export function useCurrentPage(): ComputedRef<string> {
  const feed = useFeedStore()
  return computed(() => pageFromState(feed.latest['wall.state']?.page))
}
