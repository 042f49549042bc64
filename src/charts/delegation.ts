/**
 * 事项委托 flying lines: today's delegations between units on the 2D 'china' map.
 *
 * - A line runs from the delegating unit's label point (`properties.cp` in src/data/china.json) to
 *   the delegated-to unit's; width and colour grow with the day's count (cyan → gold).
 * - The Corps (兵团, XPCC) has no polygon: it sits a little north-east of 新疆's label point (toward
 *   Ürümqi, where its seat is) as a named gold marker, and its lines start and end there.
 * - At most MAX_FLOW_LINES lines, drawn still. The small arrows that run along them are not ECharts'
 *   line effect (which redraws its layer on the main thread every frame) but elements over the chart
 *   moved by compositor animations along the same curves (`flowArrowKeyframes`); they play for a
 *   while after the flows change (FLOW_EFFECT_PLAY_MS).
 * - Unit names are drawn above the lines (a higher `z`), beside a small dot at the line ends, so the
 *   busy eastern provinces stay readable under their converging lines.
 * - Map, lines and names share one canvas (zlevel 0). Still lines gain nothing from a layer of their
 *   own, and every canvas layer the size of the map is one more that a compositor without a GPU
 *   blends into every frame of the wall: one canvas instead of three halved the page's commits.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { LinesChart, ScatterChart } from 'echarts/charts'
import { use } from 'echarts/core'
import { CORPS_HOST_ID, CORPS_ID, UNIT_IDS, type DelegationStats } from '~/protocol'
import chinaJson from '../data/china.json'
import { MAP_NAME_BY_ID, SOUTH_CHINA_SEA } from './heatmap'
import { withAlpha, type ChartSize, type WallTheme } from './theme'

// The chart types this page draws, registered with it: the overview's bundle does not carry them (setup.ts).
use([LinesChart, ScatterChart])

export type Flow = DelegationStats['flows'][number]
export type GeoPoint = [lon: number, lat: number]

/** Lines drawn at most: more would tangle the map and cost frames. */
export const MAX_FLOW_LINES = 40
/** Where the Corps' marker sits relative to 新疆's label point, in degrees of longitude and latitude. */
export const CORPS_OFFSET: GeoPoint = [2.2, 2.6]

const LABEL_POINTS: ReadonlyMap<string, GeoPoint> = new Map(
  chinaJson.features
    .filter(f => Array.isArray(f.properties.cp) && f.properties.cp.length === 2)
    .map(f => [String(f.id), [f.properties.cp[0]!, f.properties.cp[1]!] as GeoPoint]),
)

/** A unit's point on the map: its region's label point, the Corps' beside 新疆's; null for an unknown id. */
export function unitPoint(unitId: string): GeoPoint | null {
  if (unitId === CORPS_ID) {
    const host = LABEL_POINTS.get(CORPS_HOST_ID)
    return host ? [host[0] + CORPS_OFFSET[0], host[1] + CORPS_OFFSET[1]] : null
  }
  return LABEL_POINTS.get(unitId) ?? null
}

export interface DelegationMapLabels {
  /** a unit's or a map region's display name by id (adcode or 'XPCC') */
  unitName: (id: string) => string
  /** short name printed at the Corps' marker: '兵团' / 'XPCC' */
  corps: string
  /** name of the 南海诸岛 inset that ECharts adds to the 'china' map */
  southChinaSea: string
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** The colour `t` (0–1) of the way from `from` to `to`, both '#rrggbb'. */
export function mixColour(from: string, to: string, t: number): string {
  const a = hexToRgb(from)
  const b = hexToRgb(to)
  const k = Math.min(1, Math.max(0, t))
  const channel = (i: number) => Math.round(a[i]! + (b[i]! - a[i]!) * k).toString(16).padStart(2, '0')
  return `#${channel(0)}${channel(1)}${channel(2)}`
}

/** The pale cyan between the two ends of the line colours. */
export const FLOW_MIDDLE = '#bdefff'
/** Where on the 0–1 scale the colour reaches FLOW_MIDDLE: most of a day's lines stay cyan, the biggest turn gold. */
const MIDDLE_AT = 0.6

/** A line's colour for `t` (0–1, its count against the day's biggest): cyan, through pale cyan, to gold. */
export function flowColour(theme: WallTheme, t: number): string {
  // straight from cyan to gold would pass through a dull green
  return t < MIDDLE_AT
    ? mixColour(theme.accent, FLOW_MIDDLE, t / MIDDLE_AT)
    : mixColour(FLOW_MIDDLE, theme.gold, (t - MIDDLE_AT) / (1 - MIDDLE_AT))
}

/** Line width range in px for the wall's type size: the thinnest still visible from the back of the room. */
export function lineWidths(fontPx: number): { min: number, max: number } {
  return { min: Math.max(1, Math.round(fontPx * 0.08)), max: Math.max(3, Math.round(fontPx * 0.42)) }
}

/** The flows a map can draw: both ends known and different, biggest first, at most MAX_FLOW_LINES. */
export function drawableFlows(flows: readonly Flow[]): Flow[] {
  return flows
    .filter(f => f.from !== f.to && f.count > 0 && unitPoint(f.from) && unitPoint(f.to))
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_FLOW_LINES)
}

/**
 * How long the arrows play after the lines change, and the shortest time from one start of that
 * play to the next. They are compositor animations and cost the main thread nothing while they run,
 * but every frame of them is a 7680-px frame the compositor draws: on a software-rendered wall that
 * takes CPU the page needs. So the lines stay on screen all the time and their arrows run for a few
 * seconds when the day's flows change, at most once per FLOW_EFFECT_REST_MS.
 */
export const FLOW_EFFECT_PLAY_MS = 6000
export const FLOW_EFFECT_REST_MS = 30_000
/** Time an arrow takes along its line, whatever the line's length (as ECharts' effect `period`). */
export const FLOW_ARROW_PERIOD_MS = 4000
/** Curve of the lines (ECharts' `lineStyle.curveness`); the arrows follow the same curve. */
export const FLOW_CURVENESS = 0.25

export type PixelPoint = [x: number, y: number]

/** The control point ECharts gives a line from `a` to `b` with `curveness` (echarts/lib/chart/lines/linesLayout.js). */
export function flowControlPoint(a: PixelPoint, b: PixelPoint, curveness = FLOW_CURVENESS): PixelPoint {
  return [(a[0] + b[0]) / 2 - (a[1] - b[1]) * curveness, (a[1] + b[1]) / 2 - (b[0] - a[0]) * curveness]
}

const round1 = (n: number) => Math.round(n * 10) / 10

/**
 * Keyframes that carry an element centred on (0, 0) and pointing along +x from `a` to `b` on the
 * line's quadratic curve, turned along the curve. Evenly spaced in the curve's parameter, like the
 * symbol of ECharts' line effect; `transform` only, so the compositor runs them.
 */
export function flowArrowKeyframes(a: PixelPoint, b: PixelPoint, steps = 24): Keyframe[] {
  const c = flowControlPoint(a, b)
  const frames: Keyframe[] = []
  for (let i = 0; i <= steps; i++) {
    const t = i / steps
    const u = 1 - t
    const x = u * u * a[0] + 2 * u * t * c[0] + t * t * b[0]
    const y = u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]
    const dx = 2 * u * (c[0] - a[0]) + 2 * t * (b[0] - c[0])
    const dy = 2 * u * (c[1] - a[1]) + 2 * t * (b[1] - c[1])
    const deg = round1(Math.atan2(dy, dx) * 180 / Math.PI)
    frames.push({ transform: `translate(${round1(x)}px, ${round1(y)}px) rotate(${deg}deg)` })
  }
  return frames
}

/** The arrows' size in px for the wall's type size (ECharts' effect `symbolSize` before). */
export function flowArrowSize(fontPx: number): number {
  return Math.max(4, Math.round(fontPx * 0.32))
}

export function buildDelegationMapData(flows: readonly Flow[], theme: WallTheme, size: ChartSize) {
  const shown = drawableFlows(flows)
  const top = shown[0]?.count ?? 1
  const { min, max } = lineWidths(size.fontPx)
  return {
    series: [{
      data: shown.map((f) => {
        // square root: a flow of a quarter of the top one still reads as half as thick
        const t = Math.sqrt(f.count / top)
        return {
          from: f.from,
          to: f.to,
          value: f.count,
          coords: [unitPoint(f.from)!, unitPoint(f.to)!],
          lineStyle: { width: Math.round((min + (max - min) * t) * 10) / 10, color: flowColour(theme, t), opacity: 0.4 + 0.5 * t },
        }
      }),
    }],
  }
}

export function buildDelegationMapOption(flows: readonly Flow[], theme: WallTheme, size: ChartSize, labels: DelegationMapLabels) {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.7))
  const nameToId = new Map([...MAP_NAME_BY_ID].map(([id, name]) => [name, id]))
  const display = (name: string) => {
    const id = nameToId.get(name)
    if (id)
      return labels.unitName(id)
    return name === SOUTH_CHINA_SEA ? labels.southChinaSea : name
  }
  const shown = { label: { show: true } }
  const data = buildDelegationMapData(flows, theme, size)
  const halo = { textBorderColor: 'rgba(2, 12, 32, 0.9)', textBorderWidth: Math.max(2, Math.round(fontSize / 5)) }
  const nodes = UNIT_IDS.flatMap((id) => {
    const point = unitPoint(id)
    if (!point)
      return []
    return id === CORPS_ID
      ? [{
          name: id,
          value: point,
          symbol: 'diamond',
          symbolSize: Math.max(8, Math.round(size.fontPx * 0.6)),
          itemStyle: { color: theme.gold, borderColor: '#2a1c00', borderWidth: 1 },
          label: { formatter: labels.corps, color: theme.gold, fontWeight: 'bold' as const },
        }]
      : [{ name: id, value: point, label: { formatter: labels.unitName(id) } }]
  })
  const linesSeries = {
    type: 'lines' as const,
    coordinateSystem: 'geo',
    zlevel: 0,
    z: 3,
    silent: true,
    polyline: false,
    lineStyle: { curveness: FLOW_CURVENESS, cap: 'round' as const },
    data: data.series[0]!.data,
  }
  // every unit's point and name, the Corps' as a gold diamond; static, on a layer above the lines
  const nodesSeries = {
    type: 'scatter' as const,
    coordinateSystem: 'geo',
    zlevel: 0,
    z: 4,
    silent: true,
    symbol: 'circle',
    symbolSize: Math.max(4, Math.round(size.fontPx * 0.28)),
    itemStyle: { color: theme.accent, borderColor: theme.text, borderWidth: 1 },
    label: {
      show: true,
      position: 'right' as const,
      distance: Math.round(fontSize * 0.3),
      color: theme.text,
      fontSize,
      fontFamily: theme.fontFamily,
      ...halo,
    },
    data: nodes,
  }
  const series: [typeof linesSeries, typeof nodesSeries] = [linesSeries, nodesSeries]
  return {
    // a feed message redraws once: no update tween, whose frames would each repaint a wall-sized canvas
    animationDurationUpdate: 0,
    geo: {
      map: 'china',
      roam: false,
      silent: true,
      aspectScale: 0.75,
      top: '4%',
      bottom: '4%',
      left: '4%',
      right: '4%',
      // the units' names are drawn above the lines (the nodes series); the map names only what has no node
      label: { show: false, color: theme.textDim, fontSize, fontFamily: theme.fontFamily, formatter: (p: { name: string }) => display(p.name) },
      itemStyle: {
        areaColor: '#0b2a5c',
        borderColor: theme.mapBorder,
        borderWidth: Math.max(1, Math.round(size.fontPx / 18)),
        shadowColor: withAlpha(theme.accent, 0.35),
        shadowBlur: Math.round(size.fontPx * 0.6),
      },
      regions: [
        { name: MAP_NAME_BY_ID.get('710000') ?? '', ...shown },
        { name: SOUTH_CHINA_SEA, ...shown },
      ],
    },
    series,
  }
}
