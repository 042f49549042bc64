/**
 * The page catalogue: every wall page's id (what the control terminal and the wall state name),
 * its titles, the topics it reads and its default dwell in a playlist. Shared by the wall, the
 * control terminal and the server; no Vue and no DOM here. The wall pairs each id with its
 * component in `src/screens/registry.ts`.
 */
import type { Topic } from './topics'

export interface PageEntry {
  /** page id, as in WallState.page: lower-case, e.g. 'overview' */
  id: string
  titles: { zh: string, en: string }
  /** topics whose age and staleness this page shows */
  topics: readonly Topic[]
  /** default dwell in a playlist, seconds */
  dwellSec: number
}

export const PAGES = [
  { id: 'overview', titles: { zh: '全国总览', en: 'National Overview' }, topics: ['national.kpi', 'national.indicators', 'province.stats', 'battleplan.milestones'], dwellSec: 60 },
  { id: 'heatmap', titles: { zh: '各地执行态势', en: 'By Region' }, topics: ['province.stats'], dwellSec: 45 },
  { id: 'battleplan', titles: { zh: '挂图作战', en: 'Battle Plan' }, topics: ['battleplan.milestones', 'national.indicators'], dwellSec: 45 },
  { id: 'province', titles: { zh: '省份聚焦', en: 'Region in Focus' }, topics: ['province.stats', 'national.kpi', 'national.indicators'], dwellSec: 45 },
  { id: 'inquiry', titles: { zh: '网络查控', en: 'Network Inquiry & Control' }, topics: ['inquiry.stats'], dwellSec: 40 },
  { id: 'credit', titles: { zh: '失信惩戒', en: 'Credit Punishment' }, topics: ['credit.stats'], dwellSec: 40 },
  { id: 'delegation', titles: { zh: '事项委托', en: 'Cross-region Delegation' }, topics: ['delegation.stats'], dwellSec: 40 },
  { id: 'auction', titles: { zh: '网拍监管', en: 'Online Auction Supervision' }, topics: ['auction.stats'], dwellSec: 40 },
  { id: 'quality', titles: { zh: '终本监管与执行质效', en: 'Termination (终本) & Quality' }, topics: ['termination.stats', 'province.stats', 'national.indicators'], dwellSec: 60 },
  { id: 'rollcall', titles: { zh: '随机抽查', en: 'Random Roll Call' }, topics: ['rollcall.courts', 'national.indicators'], dwellSec: 60 },
  { id: 'map3d', titles: { zh: '全国态势（三维）', en: 'China in 3D' }, topics: ['province.stats'], dwellSec: 60 },
] as const satisfies readonly PageEntry[]

/** A page id of the catalogue. */
export type PageId = (typeof PAGES)[number]['id']

/** The page a wall shows when nothing else is asked for. */
export const DEFAULT_PAGE: PageId = 'overview'

export const PAGE_IDS: readonly string[] = PAGES.map(p => p.id)

export function findPage(id: string): PageEntry | undefined {
  return (PAGES as readonly PageEntry[]).find(p => p.id === id)
}
