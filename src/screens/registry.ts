/**
 * Every wall page with its component, loaded when first shown. The ids, titles, topics and dwell
 * come from the shared page catalogue (`src/protocol/pages.ts`, which the server reads too); this
 * file adds only what the browser needs. A new page is one SFC in this folder, one entry in the
 * catalogue and one line here.
 */
import type { Component } from 'vue'
import { DEFAULT_PAGE as CATALOGUE_DEFAULT, PAGES, type PageEntry, type PageId } from '~/protocol/pages'

export interface ScreenEntry extends PageEntry {
  component: () => Promise<Component>
}

const COMPONENTS: Record<PageId, () => Promise<Component>> = {
  overview: () => import('./ScreenOverview.vue'),
  heatmap: () => import('./ScreenHeatmap.vue'),
  battleplan: () => import('./ScreenBattlePlan.vue'),
  province: () => import('./ScreenProvince.vue'),
  inquiry: () => import('./ScreenInquiry.vue'),
  credit: () => import('./ScreenCredit.vue'),
  delegation: () => import('./ScreenDelegation.vue'),
  auction: () => import('./ScreenAuction.vue'),
  quality: () => import('./ScreenQuality.vue'),
  rollcall: () => import('./ScreenRollCall.vue'),
  map3d: () => import('./ScreenMap3d.vue'),
}

export const SCREENS: readonly ScreenEntry[] = PAGES.map(page => ({ ...page, component: COMPONENTS[page.id] }))

/** The page a wall shows when nothing else is asked for. */
export const DEFAULT_PAGE: string = CATALOGUE_DEFAULT

export const SCREEN_IDS: readonly string[] = SCREENS.map(s => s.id)

export function findScreen(id: string): ScreenEntry | undefined {
  return SCREENS.find(s => s.id === id)
}
