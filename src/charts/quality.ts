/**
 * 执行质效 charts: how many units are green, amber and red on each core indicator (stacked bars).
 * Names come in from the panel. As in auction.ts, the chart has a whole-option builder and a
 * data-only one for feed updates.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { BarChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { RAGS, type Rag, type RagCounts } from '~/logic/rag'
import { INDICATOR_IDS, type IndicatorId } from '~/protocol'
import type { ChartSize, WallTheme } from './theme'

// The chart types this page draws, registered with it: the overview's bundle does not carry them (setup.ts).
use([BarChart, GridComponent])

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
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx))
  const total = Math.max(1, ...INDICATOR_IDS.map(id => RAGS.reduce((n, rag) => n + counts[id][rag], 0)))
  const data = buildRagSummaryData(counts)
  return {
    // a feed update redraws once: an eased transition repaints the whole canvas every frame for half a second
    animationDurationUpdate: 0,
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
