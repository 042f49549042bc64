/**
 * 网拍监管 charts: auctions by asset class (a ring of the count shares and bars of turnover). Names
 * and number formats come in from the panel (i18n, src/logic/format.ts), so the builders stay pure
 * and testable; every label size comes from the wall's type scale.
 *
 * Each chart has two builders: `build*Option` gives the whole option (first draw, resize, language),
 * `build*Data` only the arrays a feed message changes. A label's text travels in its data item
 * (`text`), so a data-only update never leaves a formatter reading the previous payload.
 */
import { MIN_TYPE_PX } from '~/layout/profiles'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { estimateTextWidth } from '~/logic/fit'
import type { AuctionStats } from '~/protocol'
import type { ChartSize, WallTheme } from './theme'

// The chart types this page draws, registered with it: the overview's bundle does not carry them (setup.ts).
use([PieChart, BarChart, GridComponent])

type ClassRow = AuctionStats['byClass'][number]

/** A data item whose label text was written by the builder. */
interface Labelled { text: string }
const labelText = (p: { data: unknown }) => (p.data as Labelled | null)?.text ?? ''

/** Colours of the asset classes, in AUCTION_CLASSES order, distinct on the navy ground. */
export function classPalette(theme: WallTheme): string[] {
  return [theme.accent, theme.gold, theme.met, '#7b8cff', '#ff8a5c', '#c48bff', theme.textDim]
}

export interface AuctionClassLabels {
  className: (assetClass: ClassRow['assetClass']) => string
  formatPercent: (value: number) => string
  formatYuan: (value: number) => string
}

/** The ring's slices: each class's auctions this year, labelled with its name and share. */
export function buildAuctionClassShareData(byClass: readonly ClassRow[], theme: WallTheme, labels: AuctionClassLabels) {
  const palette = classPalette(theme)
  const total = byClass.reduce((n, c) => n + c.ytd, 0)
  return {
    series: [{
      data: byClass.map((c, i) => ({
        name: labels.className(c.assetClass),
        value: c.ytd,
        text: `${labels.className(c.assetClass)}\n${labels.formatPercent(total > 0 ? c.ytd / total * 100 : 0)}`,
        itemStyle: { color: palette[i % palette.length] },
      })),
    }],
  }
}

/**
 * A ring of each class's share of this year's auctions; the labels carry name and share. The ring
 * leaves room at both sides for the widest label, so no label is cut at the chart's edge.
 */
export function buildAuctionClassShareOption(byClass: readonly ClassRow[], theme: WallTheme, size: ChartSize, labels: AuctionClassLabels) {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.9))
  const data = buildAuctionClassShareData(byClass, theme, labels).series[0]!.data
  const labelWidth = Math.max(0, ...data.flatMap(d => d.text.split('\n').map(line => estimateTextWidth(line, fontSize))))
  const lineLength = Math.round(size.fontPx * 0.5)
  const lineLength2 = Math.round(size.fontPx * 0.6)
  const outer = Math.max(size.fontPx * 2.5, Math.min(size.height * 0.4, size.width / 2 - labelWidth - lineLength - lineLength2 - fontSize))
  return {
    // a feed update redraws once: an eased transition repaints the whole canvas every frame for half a second
    animationDurationUpdate: 0,
    series: [{
      type: 'pie' as const,
      name: 'classShare',
      radius: [Math.round(outer * 0.6), Math.round(outer)],
      center: ['50%', '52%'],
      avoidLabelOverlap: true,
      minShowLabelAngle: 4,
      itemStyle: { borderColor: '#06183a', borderWidth: Math.max(1, Math.round(size.fontPx / 10)) },
      label: {
        color: theme.text,
        fontFamily: theme.fontFamily,
        fontSize,
        lineHeight: Math.round(fontSize * 1.2),
        overflow: 'none' as const,
        formatter: labelText,
      },
      labelLine: { length: lineLength, length2: lineLength2, lineStyle: { color: theme.textDim } },
      data,
    }],
  }
}

/** Classes by turnover, biggest first, each keeping its ring colour. */
function classesByTurnover(byClass: readonly ClassRow[], theme: WallTheme) {
  const palette = classPalette(theme)
  return byClass.map((c, i) => ({ ...c, colour: palette[i % palette.length]! }))
    .sort((a, b) => b.turnoverYtd - a.turnoverYtd)
}

/** The turnover bars' arrays: class names and amounts. */
export function buildAuctionClassTurnoverData(byClass: readonly ClassRow[], theme: WallTheme, labels: AuctionClassLabels) {
  const ranked = classesByTurnover(byClass, theme)
  return {
    yAxis: { data: ranked.map(c => labels.className(c.assetClass)) },
    series: [{
      data: ranked.map(c => ({
        value: c.turnoverYtd,
        text: labels.formatYuan(c.turnoverYtd),
        itemStyle: { color: c.colour, borderRadius: [0, 4, 4, 0] },
      })),
    }],
  }
}

/** Bars of this year's turnover per class, biggest on top, the amount printed at the end of each bar. */
export function buildAuctionClassTurnoverOption(byClass: readonly ClassRow[], theme: WallTheme, size: ChartSize, labels: AuctionClassLabels) {
  const fontSize = Math.max(MIN_TYPE_PX, Math.round(size.fontPx * 0.9))
  const data = buildAuctionClassTurnoverData(byClass, theme, labels)
  // room after the bars for the longest amount, and a little more for it to grow
  const labelRoom = Math.max(0, ...data.series[0]!.data.map(d => estimateTextWidth(d.text, fontSize))) + fontSize
  return {
    // a feed update redraws once: an eased transition repaints the whole canvas every frame for half a second
    animationDurationUpdate: 0,
    grid: {
      left: Math.round(size.fontPx * 0.4),
      right: labelRoom,
      top: Math.round(size.fontPx * 0.3),
      bottom: Math.round(size.fontPx * 0.3),
      outerBoundsMode: 'same' as const,
      outerBoundsContain: 'axisLabel' as const,
    },
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
      name: 'classTurnover',
      barWidth: '56%',
      label: { show: true, position: 'right' as const, color: theme.text, fontSize, fontFamily: theme.fontFamily, formatter: labelText },
      data: data.series[0]!.data,
    }],
  }
}
