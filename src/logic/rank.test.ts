import { describe, expect, it } from 'vitest'
import { auctionStats, terminationStats } from '~/test/supervision-fixtures'
import { rankBy } from './rank'

describe('rankBy', () => {
  it('ranks biggest first, ties in feed order, up to the limit', () => {
    const rows = rankBy([
      { unitId: '110000', ytd: 1, turnoverYtd: 5 },
      { unitId: '120000', ytd: 1, turnoverYtd: 9 },
      { unitId: '130000', ytd: 1, turnoverYtd: 5 },
    ], r => r.turnoverYtd, 2)
    expect(rows.map(r => r.unitId)).toEqual(['120000', '110000'])
  })

  it('holds every row without a limit, none with a limit of 0', () => {
    expect(rankBy(auctionStats().byUnit, r => r.turnoverYtd)).toHaveLength(32)
    expect(rankBy(auctionStats().byUnit, r => r.turnoverYtd, Number.POSITIVE_INFINITY)).toHaveLength(32)
    expect(rankBy(auctionStats().byUnit, r => r.turnoverYtd, 0)).toEqual([])
  })

  it('ranks the biggest 终本 pools first, ties in feed order', () => {
    const rows = rankBy(terminationStats().byUnit, r => r.poolSize, 10)
    expect(rows).toHaveLength(10)
    expect(rows[0]!.unitId).toBe('440000')
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.poolSize).toBeLessThanOrEqual(rows[i - 1]!.poolSize)
    const tied = rankBy([{ unitId: '120000', poolSize: 5, restartedYtd: 0 }, { unitId: '110000', poolSize: 5, restartedYtd: 0 }], r => r.poolSize, 5)
    expect(tied.map(r => r.unitId)).toEqual(['120000', '110000'])
  })

  it('leaves the rows it was given as they were', () => {
    const rows = [{ n: 1 }, { n: 3 }]
    rankBy(rows, r => r.n)
    expect(rows).toEqual([{ n: 1 }, { n: 3 }])
  })
})
