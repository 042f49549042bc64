/**
 * One unit's trend on the focus page: cases concluded this year (left axis) and the actual closure
 * rate (right axis, with its target as a dashed gold line) over the samples the wall kept
 * (src/stores/history.ts). Texts and number formats come in from the panel; the legend is DOM.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { LineChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import { use } from 'echarts/core'
import type { ChartSize, WallTheme } from './theme'

// The chart types this page draws, registered with it: the overview's bundle does not carry them (setup.ts).
use([LineChart, GridComponent])

/** One point of the trend: the time of the figures and the two figures. */
export interface TrendPoint {
  /** epoch ms */
  at: number
  casesConcludedYtd: number
  actualClosureRate: number
}

export interface TrendLabels {
  concluded: string
  closureRate: string
  target: string
  /**
   * a count on the axis. Whole numbers ('698,512') read better than 万 here: over half an hour a
   * unit's year-to-date count moves in its last digits, which a compact '69.85万' would hide
   */
  formatCount: (value: number) => string
  formatPercent: (value: number) => string
  /** a time of day on the axis: '14:05', or '14:05:30' when the window is a few minutes */
  formatTime: (ms: number, withSeconds: boolean) => string
}

/** A line's stroke: solid, or the target's dashes. */
interface LineStyle { width: number, color: string, type?: 'dashed', opacity?: number }

/** Windows shorter than this label their times with seconds. */
const SECONDS_UNTIL_MS = 10 * 60_000

/** Few points read better as dots; many as a line. */
const SYMBOL_UNTIL = 12

/** Rate axis bounds with room around the data and the target, in whole percent within 0–100. */
export function rateAxisRange(rates: readonly number[], target: number): { min: number, max: number } {
  const all = [...rates.filter(Number.isFinite), target]
  const low = Math.min(...all)
  const high = Math.max(...all)
  const pad = Math.max(1, (high - low) * 0.2)
  return { min: Math.max(0, Math.floor(low - pad)), max: Math.min(100, Math.ceil(high + pad)) }
}

export function buildTrendOption(points: readonly TrendPoint[], target: number, theme: WallTheme, size: ChartSize, labels: TrendLabels) {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.8))
  const line = Math.max(2, Math.round(size.fontPx / 9))
  const showSymbol = points.length <= SYMBOL_UNTIL
  const rates = rateAxisRange(points.map(p => p.actualClosureRate), target)
  const first = points[0]?.at
  const last = points[points.length - 1]?.at
  // ticks of a short window fall within one minute: without seconds their labels would repeat
  const withSeconds = first === undefined || last === undefined || last - first < SECONDS_UNTIL_MS
  const axisLabel = { color: theme.textDim, fontSize, fontFamily: theme.fontFamily }
  const splitLine = { lineStyle: { color: theme.track } }
  /** a line of figures in its axis's colour, dotted at each sample while there are few */
  const figureLine = (name: string, yAxisIndex: number, color: string) => ({
    type: 'line' as const,
    name,
    yAxisIndex,
    showSymbol,
    symbolSize: line * 4,
    lineStyle: { width: line, color } as LineStyle,
    itemStyle: { color },
  })
  return {
    animation: false,
    textStyle: { fontFamily: theme.fontFamily },
    // ECharts 6 keeps the axis labels inside the canvas by itself (outerBoundsMode 'auto')
    grid: {
      left: fontSize * 0.8,
      right: fontSize * 0.8,
      top: fontSize,
      bottom: fontSize * 0.6,
    },
    xAxis: {
      type: 'time',
      // a single sample still gets an axis a minute wide, not a zero-width one
      min: first !== undefined && last !== undefined && last - first < 60_000 ? last - 60_000 : undefined,
      axisLabel: { ...axisLabel, hideOverlap: true, formatter: (value: number) => labels.formatTime(value, withSeconds) },
      axisLine: { lineStyle: { color: theme.textDim } },
      splitLine: { show: false },
      splitNumber: Math.max(2, Math.floor(size.width / (fontSize * 8))),
    },
    yAxis: [
      {
        type: 'value',
        scale: true,
        // a count moves by whole cases: no tick between two of them
        minInterval: 1,
        // the legend is DOM (the panel); each axis wears its line's colour instead of a name
        axisLabel: { ...axisLabel, color: theme.accent, formatter: (value: number) => labels.formatCount(value) },
        splitLine,
        splitNumber: 4,
      },
      {
        type: 'value',
        min: rates.min,
        max: rates.max,
        axisLabel: { ...axisLabel, color: theme.gold, formatter: (value: number) => labels.formatPercent(value) },
        splitLine: { show: false },
        splitNumber: 4,
      },
    ],
    series: [
      {
        ...figureLine(labels.concluded, 0, theme.accent),
        areaStyle: { color: theme.accent, opacity: 0.12 },
        data: points.map(p => [p.at, p.casesConcludedYtd]),
      },
      {
        ...figureLine(labels.closureRate, 1, theme.gold),
        data: points.map(p => [p.at, p.actualClosureRate]),
      },
      {
        type: 'line',
        name: labels.target,
        yAxisIndex: 1,
        silent: true,
        showSymbol: false,
        lineStyle: { width: Math.max(1, line / 2), type: 'dashed', color: theme.gold, opacity: 0.7 },
        data: first === undefined || last === undefined ? [] : [[Math.min(first, last - 60_000), target], [last, target]],
      },
    ],
  }
}
