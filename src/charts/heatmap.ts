/**
 * The province heat map: 31 provincial-level units coloured by the selected metric.
 *
 * - 台湾, 香港, 澳门 are drawn as part of China in a grey hatched "no data" style. Their data
 *   items carry `visualMap: false`, so the colour scale never touches them, and the scale's range
 *   is computed from the 31 units alone.
 * - The Corps (兵团, XPCC) has no polygon. Its figure is printed in 新疆's label, as a second gold
 *   line "兵团 X", and in 新疆's tooltip. A separate marker would need a made-up coordinate that a
 *   viewer could read as a place on the map; the label keeps the figure beside 新疆 without one,
 *   and does not mix it into 新疆's colour.
 * - The 南海诸岛 inset is added by ECharts itself for a map named 'china' (see setup.ts).
 * - No animation: every colour change is one redraw of a canvas that covers a large part of the
 *   wall, and a tween would repeat it on every frame for half a second. `heatmapDrawKey` says
 *   when a new payload would draw anything different at all.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { color } from 'echarts/core'
import { CORPS_HOST_ID, CORPS_ID, NO_DATA_REGIONS, type UnitStats } from '~/protocol'
import chinaJson from '../data/china.json'
import type { UnitMetric } from '~/domain/metrics'
import type { ChartSize, WallTheme } from './theme'

/** Texts and formatting the map needs; the panel supplies them from i18n and src/logic/format.ts. */
export interface HeatmapLabels {
  /** the unit's name as shown, e.g. '新疆' / 'Xinjiang' (unit ids, and the adcodes of 台湾/香港/澳门) */
  unitName: (id: string) => string
  /** short name of the Corps: '兵团' / 'XPCC' */
  corps: string
  /** full name of the Corps, for the tooltip */
  corpsFull: string
  /** '暂无数据' / 'no data' */
  noData: string
  /** name of the 南海诸岛 inset that ECharts draws: '南海诸岛' / 'South China Sea Islands' */
  southChinaSea: string
  formatValue: (value: number) => string
}

/** The map's feature name (what series data is matched on) for an adcode id. */
export const MAP_NAME_BY_ID: ReadonlyMap<string, string> = new Map(
  chinaJson.features.map(f => [String(f.id), f.properties.name]),
)

/** Map names of the regions drawn without figures. */
export const NO_DATA_MAP_NAMES: readonly string[] = NO_DATA_REGIONS.map(r => MAP_NAME_BY_ID.get(String(r.adcode)) ?? '')
  .filter(name => name !== '')

/** The name ECharts gives the inset it adds to the map named 'china' (echarts/lib/coord/geo/fix/nanhai). */
export const SOUTH_CHINA_SEA = '南海诸岛'

interface AreaDatum {
  name: string
  unitId: string
  value?: number
  visualMap?: false
  itemStyle?: Record<string, unknown>
  label?: Record<string, unknown>
}

/** The 31 units on the map, the Corps, and the colour scale's range over the 31 alone. */
function heatScale(units: readonly UnitStats[], metric: UnitMetric) {
  const corps = units.find(u => u.unitId === CORPS_ID)
  const mapped = units.filter(u => u.unitId !== CORPS_ID && MAP_NAME_BY_ID.has(u.unitId))
  const values = mapped.map(u => u[metric]).filter(Number.isFinite)
  let min = values.length ? Math.min(...values) : 0
  let max = values.length ? Math.max(...values) : 1
  if (max <= min) {
    // one value or all equal: give the scale some width so the areas still get a colour
    max = min + 1
    min = Math.max(0, min - 1)
  }
  return { mapped, corps, min, max }
}

/** The colour the continuous visual map gives a value, as ECharts computes it (zrender's lerp, whole bytes). */
export function heatColour(value: number, min: number, max: number, ramp: readonly string[]): string {
  if (!Number.isFinite(value))
    return ''
  const t = Math.min(1, Math.max(0, (value - min) / (max - min)))
  return color.lerp(t, [...ramp]) as string
}

/**
 * Everything of a payload that the map draws, as one string: the colour of each area, the scale's
 * end labels and the Corps line. Two payloads with the same key draw the same pixels, so the panel
 * passes a new option only when the key changes; the figures grow by a few cases a second and
 * mostly move no colour by a single byte. (The tooltip keeps the figures of the last drawn payload.)
 */
export function heatmapDrawKey(units: readonly UnitStats[], metric: UnitMetric, theme: WallTheme, labels: Pick<HeatmapLabels, 'formatValue'>): string {
  const { mapped, corps, min, max } = heatScale(units, metric)
  const colours = mapped.map(u => `${u.unitId}:${heatColour(u[metric], min, max, theme.heatRamp)}`)
  return [labels.formatValue(max), labels.formatValue(min), corps ? labels.formatValue(corps[metric]) : '', ...colours].join('|')
}

/**
 * Where 台湾's centred label goes, from the island's centre: east by half the island plus half
 * the label's widest line ('暂无数据' at 0.85 of the label size), and up by its two lines, so it
 * sits on the sea north-east of the island, above the top of the 南海诸岛 inset that ECharts draws
 * just south-east of it. The island is about 1/30 of the map's width; the map fills the series
 * box (94% of the height, 89% of the width) at about 1.3 : 1.
 */
function taiwanLabelOffset(size: ChartSize, fontSize: number): [number, number] {
  const mapWidth = Math.min(size.width * 0.89, size.height * 0.94 * 1.3)
  const halfIsland = mapWidth / 60
  const halfLabel = (labelText: number) => labelText * fontSize / 2
  return [Math.round(halfIsland + halfLabel(4 * 0.85) + fontSize * 0.4), -Math.round(fontSize * 2.6)]
}

function hatch(theme: WallTheme) {
  return {
    areaColor: theme.noDataFill,
    borderColor: theme.mapBorder,
    decal: {
      symbol: 'rect',
      symbolSize: 1,
      color: theme.noDataStripe,
      dashArrayX: [1, 0],
      dashArrayY: [2, 4],
      rotation: -Math.PI / 4,
    },
  }
}

/**
 * The metric's colour scale as both maps show it (2D here, 3D in map3d/option.ts): a bar at the
 * lower left with the extremes as figures; `place` sets how high it stands and how tall it is, as
 * fractions of the drawing.
 */
export function metricScale(min: number, max: number, theme: WallTheme, size: ChartSize, fontSize: number, labels: Pick<HeatmapLabels, 'formatValue'>, place: { bottom: string, height: number }) {
  return {
    type: 'continuous' as const,
    min,
    max,
    calculable: false,
    realtime: false,
    left: '2%',
    bottom: place.bottom,
    itemWidth: Math.max(8, Math.round(size.fontPx * 0.6)),
    itemHeight: Math.max(60, Math.round(size.height * place.height)),
    text: [labels.formatValue(max), labels.formatValue(min)],
    textGap: Math.round(fontSize * 0.4),
    textStyle: { color: theme.text, fontSize, fontFamily: theme.fontFamily },
    inRange: { color: [...theme.heatRamp] },
  }
}

export function buildHeatmapOption(units: readonly UnitStats[], metric: UnitMetric, theme: WallTheme, size: ChartSize, labels: HeatmapLabels) {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.75))
  const { mapped, corps, min, max } = heatScale(units, metric)

  const nameToId = new Map<string, string>()
  const areas: AreaDatum[] = mapped.map((u) => {
    const name = MAP_NAME_BY_ID.get(u.unitId) ?? u.unitId
    nameToId.set(name, u.unitId)
    return { name, unitId: u.unitId, value: u[metric] }
  })
  const hostName = MAP_NAME_BY_ID.get(CORPS_HOST_ID) ?? ''
  const corpsLine = corps ? `${labels.corps} ${labels.formatValue(corps[metric])}` : ''

  for (const region of NO_DATA_REGIONS) {
    const id = String(region.adcode)
    const name = MAP_NAME_BY_ID.get(id)
    if (!name)
      continue
    nameToId.set(name, id)
    areas.push({
      name,
      unitId: id,
      visualMap: false,
      itemStyle: hatch(theme),
      // 香港 and 澳门 are a few pixels wide and would print over 广东; the panel's note names them.
      // 台湾's label sits on the sea east of the island, not on its outline.
      label: id === '710000'
        ? { show: true, offset: taiwanLabelOffset(size, fontSize), formatter: `{name|${labels.unitName(id)}}\n{nodata|${labels.noData}}` }
        : { show: false },
    })
  }

  const display = (name: string) => {
    const id = nameToId.get(name)
    if (id)
      return labels.unitName(id)
    return name === SOUTH_CHINA_SEA ? labels.southChinaSea : name
  }

  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      textStyle: { fontSize, fontFamily: theme.fontFamily },
      formatter: (params: { name: string, value?: unknown, data?: AreaDatum }) => {
        const id = params.data?.unitId
        if (!id)
          return display(params.name)
        if (params.data?.visualMap === false)
          return `${display(params.name)}: ${labels.noData}`
        const own = `${display(params.name)}: ${labels.formatValue(Number(params.value))}`
        return id === CORPS_HOST_ID && corps ? `${own}<br/>${labels.corpsFull}: ${labels.formatValue(corps[metric])}` : own
      },
    },
    visualMap: { ...metricScale(min, max, theme, size, fontSize, labels, { bottom: '4%', height: 0.28 }), seriesIndex: 0 },
    series: [
      {
        type: 'map',
        map: 'china',
        roam: false,
        selectedMode: false,
        aspectScale: 0.75,
        top: '3%',
        bottom: '3%',
        left: '8%',
        right: '3%',
        label: {
          show: true,
          color: theme.text,
          fontSize,
          fontFamily: theme.fontFamily,
          textBorderColor: 'rgba(2, 12, 32, 0.85)',
          textBorderWidth: Math.max(2, Math.round(fontSize / 6)),
          formatter: (params: { name: string }) => params.name === hostName && corpsLine
            ? `{name|${display(params.name)}}\n{corps|${corpsLine}}`
            : `{name|${display(params.name)}}`,
          rich: {
            name: { fontSize, color: theme.text, fontFamily: theme.fontFamily },
            corps: { fontSize, color: theme.gold, fontWeight: 'bold', fontFamily: theme.fontFamily, padding: [Math.round(fontSize * 0.2), 0, 0, 0] },
            nodata: { fontSize: Math.max(MIN_TYPE_PX, Math.round(fontSize * 0.85)), color: theme.textDim, fontFamily: theme.fontFamily },
          },
        },
        itemStyle: {
          areaColor: theme.mapNeutral,
          borderColor: theme.mapBorder,
          borderWidth: Math.max(1, Math.round(size.fontPx / 18)),
        },
        emphasis: {
          label: { color: theme.gold },
          itemStyle: { areaColor: theme.gold },
        },
        data: areas,
      },
    ],
  }
}
