import '~/test/echarts-svg'
import { describe, expect, it } from 'vitest'
import { auctionStats } from '~/test/supervision-fixtures'
import {
  buildAuctionClassShareData, buildAuctionClassShareOption, buildAuctionClassTurnoverData, buildAuctionClassTurnoverOption,
  classPalette, type AuctionClassLabels,
} from './auction'
import { echarts } from './setup'
import { WALL_THEME } from './theme'

const size = { width: 900, height: 600, fontPx: 24 }
const classLabels: AuctionClassLabels = {
  className: c => `C:${c}`,
  formatPercent: v => `${v.toFixed(1)}%`,
  formatYuan: v => `${(v / 1e8).toFixed(2)}亿元`,
}

function renderSvg(option: object, width = size.width, height = size.height): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  chart.setOption(option as Parameters<typeof chart.setOption>[0])
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}

describe('asset-class ring', () => {
  it('labels each class with its share of auctions', () => {
    const byClass = auctionStats().byClass
    const total = byClass.reduce((n, c) => n + c.ytd, 0)
    const option = buildAuctionClassShareOption(byClass, WALL_THEME, size, classLabels)
    const data = option.series[0]!.data
    expect(data).toHaveLength(7)
    expect(data[0]!.text).toBe(`C:residential\n${(30_000 / total * 100).toFixed(1)}%`)
    expect(data.map(d => d.itemStyle.color)).toEqual(classPalette(WALL_THEME))
    expect(option.series[0]!.label.formatter({ data: data[0] })).toBe(data[0]!.text)
    const svg = renderSvg(option)
    expect(svg).toContain('C:residential')
    expect(svg).toContain('%')
  })

  it('leaves room for the labels on a narrow chart, and patches only the data', () => {
    const narrow = buildAuctionClassShareOption(auctionStats().byClass, WALL_THEME, { width: 400, height: 600, fontPx: 18 }, classLabels)
    const [inner, outer] = narrow.series[0]!.radius as [number, number]
    expect(outer).toBeLessThan(200 - 60)
    expect(inner).toBeLessThan(outer)
    const patch = buildAuctionClassShareData(auctionStats().byClass, WALL_THEME, classLabels)
    expect(Object.keys(patch)).toEqual(['series'])
    expect(Object.keys(patch.series[0]!)).toEqual(['data'])
  })

  it('is empty, not broken, with no classes', () => {
    const option = buildAuctionClassShareOption([], WALL_THEME, size, classLabels)
    expect(option.series[0]!.data).toEqual([])
    expect(renderSvg(option)).toContain('<svg')
  })
})

describe('asset-class turnover bars', () => {
  it('puts the biggest turnover on top with its amount after the bar', () => {
    const option = buildAuctionClassTurnoverOption(auctionStats().byClass, WALL_THEME, size, classLabels)
    expect(option.yAxis.inverse).toBe(true)
    expect(option.yAxis.data[0]).toBe('C:residential')
    expect(option.series[0]!.data[0]!.text).toBe('2000.00亿元')
    expect(option.grid.right).toBeGreaterThan(0)
    const svg = renderSvg(option)
    expect(svg).toContain('2000.00亿元')
    expect(svg).toContain('C:other')
    expect(buildAuctionClassTurnoverData(auctionStats().byClass, WALL_THEME, classLabels).yAxis.data).toEqual(option.yAxis.data)
  })
})
