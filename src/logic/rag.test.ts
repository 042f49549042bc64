import { describe, expect, it } from 'vitest'
import { provinceStats } from '~/test/fixtures'
import type { UnitStats } from '~/protocol'
import { AMBER_BAND_POINTS, rankByIndicators, ragCounts, ragOf } from './rag'

const TARGETS = { actualClosureRate: 90, terminationComplianceRate: 90, petitionCompletionRate: 90, threeYearClosureRate: 80 }

function unit(unitId: string, rates: [number, number, number, number]): UnitStats {
  return {
    unitId,
    casesReceivedYtd: 1,
    casesConcludedYtd: 1,
    casesPending: 0,
    amountRecoveredYtd: 0,
    dishonestDebtorsListed: 0,
    networkInquiriesToday: 0,
    actualClosureRate: rates[0],
    terminationComplianceRate: rates[1],
    petitionCompletionRate: rates[2],
    threeYearClosureRate: rates[3],
  }
}

describe('ragOf', () => {
  it('is green at and above the target', () => {
    expect(ragOf(90, 90)).toBe('green')
    expect(ragOf(99.9, 90)).toBe('green')
    expect(ragOf(80, 80)).toBe('green')
  })

  it('is amber up to two points below, inclusive, and red beyond', () => {
    expect(AMBER_BAND_POINTS).toBe(2)
    expect(ragOf(89.99, 90)).toBe('amber')
    expect(ragOf(88, 90)).toBe('amber')
    expect(ragOf(90 - 2.0000000000001, 90)).toBe('amber')
    expect(ragOf(87.99, 90)).toBe('red')
    expect(ragOf(78, 80)).toBe('amber')
    expect(ragOf(77.9, 80)).toBe('red')
    expect(ragOf(0, 90)).toBe('red')
  })

  it('takes another band when asked', () => {
    expect(ragOf(87, 90, 3)).toBe('amber')
    expect(ragOf(89.5, 90, 0)).toBe('red')
  })

  it('gives no colour to a missing or broken figure', () => {
    expect(ragOf(Number.NaN, 90)).toBeNull()
    expect(ragOf(91, null)).toBeNull()
    expect(ragOf(undefined, 90)).toBeNull()
    expect(ragOf(91, Number.POSITIVE_INFINITY)).toBeNull()
  })
})

describe('ragCounts', () => {
  it('counts every unit once per indicator', () => {
    const counts = ragCounts(provinceStats().units, TARGETS)
    for (const c of Object.values(counts))
      expect(c.green + c.amber + c.red).toBe(32)
    const units = [unit('110000', [91, 89, 70, 80]), unit('120000', [88, 90, 95, 77])]
    expect(ragCounts(units, TARGETS)).toEqual({
      actualClosureRate: { green: 1, amber: 1, red: 0 },
      terminationComplianceRate: { green: 1, amber: 1, red: 0 },
      petitionCompletionRate: { green: 1, amber: 0, red: 1 },
      threeYearClosureRate: { green: 1, amber: 0, red: 1 },
    })
  })
})

describe('rankByIndicators', () => {
  it('ranks by targets met, then by the smallest shortfall, then by margin', () => {
    const rows = rankByIndicators([
      unit('110000', [89, 95, 95, 85]), // 3 met, shortfall 1
      unit('120000', [91, 91, 91, 81]), // 4 met, margin 4
      unit('130000', [95, 95, 95, 90]), // 4 met, margin 25
      unit('140000', [85, 95, 95, 85]), // 3 met, shortfall 5
      unit('150000', [80, 80, 80, 70]), // 0 met
    ], TARGETS)
    expect(rows.map(r => r.unitId)).toEqual(['130000', '120000', '110000', '140000', '150000'])
    expect(rows.map(r => r.rank)).toEqual([1, 2, 3, 4, 5])
    expect(rows[2]).toMatchObject({ met: 3, shortfall: 1 })
    expect(rows[2]!.cells.actualClosureRate).toEqual({ value: 89, rag: 'amber' })
    expect(rows[3]!.cells.actualClosureRate.rag).toBe('red')
  })

  it('keeps the feed order on a tie and leaves cells uncoloured without targets', () => {
    const rows = rankByIndicators([unit('110000', [90, 90, 90, 80]), unit('120000', [90, 90, 90, 80])], TARGETS)
    expect(rows.map(r => r.unitId)).toEqual(['110000', '120000'])
    const untargeted = rankByIndicators([unit('110000', [80, 80, 80, 80]), unit('120000', [90, 90, 90, 80])], null)
    expect(untargeted.map(r => r.unitId)).toEqual(['120000', '110000'])
    expect(untargeted[0]!.met).toBe(0)
    expect(untargeted[0]!.cells.threeYearClosureRate.rag).toBeNull()
  })
})
