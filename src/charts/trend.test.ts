import { describe, expect, it } from 'vitest'
import { WALL_THEME } from './theme'
import { buildTrendOption, rateAxisRange, type TrendLabels, type TrendPoint } from './trend'

const size = { width: 1200, height: 500, fontPx: 36 }
const labels: TrendLabels = {
  concluded: '执结案件',
  closureRate: '实际执结率',
  target: '目标 90%',
  formatCount: v => `${v}件`,
  formatPercent: v => `${v}%`,
  formatTime: (ms, withSeconds) => new Date(ms).toISOString().slice(11, withSeconds ? 19 : 16),
}
const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)
const points: TrendPoint[] = [0, 1, 2, 3].map(i => ({ at: T0 + i * 15_000, casesConcludedYtd: 1000 + i * 10, actualClosureRate: 91 + i * 0.1 }))

describe('buildTrendOption', () => {
  it('draws cases concluded on the left axis and the closure rate with its target on the right', () => {
    const option = buildTrendOption(points, 90, WALL_THEME, size, labels)
    const [concluded, rate, target] = option.series
    expect(concluded!.yAxisIndex).toBe(0)
    expect(concluded!.data).toEqual(points.map(p => [p.at, p.casesConcludedYtd]))
    expect(rate!.yAxisIndex).toBe(1)
    expect(rate!.data.at(-1)).toEqual([T0 + 45_000, 91.3])
    expect(target!.data.every(([, v]) => v === 90)).toBe(true)
    expect(target!.lineStyle.type).toBe('dashed')
    expect(option.xAxis.type).toBe('time')
    expect(option.yAxis[1]!.axisLabel.formatter(90)).toBe('90%')
    expect(option.yAxis[0]!.axisLabel.formatter(1000)).toBe('1000件')
    expect(option.yAxis[0]!.minInterval).toBe(1)
  })

  it('labels the times of a short window with seconds, a long one without', () => {
    expect(buildTrendOption(points, 90, WALL_THEME, size, labels).xAxis.axisLabel.formatter(T0 + 30_000)).toBe('02:00:30')
    const hour = points.map((p, i) => ({ ...p, at: T0 + i * 20 * 60_000 }))
    expect(buildTrendOption(hour, 90, WALL_THEME, size, labels).xAxis.axisLabel.formatter(T0 + 20 * 60_000)).toBe('02:20')
  })

  it('gives a single sample a minute-wide axis and a visible dot', () => {
    const option = buildTrendOption(points.slice(0, 1), 90, WALL_THEME, size, labels)
    expect(option.xAxis.min).toBe(T0 - 60_000)
    expect(option.series[0]!.showSymbol).toBe(true)
    expect(buildTrendOption([], 90, WALL_THEME, size, labels).series[2]!.data).toEqual([])
  })

  it('scales lines and type with the wall', () => {
    const small = buildTrendOption(points, 90, WALL_THEME, { width: 600, height: 300, fontPx: 18 }, labels)
    const big = buildTrendOption(points, 90, WALL_THEME, size, labels)
    expect(big.series[0]!.lineStyle.width).toBeGreaterThan(small.series[0]!.lineStyle.width)
    expect(big.xAxis.axisLabel.fontSize).toBeGreaterThan(small.xAxis.axisLabel.fontSize)
  })
})

describe('rateAxisRange', () => {
  it('spans the rates and the target with room, within 0–100', () => {
    expect(rateAxisRange([91, 93], 90)).toEqual({ min: 89, max: 94 })
    expect(rateAxisRange([99.8], 80)).toEqual({ min: 76, max: 100 })
    expect(rateAxisRange([], 90)).toEqual({ min: 89, max: 91 })
  })
})
