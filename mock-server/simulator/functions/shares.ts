/** The 32 units in protocol order with their caseload shares, normalised (the published shares sum to 1.0002). */
import { COURT_UNITS } from '#protocol'
import { normalize } from '../random.ts'

export const UNIT_IDS_IN_ORDER: readonly string[] = COURT_UNITS.map(u => u.id)
export const CASELOAD_SHARES: readonly number[] = normalize(COURT_UNITS.map(u => u.caseloadShare))
