/**
 * The 32 high-court-level units the feed may name: 31 provincial-level regions by GB/T 2260
 * adcode, and the Xinjiang Production and Construction Corps under the internal id `XPCC`.
 * Source data: src/data/provinces.json (copied from the project's shared domain notes).
 */
import provinces from '../data/provinces.json'

export interface CourtUnit {
  /** adcode as a string, or 'XPCC' for the Corps */
  id: string
  adcode: number | null
  /** short Chinese name, as on the map: 北京, 内蒙古 */
  short: string
  name: string
  en: string
  court: string
  courts: { high: number, intermediate: number, basic: number }
  /** estimated share of the national caseload (sums to 1) */
  caseloadShare: number
}

export const COURT_UNITS: readonly CourtUnit[] = provinces.units as CourtUnit[]
export const UNIT_IDS: readonly string[] = COURT_UNITS.map(u => u.id)
export const UNIT_BY_ID: ReadonlyMap<string, CourtUnit> = new Map(COURT_UNITS.map(u => [u.id, u]))
/** Regions drawn on every China map as part of China, in a "no data" style. */
export const NO_DATA_REGIONS: readonly { adcode: number, short: string, name: string, en: string }[] = provinces.noDataRegions
export const CORPS_ID = 'XPCC'
/** The map polygon beside which the Corps' figures are shown. */
export const CORPS_HOST_ID = '650000'
