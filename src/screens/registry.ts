/**
 * Every wall page: its id (what the control terminal and the wall state name), its titles, the
 * topics it reads, how long it stays in a playlist by default, and its component, loaded when first shown.
 * A new page is one SFC in this folder and one entry here.
 */
import type { Component } from 'vue'
import type { Topic } from '~/protocol'

export interface ScreenEntry {
  /** page id, as in WallState.page: lower-case, e.g. 'overview' */
  id: string
  titles: { zh: string, en: string }
  /** topics whose age and staleness this page shows */
  topics: readonly Topic[]
  /** default dwell in a playlist, seconds */
  dwellSec: number
  component: () => Promise<Component>
}

export const SCREENS: readonly ScreenEntry[] = [
  {
    id: 'overview',
    titles: { zh: '全国总览', en: 'National Overview' },
    topics: ['national.kpi', 'national.indicators', 'province.stats', 'battleplan.milestones'],
    dwellSec: 60,
    component: () => import('./ScreenOverview.vue'),
  },
]

/** The page a wall shows when nothing else is asked for. */
export const DEFAULT_PAGE = 'overview'

export const SCREEN_IDS: readonly string[] = SCREENS.map(s => s.id)

export function findScreen(id: string): ScreenEntry | undefined {
  return SCREENS.find(s => s.id === id)
}
