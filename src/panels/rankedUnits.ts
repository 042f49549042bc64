/** Ranked rows of court units as bars for PanelRankedUnits: named for the wall, measured against the leader. */
import { unitLabel } from '~/domain/units'
import type { RankedBar } from './PanelRankedBars.vue'

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
