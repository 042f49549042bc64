/** Small readings shared by the function pages' panels: unit names for list rows, names of closed key sets. */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { unitLabel } from '~/domain/units'

/**
 * A unit's name as list rows print it (domain `unitLabel`): the short map name, and for the Corps
 * its short name (兵团 / XPCC) rather than the full English one, which would not fit a row.
 */
export function useUnitLabel(): (unitId: string) => string {
  const { t, locale } = useI18n()
  return unitId => unitLabel(unitId, locale.value, t('unit.corps'))
}

/** One counter as PanelCounterGrid shows it. */
export interface CounterCell {
  /** the payload field, for tests and the glossary: 'inquiriesToday' */
  key: string
  label: string
  value: number | null
  kind: 'count' | 'yuan'
  /** what is counted, after the magnitude: '次', 'queries' (the grid puts the space in English) */
  suffix: string
  /** today / this year / since 2013 */
  scope: string
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
