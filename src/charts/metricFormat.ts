/** Formatting of a unit metric's value by its kind, for map labels, scales and rankings. */
import { formatCount, formatPercent, formatYuan } from '~/logic/format'
import { METRIC_KIND, type UnitMetric } from './metrics'

export function formatMetric(metric: UnitMetric, value: number | null | undefined, locale: string): string {
  switch (METRIC_KIND[metric]) {
    case 'yuan': return formatYuan(value, locale)
    case 'rate': return formatPercent(value, locale)
    default: return formatCount(value, locale)
  }
}
