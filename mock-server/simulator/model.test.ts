import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { COURT_UNITS, INDICATOR_IDS, TOPIC_SCHEMAS } from '#protocol'
import { DEFAULT_SEED } from '../../src/domain/constants.ts'
import { INDICATOR_STEP_MS, Simulation } from './model.ts'
import { AUCTIONS_PER_YEAR, INQUIRIES_PER_YEAR, LISTED_AT_2026, LISTINGS_PER_YEAR, REMOVALS_PER_YEAR } from './magnitudes.ts'
import { chinaDayStart, chinaTime, DAY_MS, workdaysInYear } from './calendar.ts'

const MINUTE = 60_000
const HOUR = 3_600_000
/** Monday 2026-03-02, 08:00 in Beijing */
const MONDAY_MORNING = chinaTime(2026, 3, 2, 8)

const SUMMED_FIELDS = [
  'casesReceivedYtd',
  'casesConcludedYtd',
  'casesPending',
  'amountRecoveredYtd',
  'dishonestDebtorsListed',
  'networkInquiriesToday',
] as const
const CUMULATIVE_KPIS = ['casesReceivedYtd', 'casesConcludedYtd', 'amountRecoveredYtd', 'onlineAuctionsYtd', 'auctionTurnoverYtd'] as const
const CUMULATIVE_UNIT_FIELDS = ['casesReceivedYtd', 'casesConcludedYtd', 'amountRecoveredYtd'] as const

function run(seed: number, start: number, steps: number, stepMs: number) {
  const sim = new Simulation({ seed, start })
  const out: unknown[] = []
  for (let i = 1; i <= steps; i++) {
    sim.advanceTo(start + i * stepMs)
    out.push(sim.counters(), sim.indicators())
  }
  return out
}

describe('simulation', () => {
  it('gives the same figures for the same seed and different ones for another', () => {
    const a = run(42, MONDAY_MORNING, 50, 30_000)
    const b = run(42, MONDAY_MORNING, 50, 30_000)
    const c = run(43, MONDAY_MORNING, 50, 30_000)
    expect(a).toEqual(b)
    expect(c).not.toEqual(a)
  })

  it('covers all 32 units once, with whole counts', () => {
    const { provinces } = new Simulation({ seed: 1, start: MONDAY_MORNING }).counters()
    expect(provinces.units.map(u => u.unitId)).toEqual(COURT_UNITS.map(u => u.id))
    for (const row of provinces.units) {
      for (const field of SUMMED_FIELDS)
        expect(Number.isInteger(row[field]), `${row.unitId}.${field}`).toBe(true)
    }
  })

  it('keeps counters growing, national = sum of units, rates in range, over many ticks', () => {
    const start = chinaTime(2026, 3, 4, 20) // Wednesday evening, through two midnights
    const sim = new Simulation({ seed: 7, start })
    let previous = sim.counters()
    const carriedOver = previous.provinces.units.map(row => row.casesPending - row.casesReceivedYtd + row.casesConcludedYtd)
    const indicatorHistory: number[] = []
    // Collected, then asserted once: thousands of expect() calls would cost more than the model.
    const problems: string[] = []
    let ticks = 0
    for (let t = start + 37_000; t < start + 52 * HOUR; t += 37_000) {
      ticks++
      sim.advanceTo(t)
      const current = sim.counters()
      const { kpi, provinces } = current
      if (kpi.asOf !== t || provinces.asOf !== t)
        problems.push(`asOf at ${t}`)
      for (const field of SUMMED_FIELDS) {
        if (kpi[field] !== provinces.units.reduce((sum, row) => sum + row[field], 0))
          problems.push(`national ${field} is not the sum of the units at ${t}`)
      }
      for (const field of CUMULATIVE_KPIS) {
        if (kpi[field] < previous.kpi[field])
          problems.push(`national ${field} went down at ${t}`)
      }
      provinces.units.forEach((row, i) => {
        const before = previous.provinces.units[i]!
        for (const field of CUMULATIVE_UNIT_FIELDS) {
          if (row[field] < before[field])
            problems.push(`${row.unitId}.${field} went down at ${t}`)
        }
        // 未结 = 旧存 + 新收 − 执结, the carry-over fixed within a year
        if (row.casesPending - row.casesReceivedYtd + row.casesConcludedYtd !== carriedOver[i] || row.casesPending < 0)
          problems.push(`${row.unitId}.casesPending inconsistent at ${t}`)
        for (const id of INDICATOR_IDS) {
          const [min, max] = id === 'threeYearClosureRate' ? [75, 90] : [85, 98]
          if (!(row[id] >= min && row[id] <= max))
            problems.push(`${row.unitId}.${id} = ${row[id]} out of range at ${t}`)
        }
      })
      const indicators = sim.indicators()
      for (const id of INDICATOR_IDS) {
        const values = provinces.units.map(row => row[id])
        if (indicators.values[id] < Math.min(...values) || indicators.values[id] > Math.max(...values))
          problems.push(`national ${id} outside the units' range at ${t}`)
      }
      indicatorHistory.push(indicators.values.actualClosureRate)
      previous = current
    }
    expect(ticks).toBeGreaterThan(5000)
    expect(problems.slice(0, 10)).toEqual([])
    // Drifting, but slowly: it moves, and never by a jump.
    expect(new Set(indicatorHistory).size).toBeGreaterThan(10)
    const steps = indicatorHistory.slice(1).map((x, i) => Math.abs(x - indicatorHistory[i]!))
    expect(Math.max(...steps)).toBeLessThan(0.5)
  })

  it('has the national indicator at the caseload-weighted mean, and the 90/90/90/80 targets', () => {
    const sim = new Simulation({ seed: 3, start: MONDAY_MORNING })
    sim.advanceTo(MONDAY_MORNING + 5 * INDICATOR_STEP_MS)
    const { provinces } = sim.counters()
    const national = sim.indicators()
    expect(national.targets).toEqual({ actualClosureRate: 90, terminationComplianceRate: 90, petitionCompletionRate: 90, threeYearClosureRate: 80 })
    const weights = provinces.units.map(row => row.casesPending + row.casesConcludedYtd)
    const total = weights.reduce((a, b) => a + b, 0)
    for (const id of INDICATOR_IDS) {
      const mean = provinces.units.reduce((sum, row, i) => sum + row[id] * weights[i]!, 0) / total
      expect(national.values[id]).toBeCloseTo(mean, 2)
    }
  })

  it('passes the protocol schemas', () => {
    const sim = new Simulation({ seed: 11, start: MONDAY_MORNING })
    for (const t of [0, 1, 90 * MINUTE, 30 * HOUR]) {
      sim.advanceTo(MONDAY_MORNING + t)
      const { kpi, provinces } = sim.counters()
      for (const [schema, payload] of [
        [TOPIC_SCHEMAS['national.kpi'], kpi],
        [TOPIC_SCHEMAS['province.stats'], provinces],
        [TOPIC_SCHEMAS['national.indicators'], sim.indicators()],
      ] as const) {
        const result = v.safeParse(schema, payload)
        expect(result.issues).toBeUndefined()
      }
    }
  })

  it('grows far more at 10:00 than at 03:00 China time, and more on a weekday than a Sunday', () => {
    const growth = (start: number) => {
      const sim = new Simulation({ seed: 5, start })
      const before = sim.counters().kpi
      sim.advanceTo(start + 10 * MINUTE)
      const after = sim.counters().kpi
      return { cases: after.casesReceivedYtd - before.casesReceivedYtd, inquiries: after.networkInquiriesToday - before.networkInquiriesToday }
    }
    const morning = growth(chinaTime(2026, 3, 2, 10))
    const night = growth(chinaTime(2026, 3, 2, 3))
    const sunday = growth(chinaTime(2026, 3, 8, 10))
    expect(morning.cases).toBeGreaterThan(10 * night.cases)
    expect(morning.inquiries).toBeGreaterThan(10 * night.inquiries)
    expect(morning.cases).toBeGreaterThan(5 * sunday.cases)
  })

  it('restarts the inquiries of today at China midnight (16:00 UTC)', () => {
    const beforeMidnight = chinaTime(2026, 3, 3, 23, 50)
    const midnight = chinaTime(2026, 3, 4)
    expect(midnight).toBe(Date.UTC(2026, 2, 3, 16))
    const sim = new Simulation({ seed: 9, start: beforeMidnight })
    const late = sim.counters().kpi
    expect(late.networkInquiriesToday).toBeGreaterThan(100_000)
    sim.advanceTo(midnight)
    expect(sim.counters().kpi.networkInquiriesToday).toBe(0)
    sim.advanceTo(midnight + 30 * MINUTE)
    const early = sim.counters().kpi
    expect(early.networkInquiriesToday).toBeGreaterThan(0)
    expect(early.networkInquiriesToday).toBeLessThan(late.networkInquiriesToday / 20)
    // the year-to-date counters keep going through the night
    expect(early.casesReceivedYtd).toBeGreaterThanOrEqual(late.casesReceivedYtd)
  })

  it('starts a new year on 1 January with the open cases carried over', () => {
    const sim = new Simulation({ seed: 2, start: chinaTime(2026, 12, 31, 23) })
    const old = sim.counters().kpi
    sim.advanceTo(chinaTime(2027, 1, 1, 0, 30))
    const fresh = sim.counters().kpi
    expect(old.year).toBe(2026)
    expect(fresh.year).toBe(2027)
    expect(fresh.casesReceivedYtd).toBeLessThan(1000)
    expect(fresh.onlineAuctionsYtd).toBeLessThan(100)
    expect(Math.abs(fresh.casesPending - old.casesPending)).toBeLessThan(1000)
  })

  it('reaches the chosen national magnitudes over a year', () => {
    const yearEnd = new Simulation({ seed: DEFAULT_SEED, start: chinaTime(2026, 12, 31, 23, 59) }).counters().kpi
    expect(yearEnd.casesReceivedYtd / 1e7).toBeCloseTo(1, 1) // ~1,000万
    expect(yearEnd.casesConcludedYtd / 9.2e6).toBeCloseTo(1, 1) // ~920万
    expect(yearEnd.amountRecoveredYtd / 2.3e12).toBeCloseTo(1, 1) // ~2.3万亿元
    // the function pages' magnitudes, shown on the overview too
    expect(yearEnd.onlineAuctionsYtd / AUCTIONS_PER_YEAR).toBeCloseTo(1, 1) // ~124万 auctions
    const listedAtYearEnd = LISTED_AT_2026 + LISTINGS_PER_YEAR(2026) - REMOVALS_PER_YEAR(2026) // ~610万
    expect(yearEnd.dishonestDebtorsListed / listedAtYearEnd).toBeCloseTo(1, 1)
    // a whole working day of 网络查控 agency requests: ~73万
    const workday = new Simulation({ seed: DEFAULT_SEED, start: chinaTime(2026, 3, 4, 23, 59) }).counters().kpi
    expect(workday.networkInquiriesToday / (INQUIRIES_PER_YEAR / workdaysInYear(2026))).toBeCloseTo(1, 1)
  })

  it('adds over a day ticked live what the backfill says the day adds, on a working day and a rest day', () => {
    // 2026-03-04 is a Wednesday, 2026-03-07 a Saturday
    for (const day of [chinaTime(2026, 3, 4), chinaTime(2026, 3, 7)]) {
      const next = day + DAY_MS
      const lastMinute = next - MINUTE
      const live = new Simulation({ seed: 12, start: day })
      const backfilled = (at: number) => new Simulation({ seed: 12, start: at }).counters().kpi
      const atDay = backfilled(day)
      for (let t = day + MINUTE; t <= lastMinute; t += MINUTE)
        live.advanceTo(t)
      // the function pages' figures: within the draws' noise, five standard deviations of the count
      const inquiries = backfilled(lastMinute).networkInquiriesToday
      expect(inquiries).toBeGreaterThan(50_000)
      expect(Math.abs(live.counters().kpi.networkInquiriesToday - inquiries)).toBeLessThan(5 * Math.sqrt(inquiries))
      live.advanceTo(next)
      const ticked = live.counters().kpi
      const atNext = backfilled(next)
      const auctions = atNext.onlineAuctionsYtd - atDay.onlineAuctionsYtd
      expect(Math.abs(ticked.onlineAuctionsYtd - atNext.onlineAuctionsYtd)).toBeLessThan(5 * Math.sqrt(auctions))
      // the overview's own counters: each unit opens up to 3 % ahead of or behind its yearly pace,
      // so the backfill's day differs from the pace's by that much at most
      for (const key of ['casesReceivedYtd', 'amountRecoveredYtd'] as const) {
        const growth = ticked[key] - atDay[key]
        expect(growth / (atNext[key] - atDay[key]), key).toBeGreaterThan(0.965)
        expect(growth / (atNext[key] - atDay[key]), key).toBeLessThan(1.035)
      }
    }
  })

  it('shows the function pages\' figures on the overview, unit by unit, through a midnight and a new year', () => {
    for (const start of [chinaTime(2026, 3, 4, 20), chinaTime(2026, 12, 31, 22)]) {
      const sim = new Simulation({ seed: 4, start })
      let previous = sim.counters().provinces
      const problems: string[] = []
      for (let t = start + 5 * MINUTE; t <= start + 6 * HOUR; t += 5 * MINUTE) {
        sim.advanceTo(t)
        const { kpi, provinces } = sim.counters()
        const pages = sim.functionPayloads()
        const listed = pages['credit.stats'].byUnit
        provinces.units.forEach((row, i) => {
          if (row.dishonestDebtorsListed !== listed[i]?.listedNow || row.unitId !== listed[i]?.unitId)
            problems.push(`${row.unitId}.dishonestDebtorsListed differs from credit.stats at ${t}`)
          const before = previous.units[i]!.networkInquiriesToday
          if (chinaDayStart(t) === chinaDayStart(previous.asOf) && row.networkInquiriesToday < before)
            problems.push(`${row.unitId}.networkInquiriesToday went down within a day at ${t}`)
        })
        if (kpi.networkInquiriesToday !== pages['inquiry.stats'].inquiriesToday)
          problems.push(`networkInquiriesToday differs from inquiry.stats at ${t}`)
        if (kpi.dishonestDebtorsListed !== pages['credit.stats'].listedNow)
          problems.push(`dishonestDebtorsListed differs from credit.stats at ${t}`)
        if (kpi.onlineAuctionsYtd !== pages['auction.stats'].ytd || kpi.auctionTurnoverYtd !== pages['auction.stats'].turnoverYtd)
          problems.push(`auctions differ from auction.stats at ${t}`)
        previous = provinces
      }
      expect(problems.slice(0, 10)).toEqual([])
    }
  })
})
