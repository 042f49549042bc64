import '~/test/echarts-svg'
import { describe, expect, it } from 'vitest'
import { delegationStats } from '~/test/measures-fixtures'
import chinaJson from '../data/china.json'
import {
  buildDelegationMapData, buildDelegationMapOption, CORPS_OFFSET, drawableFlows, FLOW_CURVENESS, FLOW_MIDDLE, flowArrowKeyframes, flowArrowSize,
  flowColour, flowControlPoint, lineWidths, MAX_FLOW_LINES, mixColour, unitPoint,
  type DelegationMapLabels,
} from './delegation'
import { echarts } from './setup'
import { WALL_THEME } from './theme'

const size = { width: 1200, height: 900, fontPx: 36 }
const labels: DelegationMapLabels = { unitName: id => `U${id}`, corps: '兵团', southChinaSea: '南海诸岛' }
const cp = (adcode: string) => chinaJson.features.find(f => String(f.id) === adcode)!.properties.cp

describe('delegation map', () => {
  it('places units at their label points and the Corps beside 新疆', () => {
    expect(unitPoint('110000')).toEqual(cp('110000'))
    const xinjiang = cp('650000')
    expect(unitPoint('XPCC')).toEqual([xinjiang[0]! + CORPS_OFFSET[0], xinjiang[1]! + CORPS_OFFSET[1]])
    expect(unitPoint('999999')).toBeNull()
  })

  it('gives every line the coordinates of both ends, the Corps included', () => {
    const lines = buildDelegationMapData(delegationStats().flows, WALL_THEME, size).series[0]!.data
    expect(lines).toHaveLength(7)
    for (const line of lines) {
      expect(line.coords[0]).toEqual(unitPoint(line.from))
      expect(line.coords[1]).toEqual(unitPoint(line.to))
    }
    const toCorps = lines.find(l => l.to === 'XPCC')!
    expect(toCorps.coords[1]).toEqual(unitPoint('XPCC'))
    expect(lines.find(l => l.from === 'XPCC')!.coords[0]).toEqual(unitPoint('XPCC'))
  })

  it('widens and golds a line with its count', () => {
    const lines = buildDelegationMapData(delegationStats().flows, WALL_THEME, size).series[0]!.data
    const { min, max } = lineWidths(size.fontPx)
    expect(lines[0]!.lineStyle.width).toBe(max)
    expect(lines[0]!.lineStyle.color).toBe(WALL_THEME.gold)
    for (let i = 1; i < lines.length; i++)
      expect(lines[i]!.lineStyle.width).toBeLessThanOrEqual(lines[i - 1]!.lineStyle.width)
    expect(lines.at(-1)!.lineStyle.width).toBeGreaterThanOrEqual(min)
    expect(lines.at(-1)!.lineStyle.width).toBeLessThan(max / 2)
    expect(mixColour('#000000', '#ffffff', 0.5)).toBe('#808080')
  })

  it('draws at most MAX_FLOW_LINES lines, biggest first, and never a line from a unit to itself', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ from: i % 2 ? '110000' : '310000', to: i % 2 ? '120000' : '320000', count: i + 1 }))
    const shown = drawableFlows([...many, { from: '110000', to: '110000', count: 999 }])
    expect(shown).toHaveLength(MAX_FLOW_LINES)
    expect(shown[0]!.count).toBe(80)
    expect(shown.some(f => f.from === f.to)).toBe(false)
  })

  it('draws the lines still, on the map\'s one canvas: the arrows that run along them are not ECharts\' effect', () => {
    const option = buildDelegationMapOption(delegationStats().flows, WALL_THEME, size, labels)
    const [lines, nodes] = option.series
    expect(lines!.zlevel).toBe(0)
    expect('effect' in lines!).toBe(false)
    expect(lines!.lineStyle.curveness).toBe(FLOW_CURVENESS)
    expect(flowArrowSize(size.fontPx)).toBeLessThanOrEqual(size.fontPx * 0.5)
    // names above the lines, on the same canvas
    expect(nodes!.zlevel).toBe(0)
    expect(nodes!.z).toBeGreaterThan(lines!.z)
    expect(nodes!.data).toHaveLength(32)
    const corps = nodes!.data.find(n => n.name === 'XPCC')!
    expect(corps.value).toEqual(unitPoint('XPCC'))
    expect(corps.label.formatter).toBe('兵团')
    expect(nodes!.data.find(n => n.name === '110000')!.label.formatter).toBe('U110000')
  })

  it('colours lines from cyan through pale cyan to gold, never a dull green in between', () => {
    expect(flowColour(WALL_THEME, 0)).toBe(WALL_THEME.accent)
    expect(flowColour(WALL_THEME, 0.6)).toBe(FLOW_MIDDLE)
    expect(flowColour(WALL_THEME, 1)).toBe(WALL_THEME.gold)
  })

  it('updates with the line data only', () => {
    const data = buildDelegationMapData(delegationStats().flows, WALL_THEME, size)
    expect(Object.keys(data)).toEqual(['series'])
    expect(Object.keys(data.series[0]!)).toEqual(['data'])
  })

  it('runs an arrow along the curve ECharts draws, turned along it', () => {
    const a: [number, number] = [100, 400]
    const b: [number, number] = [500, 400]
    // a line from west to east bends north (up on screen) with curveness 0.25
    expect(flowControlPoint(a, b)).toEqual([300, 300])
    const frames = flowArrowKeyframes(a, b, 4)
    expect(frames).toHaveLength(5)
    expect(frames[0]!.transform).toBe('translate(100px, 400px) rotate(-26.6deg)')
    expect(frames[2]!.transform).toBe('translate(300px, 350px) rotate(0deg)')
    expect(frames[4]!.transform).toBe('translate(500px, 400px) rotate(26.6deg)')
    expect(frames.every(f => Object.keys(f).join() === 'transform')).toBe(true)
  })

  it('renders the map with the names and the Corps', () => {
    const chart = echarts.init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
    chart.setOption(buildDelegationMapOption(delegationStats().flows, WALL_THEME, size, labels))
    const svg = chart.renderToSVGString()
    chart.dispose()
    expect(svg).toContain('U110000')
    expect(svg).toContain('兵团')
    expect(svg).toContain('南海诸岛')
    expect(svg).toContain('U710000')
    expect(svg).not.toContain('U810000')
  })
})
