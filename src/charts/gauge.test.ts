import { describe, expect, it } from 'vitest'
import { buildGaugeOption, gaugeShownValue, indicatorMet } from './gauge'
import { WALL_THEME } from './theme'

const size = { width: 400, height: 300, fontPx: 36 }

describe('buildGaugeOption', () => {
  it('fills the arc green when the target is met', () => {
    const option = buildGaugeOption(91.2, 90, WALL_THEME, size)
    const value = option.series[0]!
    expect(value.progress.itemStyle?.color).toBe(WALL_THEME.met)
    expect(value.data[0]!.value).toBe(91.2)
  })

  it('fills the arc red when the target is missed, and on the line counts as met', () => {
    expect(buildGaugeOption(88.1, 90, WALL_THEME, size).series[0]!.progress.itemStyle?.color).toBe(WALL_THEME.notMet)
    expect(buildGaugeOption(90, 90, WALL_THEME, size).series[0]!.progress.itemStyle?.color).toBe(WALL_THEME.met)
    expect(indicatorMet(79.99, 80)).toBe(false)
  })

  it('puts the gold target tick at the target on the outer ring', () => {
    const stops = buildGaugeOption(70, 80, WALL_THEME, size).series[1]!.axisLine.lineStyle.color
    const gold = stops.find(([, colour]) => colour === WALL_THEME.gold)
    expect(gold).toBeDefined()
    expect(gold![0] as number).toBeGreaterThan(0.8)
    expect(gold![0] as number).toBeLessThan(0.82)
  })

  it('keeps a value outside 0–100 on the dial', () => {
    expect(buildGaugeOption(130, 90, WALL_THEME, size).series[0]!.data[0]!.value).toBe(100)
  })

  it('draws a thicker ring on a bigger chart', () => {
    const small = buildGaugeOption(91, 90, WALL_THEME, { width: 200, height: 150, fontPx: 18 }).series[0]!.progress.width ?? 0
    const big = buildGaugeOption(91, 90, WALL_THEME, { width: 800, height: 600, fontPx: 36 }).series[0]!.progress.width ?? 0
    expect(big).toBeGreaterThan(small)
  })

  it('changes in one redraw, without a tween or a blurred glow', () => {
    const option = buildGaugeOption(91.2, 90, WALL_THEME, size)
    expect(option.animationDurationUpdate).toBe(0)
    expect(JSON.stringify(option)).not.toContain('shadowBlur')
  })
})

describe('gaugeShownValue', () => {
  it('keeps a tenth of a percent, as the reading shows it', () => {
    expect(gaugeShownValue(91.23)).toBe(91.2)
    expect(gaugeShownValue(91.26)).toBe(91.3)
    expect(gaugeShownValue(91.21)).toBe(gaugeShownValue(91.24))
  })
})
