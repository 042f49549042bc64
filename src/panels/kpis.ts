/**
 * What a KPI tile is (PanelKpiGrid), and the national counters the KPI panels can show with how each
 * is read. Keys are NationalKpi's field names.
 */
import { isChinese } from '~/domain/locale'
import type { NationalKpi } from '~/protocol'

/** One tile of a KPI grid: its payload key (data-kpi), its label, the line under its figure. */
export interface KpiTile {
  key: string
  label: string
  /** today / this year / since 2013, or a hint */
  note?: string
}

export type KpiKey = Exclude<keyof NationalKpi, 'asOf' | 'year'>

/** what is counted: the i18n key under `kpiUnit.` */
export type KpiCountUnit = 'cases' | 'people' | 'times'

export interface KpiSpec {
  kind: 'count' | 'yuan'
  /** null for money: the yuan unit comes with the figure */
  unit: KpiCountUnit | null
  /** this year, today, or right now: the i18n key under `kpiScope.` */
  scope: 'ytd' | 'today' | 'now'
}

export const KPI_SPECS: Record<KpiKey, KpiSpec> = {
  casesReceivedYtd: { kind: 'count', unit: 'cases', scope: 'ytd' },
  casesConcludedYtd: { kind: 'count', unit: 'cases', scope: 'ytd' },
  amountRecoveredYtd: { kind: 'yuan', unit: null, scope: 'ytd' },
  casesPending: { kind: 'count', unit: 'cases', scope: 'now' },
  dishonestDebtorsListed: { kind: 'count', unit: 'people', scope: 'now' },
  networkInquiriesToday: { kind: 'count', unit: 'times', scope: 'today' },
  onlineAuctionsYtd: { kind: 'count', unit: 'times', scope: 'ytd' },
  auctionTurnoverYtd: { kind: 'yuan', unit: null, scope: 'ytd' },
}

export const KPI_KEYS = Object.keys(KPI_SPECS) as KpiKey[]

/** What is counted, as it follows a figure: joined in Chinese (12.4万次), a word apart in English (124K times). */
export function unitSuffix(unit: string, locale: string): string {
  return unit && !isChinese(locale) ? ` ${unit}` : unit
}
