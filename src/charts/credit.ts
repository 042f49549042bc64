/**
 * 失信惩戒 trend: the cumulative listings since the list began (2013), on a time axis.
 *
 * Published figures (`simulated: false`) are one solid series with filled markers and their values
 * printed; the simulator's continuation (`simulated: true`) is a second, dashed series without
 * markers, starting at the last published point so the two read as one curve of two kinds.
 * The panel names both in a legend. `buildCreditHistoryData` gives only the two data arrays.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { LineChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import { use } from 'echarts/core'
import type { CreditStats } from '~/protocol'
import type { ChartSize, WallTheme } from './theme'

// The chart types this page draws, registered with it: the overview's bundle does not carry them (setup.ts).
use([LineChart, GridComponent])

export type HistoryPoint = CreditStats['history'][number]
/** [epoch ms, cumulative listings] */
export type HistoryDatum = [number, number]

/** The list's rules were published in 2013: the axis starts there even when the first figure is later. */
export const HISTORY_AXIS_START = Date.UTC(2013, 0, 1)

export interface CreditHistoryLabels {
  formatCount: (n: number) => string
}

/** 'YYYY-MM' or 'YYYY-MM-DD' → epoch ms (UTC) of that month's first day or that day. */
export function historyDateMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number)
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)
}

/**
 * The history in two series by kind, each in date order. The simulated one begins with the last
 * published point before it, so the dashed continuation joins the solid curve without a gap.
 */
export function splitHistory(history: readonly HistoryPoint[]): { published: HistoryDatum[], simulated: HistoryDatum[] } {
  const points = history
    .map(p => ({ at: historyDateMs(p.date), value: p.listedCumulative, simulated: p.simulated }))
    .sort((a, b) => a.at - b.at)
  const published: HistoryDatum[] = points.filter(p => !p.simulated).map(p => [p.at, p.value])
  const simulated: HistoryDatum[] = points.filter(p => p.simulated).map(p => [p.at, p.value])
  const first = simulated[0]
  if (first) {
    const bridge = published.filter(([at]) => at <= first[0]).at(-1)
    if (bridge)
      simulated.unshift(bridge)
  }
  return { published, simulated }
}

/** Margins of the plot in px, from the type size: the y-axis labels take about 4.5 em on the left. */
function plotMargins(fontPx: number) {
  return { left: Math.round(fontPx * 0.8), right: Math.round(fontPx * 4.2), top: Math.round(fontPx * 1.8), bottom: Math.round(fontPx * 0.6), yLabels: Math.round(fontPx * 4.5) }
}

/**
 * Which published points print their value: the newest always, an older one only where its label
 * clears the last one printed (the 2017–2019 figures lie a few months apart). ECharts' own
 * overlap hiding does not catch labels that touch diagonally on a rising line.
 */
export function publishedLabelMask(published: readonly HistoryDatum[], simulated: readonly HistoryDatum[], size: ChartSize, labels: CreditHistoryLabels): boolean[] {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.8))
  const m = plotMargins(size.fontPx)
  const all = [...published, ...simulated]
  if (all.length === 0)
    return []
  const start = Math.min(HISTORY_AXIS_START, ...all.map(([at]) => at))
  const end = Math.max(...all.map(([at]) => at))
  const top = Math.max(...all.map(([, v]) => v)) * 1.1 || 1
  const width = Math.max(1, size.width - m.left - m.right - m.yLabels)
  const height = Math.max(1, size.height - m.top - m.bottom - fontSize * 1.5)
  const x = (at: number) => end > start ? (at - start) / (end - start) * width : 0
  const y = (v: number) => v / top * height
  const show = published.map(() => false)
  let last: { x: number, y: number, half: number } | null = null
  for (let i = published.length - 1; i >= 0; i--) {
    const [at, v] = published[i]!
    // a CJK or digit glyph is about 0.6 em wide; the bold label has a quarter-em padding each side
    const half = (labels.formatCount(v).length * 0.6 + 0.5) * fontSize / 2
    const here = { x: x(at), y: y(v), half }
    if (!last || Math.abs(last.x - here.x) >= last.half + here.half || Math.abs(last.y - here.y) >= fontSize * 1.3) {
      show[i] = true
      last = here
    }
  }
  return show
}

/** A published point as the chart takes it: its label hidden where it would collide. */
export interface PublishedDatum {
  value: HistoryDatum
  label?: { show: false }
}

/** The data arrays of the two series: published first, the simulated continuation second. */
export type CreditHistoryData = {
  series: [{ data: PublishedDatum[] }, { data: HistoryDatum[] }]
}

/**
 * What the chart draws, as a string: each point's date and its height in whole pixels of a plot as
 * tall as the chart, the text of the continuation's end label, and the top of the scale to two
 * figures (where the axis labels change). The simulated tail grows by a few listings a message, far
 * below a pixel of a curve that reaches the tens of millions; the panel redraws only when this key changes.
 */
export function creditHistoryDrawKey(history: readonly HistoryPoint[], size: Pick<ChartSize, 'height'>, labels: CreditHistoryLabels): string {
  const { published, simulated } = splitHistory(history)
  const top = Math.max(1, ...published.map(([, v]) => v), ...simulated.map(([, v]) => v))
  const at = (data: readonly HistoryDatum[]) => data.map(([ms, v]) => `${ms}:${Math.round(v / top * size.height)}`).join(',')
  const last = simulated.at(-1)
  return `${at(published)}|${at(simulated)}|${last ? labels.formatCount(last[1]) : ''}|${top.toPrecision(2)}`
}

/** The two series' data; published points whose label would collide carry `label.show: false`. */
export function buildCreditHistoryData(history: readonly HistoryPoint[], size: ChartSize, labels: CreditHistoryLabels): CreditHistoryData {
  const { published, simulated } = splitHistory(history)
  const mask = publishedLabelMask(published, simulated, size, labels)
  return {
    series: [
      { data: published.map((value, i): PublishedDatum => mask[i] ? { value } : { value, label: { show: false } }) },
      { data: simulated },
    ],
  }
}

export function buildCreditHistoryOption(history: readonly HistoryPoint[], theme: WallTheme, size: ChartSize, labels: CreditHistoryLabels) {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.8))
  const line = Math.max(2, Math.round(size.fontPx / 8))
  const data = buildCreditHistoryData(history, size, labels)
  const margins = plotMargins(size.fontPx)
  const valueLabel = (p: { value: HistoryDatum }) => labels.formatCount(p.value[1])
  const axisText = { color: theme.textDim, fontSize, fontFamily: theme.fontFamily }
  const publishedSeries = {
    type: 'line' as const,
    name: 'published',
    symbol: 'circle',
    symbolSize: Math.max(6, Math.round(size.fontPx * 0.55)),
    showAllSymbol: true,
    z: 3,
    lineStyle: { color: theme.accent, width: line },
    itemStyle: { color: theme.accent, borderColor: theme.text, borderWidth: Math.max(1, Math.round(line / 2)) },
    label: {
      show: true,
      position: 'top' as const,
      distance: Math.round(fontSize * 0.4),
      color: theme.text,
      fontSize,
      fontWeight: 'bold' as const,
      fontFamily: theme.fontFamily,
      formatter: valueLabel,
    },
    labelLayout: { hideOverlap: true },
    data: data.series[0]!.data,
  }
  const simulatedSeries = {
    type: 'line' as const,
    name: 'simulated',
    showSymbol: false,
    z: 2,
    lineStyle: { color: theme.textDim, width: line, type: 'dashed' as const },
    itemStyle: { color: theme.textDim },
    areaStyle: { color: 'rgba(143, 179, 217, 0.08)' },
    // the latest simulated figure at the curve's end, so the line has a present value
    endLabel: { show: true, color: theme.textDim, fontSize, fontFamily: theme.fontFamily, formatter: valueLabel, distance: Math.round(fontSize * 0.3) },
    data: data.series[1]!.data,
  }
  const series: [typeof publishedSeries, typeof simulatedSeries] = [publishedSeries, simulatedSeries]
  return {
    // a feed message redraws once: no update tween, whose frames would each repaint a wall-sized canvas
    animationDurationUpdate: 0,
    textStyle: { fontFamily: theme.fontFamily },
    grid: {
      left: margins.left,
      right: margins.right,
      top: margins.top,
      bottom: margins.bottom,
      outerBoundsMode: 'same' as const,
      outerBoundsContain: 'axisLabel' as const,
    },
    xAxis: {
      type: 'time' as const,
      min: (extent: { min: number }) => Math.min(HISTORY_AXIS_START, extent.min),
      axisLine: { lineStyle: { color: theme.track } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { ...axisText, formatter: '{yyyy}', hideOverlap: true },
    },
    yAxis: {
      type: 'value' as const,
      min: 0,
      splitNumber: 4,
      // no '0' at the foot: it would sit on the first year of the time axis
      axisLabel: { ...axisText, showMinLabel: false, formatter: (value: number) => labels.formatCount(value) },
      splitLine: { lineStyle: { color: theme.track } },
    },
    series,
  }
}
