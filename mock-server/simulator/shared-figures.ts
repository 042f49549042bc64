/**
 * Four figures appear both on the overview (national.kpi, province.stats) and on a function page
 * (inquiry.stats, credit.stats, auction.stats). The function generators own them; this puts their
 * values into the overview's payloads so the two pages never disagree, while the 32 rows still add
 * up to the national figure exactly.
 */
import { COURT_UNITS, type NationalKpi, type ProvinceStats, type TopicPayloads } from '#protocol'
import { addAllocated, apportion, sum } from './functions/apportion.ts'
import type { FunctionSimulators } from './functions/index.ts'

type FunctionPayloads = Pick<TopicPayloads, 'credit.stats'>

export interface SharedFigures {
  /** overwrite the shared fields of the overview's payloads, in place */
  apply: (kpi: NationalKpi, provinces: ProvinceStats, functions: FunctionSimulators, payloads: FunctionPayloads) => void
}

export function createSharedFigures(): SharedFigures {
  const shares = COURT_UNITS.map(u => u.caseloadShare)
  const indexOf = new Map(COURT_UNITS.map((u, i) => [u.id, i]))
  // Today's inquiries per unit, grown by allocation so no unit's count ever goes back within a day.
  let inquiriesByUnit = COURT_UNITS.map(() => 0)

  return {
    apply(kpi, provinces, functions, payloads) {
      const figures = functions.kpiFigures()
      const total = figures.networkInquiriesToday
      const current = sum(inquiriesByUnit)
      if (total < current)
        inquiriesByUnit = apportion(total, shares) // a new day
      else
        addAllocated(inquiriesByUnit, shares, total - current)

      const listed = new Map(payloads['credit.stats'].byUnit.map(row => [row.unitId, row.listedNow]))
      for (const row of provinces.units) {
        const i = indexOf.get(row.unitId) ?? -1
        row.networkInquiriesToday = inquiriesByUnit[i] ?? 0
        row.dishonestDebtorsListed = listed.get(row.unitId) ?? 0
      }
      kpi.networkInquiriesToday = sum(provinces.units.map(r => r.networkInquiriesToday))
      kpi.dishonestDebtorsListed = sum(provinces.units.map(r => r.dishonestDebtorsListed))
      kpi.onlineAuctionsYtd = figures.onlineAuctionsYtd
      kpi.auctionTurnoverYtd = figures.auctionTurnoverYtd
    },
  }
}
