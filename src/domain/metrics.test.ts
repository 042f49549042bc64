import { describe, expect, it } from 'vitest'
import { provinceStats } from '~/test/fixtures'
import { formatMetric, isUnitMetric, METRIC_KIND, rankUnits, UNIT_METRICS } from './metrics'

describe('rankUnits', () => {
  const units = provinceStats().units

  it('orders by the metric, biggest first, and cuts at the limit', () => {
    const top = rankUnits(units, 'casesReceivedYtd', 5)
    expect(top).toHaveLength(5)
    expect(top[0]).toMatchObject({ unitId: '440000', rank: 1 })
    expect(top.map(r => r.value)).toEqual([...top.map(r => r.value)].sort((a, b) => b - a))
  })

  it('keeps feed order on ties', () => {
    const tied = units.slice(0, 3).map(u => ({ ...u, casesPending: 7 }))
    expect(rankUnits(tied, 'casesPending', 3).map(r => r.unitId)).toEqual(tied.map(u => u.unitId))
  })
})

describe('metrics', () => {
  it('knows the kind of every metric', () => {
    for (const metric of UNIT_METRICS)
      expect(['count', 'yuan', 'rate']).toContain(METRIC_KIND[metric])
    expect(isUnitMetric('amountRecoveredYtd')).toBe(true)
    expect(isUnitMetric('asOf')).toBe(false)
  })

  it('formats by kind, with 万/亿 units in Chinese', () => {
    expect(formatMetric('casesReceivedYtd', 1_040_000, 'zh-CN')).toBe('104万')
    expect(formatMetric('amountRecoveredYtd', 2.3e12, 'zh-CN')).toBe('2.3万亿元')
    expect(formatMetric('actualClosureRate', 91.23, 'en')).toBe('91.2%')
    expect(formatMetric('casesPending', Number.NaN, 'en')).toBe('—')
  })
})
