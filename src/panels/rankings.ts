/**
 * What the wall's rankings are made of: a place in a ranking list (PanelRankList), and the court-unit
 * rankings PanelRankedUnits shows, each its panel's words and its figures (网拍 units by turnover,
 * 终本 units by the cases in their pool); `unitBars` turns ranked rows into their bars.
 */
import { unitLabel } from '~/domain/units'
import { formatCount, formatYuan } from '~/logic/format'
import type { Translate } from '~/logic/translate'
import type { AuctionStats, TerminationStats } from '~/protocol'
import type { RankedBar } from './PanelRankedBars.vue'

/** One place of a ranking list. */
export interface RankPlace {
  key: string
  /** 1 for the first */
  rank: number
  name: string
  /** the bar's length, 0–1 of the leader's */
  share: number
  /** the figure after the bar */
  figure: string
  /** the row's data attributes, for tests and the e2e walk: { 'data-unit': '440000' } */
  data: Record<string, string>
}

/** One ranking: the rows come from its topic's `byUnit`, best first by `value`. */
export interface UnitRanking<Row extends { unitId: string }> {
  /** the panel's data-panel id, and the i18n keys of its title and its badge (every unit on show, the leaders only; both take {n}) */
  panel: { id: string, title: string, badgeAll: string, badgeTop: string }
  /** what the bar measures and the rows are ranked by */
  value(row: Row): number
  /** the figures after the bar */
  label(row: Row, t: Translate, locale: string): string
}

export const AUCTION_UNITS: UnitRanking<AuctionStats['byUnit'][number]> = {
  panel: { id: 'auction-units', title: 'auction.panel.units', badgeAll: 'auction.unitsAll', badgeTop: 'auction.unitsTop' },
  value: row => row.turnoverYtd,
  label: (row, t, loc) => t('auction.unitLabel', { turnover: formatYuan(row.turnoverYtd, loc), count: formatCount(row.ytd, loc) }),
}

export const TERMINATION_UNITS: UnitRanking<TerminationStats['byUnit'][number]> = {
  panel: { id: 'termination-units', title: 'quality.panel.units', badgeAll: 'quality.units.all', badgeTop: 'quality.units.top' },
  value: row => row.poolSize,
  label: (row, t, loc) => t('quality.units.label', { pool: formatCount(row.poolSize, loc), restarted: formatCount(row.restartedYtd, loc) }),
}

/**
 * `rows` best first; `value` is what the bar shows, `label` the figures after it; `corps` names the
 * 兵团 in the wall's language.
 */
export function unitBars<T extends { unitId: string }>(
  rows: readonly T[],
  value: (row: T) => number,
  label: (row: T) => string,
  locale: string,
  corps: string,
): RankedBar[] {
  const top = rows[0] ? value(rows[0]) : 0
  return rows.map(row => ({
    id: row.unitId,
    name: unitLabel(row.unitId, locale, corps),
    share: top > 0 ? value(row) / top : 0,
    label: label(row),
  }))
}
