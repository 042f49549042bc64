/**
 * Where each panel of a page sits on each wall profile, as CSS grid-template-areas. Walls of the
 * same shape share an arrangement; the 16:9 screen gets its own, because the ultra-wide one would
 * leave its panels a few hundred pixels wide.
 * A page that has no entry for a profile falls back to its 'default' arrangement.
 */
import type { WallProfile } from './profiles'

/** One arrangement: rows of area names, one name per grid column (CSS grid-template-areas). */
export interface Arrangement {
  areas: readonly string[]
  /** CSS grid-template-rows; default: equal rows */
  rows?: string
}

const row = (...cells: [name: string, span: number][]) => cells.map(([name, span]) => Array(span).fill(name).join(' ')).join(' ')

/**
 * A phone held upright: the page's panels one under the other, in the order they are read, each
 * at a height of its own (in CSS px: the page scrolls, so nothing is squeezed to fit the screen).
 */
function stacked(...panels: [name: string, heightPx: number][]): Arrangement {
  return { areas: panels.map(([name]) => name), rows: panels.map(([, h]) => `${h}px`).join(' ') }
}

/** 16 columns: 4 KPI | 5 map | 4 gauges | 3 ranking; the battle plan under them, full width. */
function ultraWide16(topRows: number, timelineRows: number): Arrangement {
  const top = row(['kpi', 4], ['heatmap', 5], ['indicators', 4], ['ranking', 3])
  return { areas: [...Array(topRows).fill(top), ...Array(timelineRows).fill(row(['battlePlan', 16]))] }
}

const OVERVIEW: Record<string, Arrangement> = {
  'phone-portrait': stacked(['kpi', 330], ['indicators', 420], ['heatmap', 420], ['ranking', 420], ['battlePlan', 460]),
  'wall-48x9': {
    areas: [
      ...Array(4).fill(row(['kpi', 6], ['heatmap', 7], ['indicators', 6], ['ranking', 5])),
      ...Array(2).fill(row(['battlePlan', 24])),
    ],
  },
  'wall-32x9': ultraWide16(4, 2),
  // one row in four is too low for two lanes of two-line labels at 1080 px
  'wall-5760': { ...ultraWide16(3, 1), rows: '1fr 1fr 1fr 1.25fr' },
  'wall-3840': {
    areas: [
      ...Array(3).fill(row(['kpi', 3], ['heatmap', 4], ['indicators', 3], ['ranking', 2])),
      row(['battlePlan', 12]),
    ],
  },
  'hd-16x9': {
    areas: [
      row(['kpi', 8]),
      row(['heatmap', 4], ['indicators', 4]),
      row(['heatmap', 4], ['indicators', 4]),
      row(['heatmap', 4], ['ranking', 4]),
      row(['heatmap', 4], ['ranking', 4]),
      row(['battlePlan', 8]),
    ],
    // The KPI strip sizes its figures to its cells and needs less than a sixth; the battle plan
    // needs two lanes of two-line labels at 1080 px.
    rows: '0.95fr 1fr 1fr 1fr 1fr 1.55fr',
  },
  default: ultraWide16(4, 2),
}

/** The whole page is the map with the ranking of all units beside it; the map takes the width its shape needs. */
function mapAndRanking(rows: number, mapColumns: number, rankingColumns: number): Arrangement {
  return { areas: Array(rows).fill(row(['heatmap', mapColumns], ['ranking', rankingColumns])) }
}

const HEATMAP: Record<string, Arrangement> = {
  'phone-portrait': stacked(['heatmap', 460], ['ranking', 760]),
  'wall-48x9': mapAndRanking(6, 9, 15),
  'wall-32x9': mapAndRanking(6, 5, 11),
  'wall-5760': mapAndRanking(4, 4, 12),
  'wall-3840': mapAndRanking(4, 4, 8),
  'hd-16x9': mapAndRanking(6, 5, 3),
  default: mapAndRanking(6, 5, 11),
}

/** 挂图作战: the timeline across the top, the tasks in hand and the indicators under it. */
function battlePlanPage(timelineRows: number, lowerRows: number, summary: number, tasks: number, indicators: number): Arrangement {
  const lower = row(['summary', summary], ['tasks', tasks], ['indicators', indicators])
  const columns = summary + tasks + indicators
  return { areas: [...Array(timelineRows).fill(row(['battlePlan', columns])), ...Array(lowerRows).fill(lower)] }
}

const BATTLE_PLAN: Record<string, Arrangement> = {
  'phone-portrait': stacked(['summary', 300], ['battlePlan', 520], ['tasks', 520]),
  'wall-48x9': battlePlanPage(4, 2, 6, 12, 6),
  'wall-32x9': battlePlanPage(4, 2, 4, 8, 4),
  'wall-5760': battlePlanPage(2, 2, 4, 8, 4),
  'wall-3840': battlePlanPage(2, 2, 3, 6, 3),
  // 1080 px leave no room for readable dials under the timeline; the overview has them
  'hd-16x9': {
    areas: [
      ...Array(3).fill(row(['battlePlan', 8])),
      ...Array(3).fill(row(['summary', 3], ['tasks', 5])),
    ],
  },
  default: battlePlanPage(4, 2, 4, 8, 4),
}

/** One unit: who it is and its counters on top, its indicators and its trend below. */
function provincePage(topRows: number, bottomRows: number, profile: number, kpis: number, indicators: number, trend: number): Arrangement {
  return {
    areas: [
      ...Array(topRows).fill(row(['profile', profile], ['kpis', kpis])),
      ...Array(bottomRows).fill(row(['indicators', indicators], ['trend', trend])),
    ],
  }
}

const PROVINCE: Record<string, Arrangement> = {
  'phone-portrait': stacked(['profile', 300], ['kpis', 300], ['indicators', 420], ['trend', 340]),
  'wall-48x9': provincePage(2, 4, 6, 18, 9, 15),
  'wall-32x9': provincePage(2, 4, 4, 12, 6, 10),
  'wall-5760': provincePage(2, 2, 4, 12, 6, 10),
  'wall-3840': provincePage(2, 2, 3, 9, 5, 7),
  'hd-16x9': provincePage(2, 4, 3, 5, 4, 4),
  default: provincePage(2, 4, 4, 12, 6, 10),
}

/** 网拍监管: the counters across the top; the asset classes and the units' ranking under them. */
function auctionPage(rows: number, classes: number, units: number): Arrangement {
  return { areas: [row(['kpi', classes + units]), ...Array(rows - 1).fill(row(['classes', classes], ['units', units]))] }
}

const AUCTION: Record<string, Arrangement> = {
  'phone-portrait': stacked(['kpi', 320], ['classes', 380], ['units', 420]),
  'wall-48x9': auctionPage(6, 10, 14),
  'wall-32x9': auctionPage(6, 7, 9),
  'wall-5760': auctionPage(4, 7, 9),
  'wall-3840': auctionPage(4, 5, 7),
  'hd-16x9': auctionPage(6, 4, 4),
  default: auctionPage(6, 7, 9),
}

/**
 * 终本 and quality: the pool over its re-query round on the left, the table of all units in the
 * middle, the national RAG summary over the units' pools on the right.
 */
function qualityPage(poolRows: number, cycleRows: number, summaryRows: number, left: number, table: number, right: number): Arrangement {
  const rows = poolRows + cycleRows
  return {
    areas: Array.from({ length: rows }, (_, r) => row(
      [r < poolRows ? 'pool' : 'cycle', left],
      ['table', table],
      [r < summaryRows ? 'summary' : 'units', right],
    )),
  }
}

const QUALITY: Record<string, Arrangement> = {
  'phone-portrait': stacked(['summary', 300], ['pool', 320], ['cycle', 340], ['table', 520]),
  'wall-48x9': qualityPage(2, 4, 3, 6, 12, 6),
  'wall-32x9': qualityPage(2, 4, 3, 4, 8, 4),
  'wall-5760': qualityPage(1, 3, 2, 4, 8, 4),
  'wall-3840': qualityPage(1, 3, 2, 3, 6, 3),
  // no room for the units' pools: the table of all units comes first
  'hd-16x9': {
    areas: [
      ...Array(2).fill(row(['pool', 3], ['cycle', 5])),
      ...Array(4).fill(row(['table', 5], ['summary', 3])),
    ],
  },
  default: qualityPage(2, 4, 3, 4, 8, 4),
}

/** 随机抽查: the draw's summary beside (or, on the 16:9 screen, above) the cards of the drawn courts. */
function rollCallPage(rows: number, summary: number, courts: number): Arrangement {
  return { areas: Array(rows).fill(row(['summary', summary], ['courts', courts])) }
}

const ROLL_CALL: Record<string, Arrangement> = {
  'phone-portrait': stacked(['summary', 260], ['courts', 900]),
  'wall-48x9': rollCallPage(6, 4, 20),
  'wall-32x9': rollCallPage(6, 3, 13),
  'wall-5760': rollCallPage(4, 3, 13),
  'wall-3840': rollCallPage(4, 3, 9),
  'hd-16x9': { areas: [row(['summary', 8]), ...Array(5).fill(row(['courts', 8]))] },
  default: rollCallPage(6, 3, 13),
}

/**
 * 网络查控: reach over the counters on the left, the live ticker in the middle, the agency bars over
 * the asset-kind ring on the right (beside each other on the widest wall).
 */
function inquiryPage(reachRows: number, counterRows: number, left: number, ticker: number, right: number): Arrangement {
  const rows = reachRows + counterRows
  const half = Math.ceil(rows / 2)
  return {
    areas: Array.from({ length: rows }, (_, r) => row(
      [r < reachRows ? 'reach' : 'counters', left],
      ['ticker', ticker],
      [r < half ? 'byAgency' : 'byAssetKind', right],
    )),
  }
}

const INQUIRY: Record<string, Arrangement> = {
  'phone-portrait': stacked(['counters', 300], ['reach', 320], ['byAgency', 380], ['byAssetKind', 380], ['ticker', 420]),
  'wall-48x9': {
    areas: Array.from({ length: 6 }, (_, r) => row([r < 2 ? 'reach' : 'counters', 6], ['ticker', 8], ['byAgency', 5], ['byAssetKind', 5])),
  },
  'wall-32x9': inquiryPage(2, 4, 4, 5, 7),
  'wall-5760': inquiryPage(1, 3, 4, 6, 6),
  'wall-3840': inquiryPage(1, 3, 3, 4, 5),
  'hd-16x9': {
    areas: [
      ...Array(2).fill(row(['reach', 3], ['counters', 5])),
      ...Array(2).fill(row(['ticker', 4], ['byAgency', 4])),
      ...Array(2).fill(row(['ticker', 4], ['byAssetKind', 4])),
    ],
  },
  default: inquiryPage(2, 4, 4, 5, 7),
}

/** 失信惩戒: the list's figures over the travel bans on the left, the trend in the middle, the units on the right. */
function creditPage(listRows: number, banRows: number, left: number, history: number, units: number): Arrangement {
  return {
    areas: Array.from({ length: listRows + banRows }, (_, r) => row([r < listRows ? 'list' : 'bans', left], ['history', history], ['byUnit', units])),
  }
}

const CREDIT: Record<string, Arrangement> = {
  'phone-portrait': stacked(['list', 300], ['bans', 320], ['history', 340], ['byUnit', 420]),
  'wall-48x9': creditPage(4, 2, 6, 11, 7),
  'wall-32x9': creditPage(4, 2, 4, 7, 5),
  'wall-5760': creditPage(2, 2, 4, 7, 5),
  'wall-3840': creditPage(2, 2, 3, 5, 4),
  'hd-16x9': {
    areas: [
      ...Array(2).fill(row(['list', 5], ['bans', 3])),
      ...Array(4).fill(row(['history', 5], ['byUnit', 3])),
    ],
  },
  default: creditPage(4, 2, 4, 7, 5),
}

/** 事项委托: the counters, the map of flows (as wide as China's shape needs), the top flows. */
function delegationPage(rows: number, counters: number, map: number, flows: number): Arrangement {
  return { areas: Array(rows).fill(row(['counters', counters], ['map', map], ['topFlows', flows])) }
}

const DELEGATION: Record<string, Arrangement> = {
  'phone-portrait': stacked(['counters', 300], ['map', 420], ['topFlows', 420]),
  'wall-48x9': delegationPage(6, 7, 9, 8),
  'wall-32x9': delegationPage(6, 4, 7, 5),
  'wall-5760': delegationPage(4, 5, 6, 5),
  'wall-3840': delegationPage(4, 4, 5, 3),
  'hd-16x9': {
    areas: [row(['counters', 8]), ...Array(5).fill(row(['map', 5], ['topFlows', 3]))],
    // the counters' strip holds a label, a figure, its scope and the footnote
    rows: '1.45fr 1fr 1fr 1fr 1fr 1fr',
  },
  default: delegationPage(6, 4, 7, 5),
}

export const PAGE_ARRANGEMENTS: Record<string, Record<string, Arrangement>> = {
  inquiry: INQUIRY,
  credit: CREDIT,
  delegation: DELEGATION,
  auction: AUCTION,
  quality: QUALITY,
  rollcall: ROLL_CALL,
  overview: OVERVIEW,
  heatmap: HEATMAP,
  battleplan: BATTLE_PLAN,
  province: PROVINCE,
}

/** The arrangement of `page` on `profile`; null when the page has none (it then lays itself out). */
export function arrangementFor(page: string, profile: WallProfile): Arrangement | null {
  const byProfile = PAGE_ARRANGEMENTS[page]
  if (!byProfile)
    return null
  return byProfile[profile.id] ?? byProfile.default ?? null
}

/** CSS value for grid-template-areas. */
export function areasCss(arrangement: Arrangement): string {
  return arrangement.areas.map(r => `"${r}"`).join(' ')
}
