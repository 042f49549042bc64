/**
 * The 3D China map: a flat extruded map (geo3D) with one column (bar3D) per unit.
 *
 * Why geo3D + bar3D and not map3D: the Corps (兵团) has no polygon, and a bar3D column can only
 * share a camera with a geo3D component, never with a map3D series. With geo3D the 31 provinces,
 * the Corps' column and the 南海诸岛 inset turn together under one camera.
 *
 * - Columns carry the metric twice: as height (`alt`, dimension 2) and as the value the visualMap
 *   colours by (dimension 3). Province tops take the same ramp, a shade darker, so the map reads as
 *   a heat map from far away and the columns stand out.
 * - 台湾, 香港, 澳门 are drawn as part of China in the theme's no-data colour and get no column.
 * - The Corps' column stands at its seat, Ürümqi, inside 新疆, labelled 兵团 in gold.
 * - The 南海诸岛 inset is a region of the registered map (see geo.ts), drawn low and neutral.
 *
 * Pure: no echarts import, so it unit-tests without WebGL and keeps echarts-gl out of the main chunk.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { CORPS_ID, NO_DATA_REGIONS, type UnitStats } from '~/protocol'
import { metricScale, type HeatmapLabels } from '../heatmap'
import { METRIC_KIND, type MetricKind, type UnitMetric } from '~/domain/metrics'
import type { ChartSize, WallTheme } from '../theme'
import { labelPointOf, MAP3D_NAME, regionNameOf, SOUTH_CHINA_SEA_REGION } from './geo'

/** Texts and formatting the 3D map needs: the same as the 2D heat map's. */
export type Map3dLabels = HeatmapLabels

/** Which way the camera turns: 'cw' raises the camera's beta angle, 'ccw' lowers it. */
export type TurnDirection = 'cw' | 'ccw'

/** How the scene moves; the operator can stop the turning. */
export interface Map3dView {
  /** slow turn of the camera around the map */
  rotating: boolean
  /** where the camera stands, degrees around the map (0 = looking north); kept across a rebuild */
  beta?: number
  direction?: TurnDirection
}

export const PROVINCE_SERIES_ID = 'map3d-provinces'
export const CORPS_SERIES_ID = 'map3d-corps'
/** The Corps' seat (Ürümqi, inside 新疆), where its column stands. */
export const CORPS_POSITION: readonly [number, number] = [87.62, 43.83]
/** Degrees per second: calm enough to read the labels while the map moves. */
export const AUTO_ROTATE_SPEED = 3
/**
 * The camera sways between these angles (degrees, 0 = looking north; negative = from the
 * south-west), then turns back, instead of going all the way round: seen from the south the map
 * is upside down, and seen from the east or west its long side and tallest columns leave a 32:9
 * screen. Lopsided because the 南海诸岛 inset, far to the south-east, comes to the front and
 * drops off the bottom edge when the camera swings east.
 */
export const SWING_RANGE: readonly [number, number] = [-35, 10]
/**
 * How many of the biggest columns carry a label (name and figure). More would pile up over the
 * small eastern provinces; the rest read by their colour and height.
 */
export const LABELLED_COLUMNS = 8

const BOX_WIDTH = 100
/** Tallest column, in the map's units (its width is 100); rates read by colour more than height. */
const BOX_HEIGHT: Record<MetricKind, number> = { count: 30, yuan: 30, rate: 16 }
const REGION_HEIGHT = 2
const NO_DATA_HEIGHT = 1.4
const INSET_HEIGHT = 0.8

/** Colour scale of the map: range of the visualMap and the base the columns rise from. */
export interface Map3dScale {
  min: number
  max: number
  /** altitude the columns start at: 0 for counts and yuan; below the smallest rate for rates */
  base: number
}

/** One column: [lng, lat, altitude, value]. */
export interface ColumnDatum {
  name: string
  unitId: string
  value: [number, number, number, number]
  itemStyle?: { opacity: number }
  label: { show: boolean, formatter?: string, color?: string }
}

/** One region's own style in geo3D. */
export interface RegionStyle {
  name: string
  itemStyle: { color: string, opacity?: number }
  height?: number
  label?: { show: boolean, formatter?: string, color?: string, fontSize?: number, backgroundColor?: string, distance?: number }
}

/**
 * The range of the scale. Rates sit close together (85–97 %), so their columns start below the
 * smallest rate (which then stands a third as high as the biggest); counts start at 0 so that a
 * column twice as high means twice as many.
 */
export function map3dScale(values: readonly number[], kind: MetricKind): Map3dScale {
  const finite = values.filter(Number.isFinite)
  let min = finite.length ? Math.min(...finite) : 0
  let max = finite.length ? Math.max(...finite) : 1
  if (max <= min) {
    max = min + 1
    min = Math.max(0, min - 1)
  }
  const base = kind === 'rate' ? Math.max(0, min - (max - min) / 2) : Math.min(0, min)
  return { min, max, base }
}

function parseHex(color: string): [number, number, number] {
  const hex = color.replace('#', '')
  const full = hex.length === 3 ? hex.split('').map(c => c + c).join('') : hex.slice(0, 6)
  const n = Number.parseInt(full, 16)
  return Number.isFinite(n) ? [(n >> 16) & 255, (n >> 8) & 255, n & 255] : [0, 0, 0]
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map(c => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`
}

/** Colour of `t` (0–1) on a ramp of hex colours, interpolated in RGB as the visualMap does. */
export function rampColor(ramp: readonly string[], t: number): string {
  if (ramp.length === 0)
    return '#000000'
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0))
  const pos = clamped * (ramp.length - 1)
  const i = Math.min(ramp.length - 2, Math.floor(pos))
  if (i < 0)
    return toHex(parseHex(ramp[0] ?? '#000'))
  const a = parseHex(ramp[i] ?? '#000')
  const b = parseHex(ramp[i + 1] ?? '#000')
  const f = pos - i
  return toHex(a.map((c, k) => c + ((b[k] ?? 0) - c) * f))
}

/** `a` blended towards `b` by `w` (0 = a, 1 = b). */
export function mixColor(a: string, b: string, w: number): string {
  const ca = parseHex(a)
  const cb = parseHex(b)
  return toHex(ca.map((c, k) => c + ((cb[k] ?? 0) - c) * w))
}

function fontOf(size: ChartSize) {
  return Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.75))
}

function labelStyle(theme: WallTheme, size: ChartSize) {
  const fontSize = fontOf(size)
  return {
    show: false,
    position: 'top',
    distance: 1,
    fontSize,
    fontFamily: theme.fontFamily,
    color: theme.text,
    backgroundColor: 'rgba(2, 14, 38, 0.72)',
    borderColor: theme.mapBorder,
    borderWidth: 1,
    padding: [Math.round(fontSize * 0.15), Math.round(fontSize * 0.35)],
    borderRadius: Math.round(fontSize * 0.2),
  }
}

/** The units with a place on the map: provinces by their label point, the Corps by its seat. */
function mappedUnits(units: readonly UnitStats[]): UnitStats[] {
  return units.filter(u => u.unitId === CORPS_ID || labelPointOf(regionNameOf(u.unitId)) !== null)
}

/**
 * The full option, for the chart's first setOption. Later data goes through buildMap3dUpdate,
 * which sends only what data changes.
 */
export function buildMap3dOption(
  units: readonly UnitStats[],
  metric: UnitMetric,
  theme: WallTheme,
  size: ChartSize,
  labels: Map3dLabels,
  view: Map3dView = { rotating: true },
) {
  const fontSize = fontOf(size)
  const rows = mappedUnits(units).filter(u => Number.isFinite(u[metric]))
  const kind = METRIC_KIND[metric]
  const scale = map3dScale(rows.map(u => u[metric]), kind)
  const span = scale.max - scale.min
  const rank = [...rows].filter(u => u.unitId !== CORPS_ID).sort((a, b) => b[metric] - a[metric]).slice(0, LABELLED_COLUMNS)
  const labelled = new Set(rank.map(u => u.unitId))

  const regions: RegionStyle[] = []
  const provinceColumns: ColumnDatum[] = []
  const corpsColumns: ColumnDatum[] = []
  for (const unit of rows) {
    const value = unit[metric]
    const t = (value - scale.min) / span
    if (unit.unitId === CORPS_ID) {
      corpsColumns.push({
        name: labels.corps,
        unitId: CORPS_ID,
        value: [CORPS_POSITION[0], CORPS_POSITION[1], value, value],
        label: { show: true, formatter: `${labels.corps} ${labels.formatValue(value)}`, color: theme.gold },
      })
      continue
    }
    const regionName = regionNameOf(unit.unitId)
    const point = labelPointOf(regionName)
    if (!point)
      continue
    regions.push({ name: regionName, itemStyle: { color: mixColor(rampColor(theme.heatRamp, t), theme.mapNeutral, 0.35) } })
    const name = labels.unitName(unit.unitId)
    provinceColumns.push({
      name,
      unitId: unit.unitId,
      value: [point[0], point[1], value, value],
      label: labelled.has(unit.unitId) ? { show: true, formatter: `${name} ${labels.formatValue(value)}` } : { show: false },
    })
  }
  // Anchors the height axis at the scale's base: echarts-gl stretches columns from the smallest
  // altitude in the data, which would leave the smallest unit without a column. Invisible.
  provinceColumns.push({
    name: '',
    unitId: '',
    value: [CORPS_POSITION[0], CORPS_POSITION[1], scale.base, scale.min],
    itemStyle: { opacity: 0 },
    label: { show: false },
  })
  for (const region of NO_DATA_REGIONS)
    regions.push({ name: regionNameOf(String(region.adcode)), itemStyle: { color: theme.noDataFill }, height: NO_DATA_HEIGHT })
  regions.push({
    name: SOUTH_CHINA_SEA_REGION,
    itemStyle: { color: theme.mapBorder },
    height: INSET_HEIGHT,
    // `distance` is in the height axis' units, whose zero is the scale's base, not 0.
    label: { show: true, formatter: labels.southChinaSea, color: theme.textDim, fontSize: Math.round(fontSize * 0.85), backgroundColor: 'transparent', distance: scale.base },
  })

  const columnSeries = (id: string, data: ColumnDatum[], barSize: number) => ({
    id,
    type: 'bar3D',
    coordinateSystem: 'geo3D',
    shading: 'lambert',
    silent: true,
    barSize,
    minHeight: 0.3,
    bevelSize: 0.2,
    bevelSmoothness: 1,
    dimensions: ['lng', 'lat', 'alt', 'value'],
    label: labelStyle(theme, size),
    emphasis: { label: { show: false } },
    animation: false,
    data,
  })

  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: theme.fontFamily },
    visualMap: [{ ...metricScale(scale.min, scale.max, theme, size, fontSize, labels, { bottom: '6%', height: 0.26 }), seriesIndex: [0, 1], dimension: 3 }],
    geo3D: [{
      map: MAP3D_NAME,
      show: true,
      silent: true,
      boxWidth: BOX_WIDTH,
      boxHeight: BOX_HEIGHT[kind],
      regionHeight: REGION_HEIGHT,
      environment: 'none',
      shading: 'lambert',
      light: {
        main: { intensity: 1.15, alpha: 55, beta: 35, shadow: false },
        ambient: { intensity: 0.5 },
      },
      groundPlane: { show: false },
      // Off: in software WebGL (the test machine) each costs a full-screen pass per frame.
      postEffect: { enable: false },
      temporalSuperSampling: { enable: false },
      viewControl: {
        projection: 'perspective',
        alpha: 60,
        beta: view.beta ?? 0,
        distance: 114,
        // Looks a little below the map's middle: the near edge, larger in perspective, then
        // keeps clear of the bottom while the camera sways.
        center: [0, -12, 0],
        minAlpha: 20,
        maxAlpha: 70,
        // No one touches the wall: the camera only turns on its own.
        rotateSensitivity: 0,
        zoomSensitivity: 0,
        panSensitivity: 0,
        autoRotate: view.rotating,
        autoRotateSpeed: AUTO_ROTATE_SPEED,
        autoRotateDirection: view.direction ?? 'cw',
        autoRotateAfterStill: 0,
        // Camera jumps, not glides: a glide is many redraws, each costly without a GPU.
        animation: false,
        minBeta: Number.NEGATIVE_INFINITY,
        maxBeta: Number.POSITIVE_INFINITY,
      },
      itemStyle: {
        color: theme.mapNeutral,
        opacity: 1,
        borderWidth: Math.max(1, Math.round(size.fontPx / 24)),
        borderColor: theme.mapBorder,
      },
      label: { show: false },
      emphasis: { label: { show: false } },
      regions,
    }],
    series: [
      columnSeries(PROVINCE_SERIES_ID, provinceColumns, 1.25),
      columnSeries(CORPS_SERIES_ID, corpsColumns, 1.25),
    ],
  }
}

export type Map3dOption = ReturnType<typeof buildMap3dOption>

/**
 * Only what new data or another metric changes: the colour range, province tops, the columns'
 * headroom and the two column series, matched by id. Camera and lights stay as they are.
 */
export function buildMap3dUpdate(
  units: readonly UnitStats[],
  metric: UnitMetric,
  theme: WallTheme,
  size: ChartSize,
  labels: Map3dLabels,
) {
  const full = buildMap3dOption(units, metric, theme, size, labels)
  const visualMap = full.visualMap[0]
  const geo3D = full.geo3D[0]
  return {
    visualMap: [{ min: visualMap?.min, max: visualMap?.max, text: visualMap?.text }],
    geo3D: [{ boxHeight: geo3D?.boxHeight, regions: geo3D?.regions ?? [] }],
    series: full.series.map(s => ({ id: s.id, data: s.data })),
  }
}

/** Start or stop the camera, or send it back the other way, without touching the data. */
export function buildMap3dViewUpdate(view: Map3dView) {
  return { geo3D: [{ viewControl: { autoRotate: view.rotating, autoRotateDirection: view.direction ?? 'cw' } }] }
}

/**
 * The direction the camera should turn at `beta`, given the way it turns now: back once it has
 * reached an end of `range`; null while it may carry on.
 */
export function swingTurn(beta: number, direction: TurnDirection, range: readonly [number, number] = SWING_RANGE): TurnDirection | null {
  if (!Number.isFinite(beta) || !(range[0] < range[1]))
    return null
  if (direction === 'cw' && beta >= range[1])
    return 'ccw'
  if (direction === 'ccw' && beta <= range[0])
    return 'cw'
  return null
}
