/**
 * The per-unit figures a map or ranking can show, how each one is read (count, yuan, rate) and
 * written. Keys are the wire field names of UnitStats, and the i18n keys under `metric.`.
 */
import { formatCount, formatPercent, formatYuan } from '~/logic/format'
import type { UnitStats } from '~/protocol'

export const UNIT_METRICS = [
  'casesReceivedYtd',
  'casesConcludedYtd',
  'casesPending',
  'amountRecoveredYtd',
  'dishonestDebtorsListed',
  'actualClosureRate',
  'threeYearClosureRate',
] as const satisfies readonly (keyof UnitStats)[]

export type UnitMetric = typeof UNIT_METRICS[number]

export type MetricKind = 'count' | 'yuan' | 'rate'

export const METRIC_KIND: Record<UnitMetric, MetricKind> = {
  casesReceivedYtd: 'count',
  casesConcludedYtd: 'count',
  casesPending: 'count',
  amountRecoveredYtd: 'yuan',
  dishonestDebtorsListed: 'count',
  actualClosureRate: 'rate',
  threeYearClosureRate: 'rate',
}

export function isUnitMetric(name: unknown): name is UnitMetric {
  return typeof name === 'string' && (UNIT_METRICS as readonly string[]).includes(name)
}

/** One row of a ranking: a unit and its figure. */
export interface RankedUnit {
  unitId: string
  value: number
  rank: number
}

/**
 * Units ordered by the metric, biggest first — pending cases too: the ranking shows where the
 * work is. Equal figures keep the feed's order, so rows never swap on a tie.
 */
export function rankUnits(units: readonly UnitStats[], metric: UnitMetric, limit: number): RankedUnit[] {
  return units
    .map((u, index) => ({ unitId: u.unitId, value: u[metric], index }))
    .filter(u => Number.isFinite(u.value))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, Math.max(0, limit))
    .map((u, i) => ({ unitId: u.unitId, value: u.value, rank: i + 1 }))
}

/** A metric's value written by its kind, for map labels, scales and rankings. */
export function formatMetric(metric: UnitMetric, value: number | null | undefined, locale: string): string {
  switch (METRIC_KIND[metric]) {
    case 'yuan': return formatYuan(value, locale)
    case 'rate': return formatPercent(value, locale)
    default: return formatCount(value, locale)
  }
}
