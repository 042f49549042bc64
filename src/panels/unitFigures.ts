/**
 * One unit's counters as the focus page reads them: the figure, its place among the 32 units, and
 * its share of the national figure. Keys are the field names shared by UnitStats and NationalKpi.
 */
import type { NationalKpi, UnitStats } from '~/protocol'
import type { KpiKey } from './kpis'

/** The counters a unit row carries (a subset of the national ones: no auctions per unit). */
export const UNIT_KPI_KEYS = [
  'casesReceivedYtd',
  'casesConcludedYtd',
  'casesPending',
  'amountRecoveredYtd',
  'dishonestDebtorsListed',
  'networkInquiriesToday',
] as const satisfies readonly (KpiKey & keyof UnitStats)[]

export type UnitKpiKey = typeof UNIT_KPI_KEYS[number]

export interface UnitFigure {
  key: UnitKpiKey
  value: number
  /** 1 = the largest among the units; equal figures share a rank */
  rank: number
  /** of the national figure, 0–100; null without a national figure */
  sharePercent: number | null
}

/** The unit's figures, or null when the unit has no row in the stats. */
export function unitFigures(units: readonly UnitStats[], unitId: string, national: NationalKpi | null): UnitFigure[] | null {
  const row = units.find(u => u.unitId === unitId)
  if (!row)
    return null
  return UNIT_KPI_KEYS.map((key) => {
    const value = row[key]
    const rank = 1 + units.filter(u => u[key] > value).length
    const total = national?.[key]
    return { key, value, rank, sharePercent: total && total > 0 ? value / total * 100 : null }
  })
}
