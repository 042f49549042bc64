import '~/test/echarts-svg'
import { describe, expect, it } from 'vitest'
import { provinceStats } from '~/test/fixtures'
import { CORPS_ID } from '~/protocol'
import { buildHeatmapOption, heatColour, heatmapDrawKey, MAP_NAME_BY_ID, NO_DATA_MAP_NAMES, type HeatmapLabels } from './heatmap'
import { WALL_THEME } from './theme'

const labels: HeatmapLabels = {
  unitName: id => MAP_NAME_BY_ID.get(id) ?? (id === CORPS_ID ? '兵团' : id),
  corps: '兵团',
  corpsFull: '新疆生产建设兵团',
  noData: '暂无数据',
  southChinaSea: 'SCS islands',
  formatValue: v => `v${Math.round(v)}`,
}
const size = { width: 1200, height: 900, fontPx: 36 }
const stats = provinceStats()

function build(metric: Parameters<typeof buildHeatmapOption>[1] = 'casesReceivedYtd', units = stats.units) {
  return buildHeatmapOption(units, metric, WALL_THEME, size, labels)
}

describe('buildHeatmapOption', () => {
  it('draws the 31 provinces with their figures, matched on the map\'s names', () => {
    const data = build().series[0]!.data
    const valued = data.filter(d => d.visualMap !== false)
    expect(valued).toHaveLength(31)
    const beijing = valued.find(d => d.unitId === '110000')
    expect(beijing?.name).toBe('北京')
    expect(beijing?.value).toBe(stats.units.find(u => u.unitId === '110000')!.casesReceivedYtd)
  })

  it('draws 台湾, 香港 and 澳门 in the hatched no-data style, outside the colour scale', () => {
    const option = build()
    const noData = option.series[0]!.data.filter(d => d.visualMap === false)
    expect(noData.map(d => d.name).sort()).toEqual(['台湾', '澳门', '香港'].sort())
    expect(NO_DATA_MAP_NAMES).toHaveLength(3)
    for (const region of noData) {
      expect(region.value).toBeUndefined()
      expect(region.itemStyle?.areaColor).toBe(WALL_THEME.noDataFill)
      expect(region.itemStyle?.decal).toBeDefined()
    }
    // Taiwan, big enough for a label, says so on the map
    expect(String(noData.find(d => d.name === '台湾')!.label?.formatter)).toContain('暂无数据')
    // the scale only covers the 31 provinces
    const values = option.series[0]!.data.filter(d => d.visualMap !== false).map(d => d.value!)
    expect(option.visualMap.min).toBe(Math.min(...values))
    expect(option.visualMap.max).toBe(Math.max(...values))
    expect(option.visualMap.seriesIndex).toBe(0)
  })

  it('shows the Corps beside 新疆 in its label and tooltip, not as an area of its own and not in the scale', () => {
    const option = build('casesReceivedYtd')
    const corps = stats.units.find(u => u.unitId === CORPS_ID)!
    const data = option.series[0]!.data
    expect(data.some(d => d.unitId === CORPS_ID)).toBe(false)
    const formatter = option.series[0]!.label.formatter
    expect(formatter({ name: '新疆' })).toContain(`兵团 v${corps.casesReceivedYtd}`)
    expect(formatter({ name: '河北' })).not.toContain('兵团')
    const xinjiang = data.find(d => d.unitId === '650000')!
    const tip = option.tooltip.formatter({ name: '新疆', value: xinjiang.value, data: xinjiang })
    expect(tip).toContain('新疆生产建设兵团')
    expect(tip).toContain(`v${corps.casesReceivedYtd}`)
    // a Corps figure larger than any province must not stretch the scale
    const units = stats.units.map(u => u.unitId === CORPS_ID ? { ...u, casesReceivedYtd: 99_999_999 } : u)
    expect(build('casesReceivedYtd', units).visualMap.max).toBeLessThan(99_999_999)
  })

  it('switches every figure and the scale with the metric', () => {
    const received = build('casesReceivedYtd')
    const rate = build('actualClosureRate')
    const shanghai = (o: typeof received) => o.series[0]!.data.find(d => d.unitId === '310000')!.value
    expect(shanghai(rate)).toBe(stats.units.find(u => u.unitId === '310000')!.actualClosureRate)
    expect(shanghai(rate)).not.toBe(shanghai(received))
    expect(rate.visualMap.max).toBeLessThanOrEqual(100)
    expect(rate.visualMap.text[0]).toBe(`v${Math.round(rate.visualMap.max)}`)
  })

  it('still gives a usable scale with no data or one value', () => {
    expect(build('casesReceivedYtd', []).visualMap.max).toBeGreaterThan(build('casesReceivedYtd', []).visualMap.min)
    const one = build('casesReceivedYtd', [stats.units[0]!])
    expect(one.visualMap.max).toBeGreaterThan(one.visualMap.min)
  })

  it('names the South China Sea inset in the wall\'s language', () => {
    expect(build().series[0]!.label.formatter({ name: '南海诸岛' })).toBe('{name|SCS islands}')
  })

  it('names the tooltip of a no-data region as such', () => {
    const taiwan = build().series[0]!.data.find(d => d.name === '台湾')!
    expect(build().tooltip.formatter({ name: '台湾', data: taiwan })).toBe('台湾: 暂无数据')
  })
})

describe('the heat map rendered', () => {
  it('draws every province, the no-data regions and the 南海诸岛 inset that ECharts adds to the map named china', async () => {
    const { echarts, CHINA_MAP } = await import('./setup')
    expect(CHINA_MAP).toBe('china')
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 1200, height: 900 })
    chart.setOption(build())
    const svg = chart.renderToSVGString()
    chart.dispose()
    // the inset is there, under the name the labels give it
    expect(svg).toContain('SCS islands')
    expect(svg).toContain('暂无数据')
    expect(svg).toContain('兵团 v')
    for (const name of ['北京', '新疆', '广东', '台湾'])
      expect(svg).toContain(name)
  })
})

describe('heatmapDrawKey', () => {
  const key = (units = stats.units, metric: Parameters<typeof buildHeatmapOption>[1] = 'casesReceivedYtd') =>
    heatmapDrawKey(units, metric, WALL_THEME, labels)
  const withValue = (id: string, value: number) => stats.units.map(u => u.unitId === id ? { ...u, casesReceivedYtd: value } : u)

  it('stays the same when no area changes colour and no label changes', () => {
    const henan = stats.units.find(u => u.unitId === '410000')!.casesReceivedYtd
    expect(key(withValue('410000', henan + 1))).toBe(key())
  })

  it('changes with an area\'s colour, the scale\'s ends, the Corps line and the metric', () => {
    const henan = stats.units.find(u => u.unitId === '410000')!.casesReceivedYtd
    expect(key(withValue('410000', henan * 2))).not.toBe(key())
    const top = Math.max(...stats.units.filter(u => u.unitId !== CORPS_ID).map(u => u.casesReceivedYtd))
    expect(key(withValue('440000', top + 10))).not.toBe(key())
    const corps = stats.units.find(u => u.unitId === CORPS_ID)!.casesReceivedYtd
    expect(key(withValue(CORPS_ID, corps + 5))).not.toBe(key())
    expect(key(stats.units, 'actualClosureRate')).not.toBe(key())
  })

  it('computes the colours ECharts draws: the ramp\'s ends at the scale\'s ends', () => {
    expect(heatColour(10, 10, 20, WALL_THEME.heatRamp)).toBe('rgba(13,58,115,1)')
    expect(heatColour(20, 10, 20, WALL_THEME.heatRamp)).toBe('rgba(255,211,107,1)')
    expect(heatColour(Number.NaN, 10, 20, WALL_THEME.heatRamp)).toBe('')
  })
})

describe('the heat map\'s drawing', () => {
  it('has no animation: a colour change is one redraw', () => {
    expect(build().animation).toBe(false)
  })

  it('puts 台湾\'s label on the sea north-east of the island, off its outline', () => {
    const taiwan = build().series[0]!.data.find(d => d.name === '台湾')!
    const [east, south] = taiwan.label?.offset as [number, number]
    const fontSize = Math.round(size.fontPx * 0.75)
    // clear of the island (about 1/60 of the map's width each side) plus half of '暂无数据'
    expect(east).toBeGreaterThan(size.width * 0.89 / 60 + 1.7 * fontSize)
    expect(south).toBeLessThan(-2 * fontSize)
  })
})

