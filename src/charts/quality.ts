/**
 * 执行质效 and 终本 charts: how many units are green, amber and red on each core indicator (stacked
 * bars), and the units with the biggest 终本 pools. Names and number formats come in from the panel.
 * As in auction.ts, each chart has a whole-option builder and a data-only one for feed updates.
 */
import { barRowsFit, estimateTextWidth } from '~/logic/fit'
import { RAGS, type Rag, type RagCounts } from '~/logic/rag'
import { INDICATOR_IDS, type IndicatorId, type TerminationStats } from '~/protocol'
import type { ChartSize, WallTheme } from './theme'

/** The RAG colours; src/styles/tokens.css has the same as --c-met, --c-warn, --c-not-met. */
export function ragColours(theme: WallTheme): Record<Rag, string> {
  return { green: theme.met, amber: '#ffb020', red: theme.notMet }
}

export interface RagSummaryLabels {
  /** the indicator's short name on the axis */
  indicatorName: (id: IndicatorId) => string
  /** the legend's name of each colour */
  ragName: (rag: Rag) => string
}

/** The stacked bars' arrays: per colour, the units of that colour on each indicator. */
export function buildRagSummaryData(counts: Record<IndicatorId, RagCounts>) {
  return { series: RAGS.map(rag => ({ id: rag, data: INDICATOR_IDS.map(id => counts[id][rag]) })) }
}

/**
 * One stacked bar per indicator: units green, amber, red, in that order from the left, the count in
 * each segment. The axis runs to the number of units so full bars mean every unit.
 */
export function buildRagSummaryOption(counts: Record<IndicatorId, RagCounts>, theme: WallTheme, size: ChartSize, labels: RagSummaryLabels) {
  const colours = ragColours(theme)
  const fontSize = Math.max(10, Math.round(size.fontPx))
  const total = Math.max(1, ...INDICATOR_IDS.map(id => RAGS.reduce((n, rag) => n + counts[id][rag], 0)))
  const data = buildRagSummaryData(counts)
  return {
    animationDurationUpdate: 500,
    grid: {
      left: Math.round(size.fontPx * 0.4),
      right: Math.round(size.fontPx * 0.8),
      top: Math.round(size.fontPx * 0.4),
      bottom: Math.round(size.fontPx * 0.4),
      outerBoundsMode: 'same' as const,
      outerBoundsContain: 'axisLabel' as const,
    },
    xAxis: { type: 'value' as const, show: false, min: 0, max: total },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: INDICATOR_IDS.map(id => labels.indicatorName(id)),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: theme.text, fontSize, fontFamily: theme.fontFamily },
    },
    series: data.series.map(({ id, data: values }) => ({
      type: 'bar' as const,
      id,
      name: labels.ragName(id),
      stack: 'units',
      barWidth: '52%',
      itemStyle: { color: colours[id] },
      label: {
        show: true,
        position: 'inside' as const,
        color: '#04121f',
        fontWeight: 'bold' as const,
        fontSize,
        fontFamily: theme.fontFamily,
        // an empty segment has no width to print in
        formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''),
      },
      data: values,
    })),
  }
}

type PoolRow = TerminationStats['byUnit'][number]

export interface TerminationUnitLabels {
  unitName: (unitId: string) => string
  /** text after each bar: pool and restarted this year */
  barLabel: (row: PoolRow) => string
}

const MARGIN_LINES = 0.6

/** How many unit bars fit the chart at readable size. */
export function terminationUnitCapacity(size: ChartSize): number {
  return barRowsFit(size.height, size.fontPx, size.fontPx * MARGIN_LINES)
}

/** Units by pool size, biggest first, at most `limit`; ties keep the feed's order. */
export function rankPoolUnits(byUnit: readonly PoolRow[], limit: number): PoolRow[] {
  return byUnit
    .map((row, index) => ({ row, index }))
    .sort((a, b) => b.row.poolSize - a.row.poolSize || a.index - b.index)
    .slice(0, Math.max(0, limit))
    .map(r => r.row)
}

/** The ranking's arrays: names, pool sizes, label texts. */
export function buildTerminationUnitsData(rows: readonly PoolRow[], theme: WallTheme, labels: TerminationUnitLabels) {
  return {
    yAxis: { data: rows.map(r => labels.unitName(r.unitId)) },
    series: [{
      data: rows.map(r => ({
        value: r.poolSize,
        unitId: r.unitId,
        text: labels.barLabel(r),
        itemStyle: {
          borderRadius: [0, 4, 4, 0],
          color: { type: 'linear' as const, x: 0, y: 0, x2: 1, y2: 0, colorStops: [{ offset: 0, color: '#1565b5' }, { offset: 1, color: theme.accent }] },
        },
      })),
    }],
  }
}

/** The units with the biggest pools as horizontal bars; pool and restarts after each bar. */
export function buildTerminationUnitsOption(rows: readonly PoolRow[], theme: WallTheme, size: ChartSize, labels: TerminationUnitLabels) {
  const fontSize = Math.max(10, Math.round(size.fontPx))
  const labelSize = Math.round(fontSize * 0.9)
  const margin = Math.round(size.fontPx * MARGIN_LINES / 2)
  const data = buildTerminationUnitsData(rows, theme, labels)
  const labelRoom = Math.max(0, ...data.series[0]!.data.map(d => estimateTextWidth(d.text, labelSize))) + labelSize
  return {
    animationDurationUpdate: 500,
    grid: { left: margin, right: labelRoom, top: margin, bottom: margin, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    xAxis: { type: 'value' as const, show: false, max: 'dataMax' as const },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: data.yAxis.data,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: theme.text, fontSize, fontFamily: theme.fontFamily },
    },
    series: [{
      type: 'bar' as const,
      name: 'poolSize',
      barWidth: '58%',
      showBackground: true,
      backgroundStyle: { color: theme.track },
      label: {
        show: true,
        position: 'right' as const,
        color: theme.text,
        fontSize: labelSize,
        fontFamily: theme.fontFamily,
        formatter: (p: { data: unknown }) => (p.data as { text?: string } | null)?.text ?? '',
      },
      data: data.series[0]!.data,
    }],
  }
}
