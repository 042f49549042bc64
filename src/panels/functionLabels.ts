/**
 * Small readings shared by panels: unit names for list rows, names of closed key sets, the words a
 * map of the units is drawn with.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { HeatmapLabels } from '~/charts/heatmap'
import { formatMetric, type UnitMetric } from '~/domain/metrics'
import { unitLabel, unitName } from '~/domain/units'
import type { KpiTile } from './kpis'

/**
 * A unit's name as list rows print it (domain `unitLabel`): the short map name, and for the Corps
 * its short name (兵团 / XPCC) rather than the full English one, which would not fit a row.
 */
export function useUnitLabel(): (unitId: string) => string {
  const { t, locale } = useI18n()
  return unitId => unitLabel(unitId, locale.value, t('unit.corps'))
}

/** One counter as PanelCounterGrid shows it; `key` is the payload field ('inquiriesToday'). */
export interface CounterCell extends KpiTile {
  value: number | null
  kind: 'count' | 'yuan'
  /** what is counted, after the magnitude: '次', 'queries' (the grid puts the space in English) */
  suffix: string
  /** today / this year / since 2013 */
  note: string
}

/**
 * The names of a closed set of keys (`inquiry.agency.bank` …), looked up once per locale. A panel
 * that names its rows on every message reads them here: a call of vue-i18n's `t` costs tens of
 * microseconds, and the inquiry page made about fifty of them per message.
 */
export function useNames<K extends string>(prefix: string, keys: readonly K[]): ComputedRef<Readonly<Record<K, string>>> {
  const { t, locale } = useI18n()
  return computed(() => {
    void locale.value
    return Object.fromEntries(keys.map(key => [key, t(`${prefix}.${key}`)])) as Record<K, string>
  })
}

/**
 * The words of a map of the units, 2D or 3D, in the wall's language: names, the Corps, the 南海诸岛
 * inset, and `metric`'s figures; `noData` for 台湾/香港/澳门 (default the catalogue's 暂无数据).
 */
export function useMapLabels(metric: () => UnitMetric, noData?: () => string): ComputedRef<HeatmapLabels> {
  const { t, locale } = useI18n()
  return computed(() => {
    const loc = locale.value
    const m = metric()
    return {
      unitName: id => unitName(id, loc),
      corps: t('unit.corps'),
      corpsFull: t('map.corpsFull'),
      noData: noData ? noData() : t('map.noData'),
      southChinaSea: t('map.southChinaSea'),
      formatValue: value => formatMetric(m, value, loc),
    }
  })
}
