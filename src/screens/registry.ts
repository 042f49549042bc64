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
  {
    id: 'heatmap',
    titles: { zh: '各地执行态势', en: 'By Region' },
    topics: ['province.stats'],
    dwellSec: 45,
    component: () => import('./ScreenHeatmap.vue'),
  },
  {
    id: 'battleplan',
    titles: { zh: '挂图作战', en: 'Battle Plan' },
    topics: ['battleplan.milestones', 'national.indicators'],
    dwellSec: 45,
    component: () => import('./ScreenBattlePlan.vue'),
  },
  {
    id: 'province',
    titles: { zh: '省份聚焦', en: 'Region in Focus' },
    topics: ['province.stats', 'national.kpi', 'national.indicators'],
    dwellSec: 45,
    component: () => import('./ScreenProvince.vue'),
  },
  {
    id: 'inquiry',
    titles: { zh: '网络查控', en: 'Network Inquiry & Control' },
    topics: ['inquiry.stats'],
    dwellSec: 40,
    component: () => import('./ScreenInquiry.vue'),
  },
  {
    id: 'credit',
    titles: { zh: '失信惩戒', en: 'Credit Punishment' },
    topics: ['credit.stats'],
    dwellSec: 40,
    component: () => import('./ScreenCredit.vue'),
  },
  {
    id: 'delegation',
    titles: { zh: '事项委托', en: 'Cross-region Delegation' },
    topics: ['delegation.stats'],
    dwellSec: 40,
    component: () => import('./ScreenDelegation.vue'),
  },
  {
    id: 'auction',
    titles: { zh: '网拍监管', en: 'Online Auction Supervision' },
    topics: ['auction.stats'],
    dwellSec: 40,
    component: () => import('./ScreenAuction.vue'),
  },
  {
    id: 'quality',
    titles: { zh: '终本监管与执行质效', en: 'Termination (终本) & Quality' },
    topics: ['termination.stats', 'province.stats', 'national.indicators'],
    dwellSec: 60,
    component: () => import('./ScreenQuality.vue'),
  },
  {
    id: 'rollcall',
    titles: { zh: '随机抽查', en: 'Random Roll Call' },
    topics: ['rollcall.courts', 'national.indicators'],
    dwellSec: 60,
    component: () => import('./ScreenRollCall.vue'),
  },
  {
    id: 'map3d',
    titles: { zh: '全国态势（三维）', en: 'China in 3D' },
    topics: ['province.stats'],
    dwellSec: 60,
    component: () => import('./ScreenMap3d.vue'),
  },
]

/** The page a wall shows when nothing else is asked for. */
export const DEFAULT_PAGE = 'overview'

export const SCREEN_IDS: readonly string[] = SCREENS.map(s => s.id)

export function findScreen(id: string): ScreenEntry | undefined {
  return SCREENS.find(s => s.id === id)
}
