import { describe, expect, it } from 'vitest'
import { kpi, provinceStats } from '~/test/fixtures'
import { UNIT_KPI_KEYS, unitFigures } from './unitFigures'

describe('unitFigures', () => {
  it('gives the unit\'s counters with their rank among the units and their national share', () => {
    const stats = provinceStats()
    const figures = unitFigures(stats.units, '440000', kpi())!
    expect(figures.map(f => f.key)).toEqual([...UNIT_KPI_KEYS])
    const received = figures.find(f => f.key === 'casesReceivedYtd')!
    // 广东 has the largest caseload share in the fixture
    expect(received.rank).toBe(1)
    expect(received.value).toBe(stats.units.find(u => u.unitId === '440000')!.casesReceivedYtd)
    expect(received.sharePercent).toBeCloseTo(received.value / kpi().casesReceivedYtd * 100)
    const corps = unitFigures(stats.units, 'XPCC', null)!
    expect(corps.find(f => f.key === 'casesReceivedYtd')!.rank).toBeGreaterThan(25)
    expect(corps.every(f => f.sharePercent === null)).toBe(true)
  })

  it('is null for a unit without a row', () => {
    expect(unitFigures([], '320000', kpi())).toBeNull()
  })
})
