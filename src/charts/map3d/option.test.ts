import { describe, expect, it } from 'vitest'
import { provinceStats } from '~/test/fixtures'
import { CORPS_ID, UNIT_BY_ID, type UnitStats } from '~/protocol'
import { WALL_THEME } from '../theme'
import { SOUTH_CHINA_SEA_REGION } from './geo'
import {
  buildMap3dOption,
  buildMap3dUpdate,
  buildMap3dViewUpdate,
  CORPS_POSITION,
  CORPS_SERIES_ID,
  LABELLED_COLUMNS,
  map3dScale,
  mixColor,
  PROVINCE_SERIES_ID,
  rampColor,
  swingTurn,
  type Map3dLabels,
} from './option'

const labels: Map3dLabels = {
  unitName: id => UNIT_BY_ID.get(id)?.short ?? id,
  corps: '兵团',
  corpsFull: '新疆生产建设兵团',
  noData: '暂无数据',
  southChinaSea: '南海诸岛',
  formatValue: v => `v${Math.round(v)}`,
}
const size = { width: 7680, height: 2000, fontPx: 36 }
const stats = provinceStats()

function build(units: readonly UnitStats[] = stats.units, metric: Parameters<typeof buildMap3dOption>[1] = 'casesReceivedYtd', rotating = true) {
  return buildMap3dOption(units, metric, WALL_THEME, size, labels, { rotating })
}

function series(option: ReturnType<typeof build>, id: string) {
  const found = option.series.find(s => s.id === id)
  if (!found)
    throw new Error(`no series ${id}`)
  return found
}

describe('buildMap3dOption', () => {
  it('draws the registered 3D map with a coloured top for each of the 31 provinces', () => {
    const option = build()
    const geo = option.geo3D[0]!
    expect(geo.map).toBe('china-3d')
    const provinceRegions = geo.regions.filter(r => r.height === undefined)
    expect(provinceRegions).toHaveLength(31)
    expect(provinceRegions.map(r => r.name)).toEqual(expect.arrayContaining(['北京', '新疆', '内蒙古', '海南']))
    const colours = new Set(provinceRegions.map(r => r.itemStyle.color))
    expect(colours.size).toBeGreaterThan(10)
    for (const region of provinceRegions)
      expect(region.itemStyle.color).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('stands a column on each province\'s label point, height and colour by the metric', () => {
    const option = build()
    const columns = series(option, PROVINCE_SERIES_ID).data.filter(d => d.unitId !== '')
    expect(columns).toHaveLength(31)
    const guangdong = columns.find(d => d.unitId === '440000')!
    const received = stats.units.find(u => u.unitId === '440000')!.casesReceivedYtd
    expect(guangdong.value).toEqual([113.280637, 23.125178, received, received])
    expect(series(option, PROVINCE_SERIES_ID).type).toBe('bar3D')
    expect(series(option, PROVINCE_SERIES_ID).coordinateSystem).toBe('geo3D')
  })

  it('draws 台湾, 香港, 澳门 in the neutral no-data style, with no column and outside the colour scale', () => {
    const option = build()
    const noData = option.geo3D[0]!.regions.filter(r => ['台湾', '香港', '澳门'].includes(r.name))
    expect(noData).toHaveLength(3)
    for (const region of noData)
      expect(region.itemStyle.color).toBe(WALL_THEME.noDataFill)
    const columnIds = option.series.flatMap(s => s.data.map(d => d.unitId))
    expect(columnIds).not.toContain('710000')
    expect(columnIds).not.toContain('810000')
    expect(columnIds).not.toContain('820000')
    // the colour scale only reaches the two column series
    expect(option.visualMap[0]!.seriesIndex).toEqual([0, 1])
  })

  it('puts the Corps\' own column beside 新疆\'s, labelled 兵团 in gold', () => {
    const option = build()
    const corps = series(option, CORPS_SERIES_ID).data
    expect(corps).toHaveLength(1)
    const xpcc = stats.units.find(u => u.unitId === CORPS_ID)!.casesReceivedYtd
    expect(corps[0]!.value).toEqual([CORPS_POSITION[0], CORPS_POSITION[1], xpcc, xpcc])
    expect(corps[0]!.label).toEqual({ show: true, formatter: `兵团 v${xpcc}`, color: WALL_THEME.gold })
    const xinjiang = series(option, PROVINCE_SERIES_ID).data.find(d => d.unitId === '650000')!
    const apart = Math.hypot(xinjiang.value[0] - CORPS_POSITION[0], xinjiang.value[1] - CORPS_POSITION[1])
    expect(apart).toBeGreaterThan(1.5)
    expect(apart).toBeLessThan(6)
  })

  it('adds the South China Sea Islands inset as a labelled region of its own', () => {
    const inset = build().geo3D[0]!.regions.find(r => r.name === SOUTH_CHINA_SEA_REGION)!
    expect(inset).toBeDefined()
    expect(inset.label).toMatchObject({ show: true, formatter: '南海诸岛', distance: 0 })
    const rates = build(stats.units, 'actualClosureRate')
    const rateInset = rates.geo3D[0]!.regions.find(r => r.name === SOUTH_CHINA_SEA_REGION)!
    // on the height axis, which starts at the scale's base: the label sits on the map, not far below it
    expect(rateInset.label?.distance).toBe(series(rates, PROVINCE_SERIES_ID).data.find(d => d.unitId === '')!.value[2])
    expect(inset.itemStyle.color).toBe(WALL_THEME.mapBorder)
  })

  it('sets the colour range to the 32 units\' extent, on the value dimension', () => {
    const option = build()
    const values = stats.units.map(u => u.casesReceivedYtd)
    const vm = option.visualMap[0]!
    expect(vm.min).toBe(Math.min(...values))
    expect(vm.max).toBe(Math.max(...values))
    expect(vm.dimension).toBe(3)
    expect(vm.text).toEqual([`v${Math.max(...values)}`, `v${Math.min(...values)}`])
    expect(vm.inRange.color).toEqual([...WALL_THEME.heatRamp])
  })

  it('anchors column heights at zero for counts with an invisible, unlabelled item', () => {
    const anchor = series(build(), PROVINCE_SERIES_ID).data.find(d => d.unitId === '')!
    expect(anchor.value[2]).toBe(0)
    expect(anchor.itemStyle).toEqual({ opacity: 0 })
    expect(anchor.label.show).toBe(false)
  })

  it('starts rate columns below the smallest rate, so their differences show', () => {
    const option = build(stats.units, 'actualClosureRate')
    const anchor = series(option, PROVINCE_SERIES_ID).data.find(d => d.unitId === '')!
    const vm = option.visualMap[0]!
    expect(anchor.value[2]).toBeGreaterThan(0)
    expect(anchor.value[2]).toBeLessThan(vm.min)
  })

  it('labels only the biggest columns and the Corps, never with empty text', () => {
    const option = build()
    const shown = option.series.flatMap(s => s.data).filter(d => d.label.show)
    expect(shown).toHaveLength(LABELLED_COLUMNS + 1)
    for (const d of shown)
      expect(d.label.formatter).toMatch(/\S/)
    const top = [...stats.units].filter(u => u.unitId !== CORPS_ID).sort((a, b) => b.casesReceivedYtd - a.casesReceivedYtd)[0]!
    expect(shown.map(d => d.unitId)).toContain(top.unitId)
  })

  it('turns the camera slowly, or holds it, as asked', () => {
    const turning = build().geo3D[0]!.viewControl
    expect(turning.autoRotate).toBe(true)
    expect(turning.autoRotateSpeed).toBeLessThanOrEqual(5)
    expect(build(stats.units, 'casesReceivedYtd', false).geo3D[0]!.viewControl.autoRotate).toBe(false)
    expect(buildMap3dOption(stats.units, 'casesReceivedYtd', WALL_THEME, size, labels, { rotating: true, beta: -20, direction: 'ccw' }).geo3D[0]!.viewControl)
      .toMatchObject({ beta: -20, autoRotateDirection: 'ccw' })
  })

  it('draws the map without columns while no figures are in', () => {
    const option = build([])
    expect(option.series.flatMap(s => s.data).filter(d => d.unitId !== '')).toHaveLength(0)
    expect(option.geo3D[0]!.regions.map(r => r.name)).toEqual(expect.arrayContaining(['台湾', SOUTH_CHINA_SEA_REGION]))
    expect(Number.isFinite(option.visualMap[0]!.min)).toBe(true)
  })

  it('skips a unit whose figure is not a number rather than drawing NaN', () => {
    const units = stats.units.map(u => u.unitId === '110000' ? { ...u, casesReceivedYtd: Number.NaN } : u)
    const data = build(units).series.flatMap(s => s.data)
    expect(data.find(d => d.unitId === '110000')).toBeUndefined()
    for (const d of data)
      expect(d.value.every(Number.isFinite)).toBe(true)
  })
})

describe('buildMap3dUpdate', () => {
  it('carries only what data changes: range, province tops, column data by series id', () => {
    const update = buildMap3dUpdate(stats.units, 'casesPending', WALL_THEME, size, labels)
    expect(Object.keys(update).sort()).toEqual(['geo3D', 'series', 'visualMap'])
    expect(Object.keys(update.geo3D[0]!).sort()).toEqual(['boxHeight', 'regions'])
    expect(buildMap3dUpdate(stats.units, 'actualClosureRate', WALL_THEME, size, labels).geo3D[0]!.boxHeight).toBeLessThan(update.geo3D[0]!.boxHeight!)
    expect(update.series.map(s => Object.keys(s).sort())).toEqual([['data', 'id'], ['data', 'id']])
    expect(update.series.map(s => s.id)).toEqual([PROVINCE_SERIES_ID, CORPS_SERIES_ID])
    const full = buildMap3dOption(stats.units, 'casesPending', WALL_THEME, size, labels)
    expect(update.series[0]!.data).toEqual(full.series[0]!.data)
    expect(update.visualMap[0]).toEqual({ min: full.visualMap[0]!.min, max: full.visualMap[0]!.max, text: full.visualMap[0]!.text })
  })

  it('switches the camera without data', () => {
    expect(buildMap3dViewUpdate({ rotating: false })).toEqual({ geo3D: [{ viewControl: { autoRotate: false, autoRotateDirection: 'cw' } }] })
  })
})

describe('helpers', () => {
  it('map3dScale widens a flat range and keeps counts on zero', () => {
    expect(map3dScale([5, 5], 'count')).toEqual({ min: 4, max: 6, base: 0 })
    expect(map3dScale([], 'count')).toEqual({ min: 0, max: 1, base: 0 })
    expect(map3dScale([90, 96], 'rate')).toEqual({ min: 90, max: 96, base: 87 })
  })

  it('rampColor interpolates between the ramp\'s stops like the visualMap', () => {
    expect(rampColor(['#000000', '#ffffff'], 0)).toBe('#000000')
    expect(rampColor(['#000000', '#ffffff'], 1)).toBe('#ffffff')
    expect(rampColor(['#000000', '#ffffff'], 0.5)).toBe('#808080')
    expect(rampColor(['#000000', '#ff0000', '#ffffff'], 0.75)).toBe('#ff8080')
    expect(rampColor(WALL_THEME.heatRamp, Number.NaN)).toBe(WALL_THEME.heatRamp[0])
    expect(mixColor('#000000', '#ffffff', 0.25)).toBe('#404040')
  })

  it('swingTurn sends the camera back at either end of its sway', () => {
    expect(swingTurn(11, 'cw', [-35, 10])).toBe('ccw')
    expect(swingTurn(0, 'cw', [-35, 10])).toBeNull()
    expect(swingTurn(-36, 'ccw', [-35, 10])).toBe('cw')
    expect(swingTurn(-36, 'cw', [-35, 10])).toBeNull()
    expect(swingTurn(Number.NaN, 'cw')).toBeNull()
  })
})
