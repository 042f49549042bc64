/**
 * 网络查控 charts: today's queries by linked agency (horizontal bars, biggest on top) and today's
 * hits by asset kind (a ring; the panel prints the legend with the figures in DOM beside it).
 *
 * Each chart has two builders: `build*Option` gives the whole option (on first draw, resize or a
 * language switch), `build*Data` only the arrays a feed message changes, so an update merges a few
 * arrays into the live chart instead of a whole option.
 */
import { ASSET_KINDS, INQUIRY_AGENCIES, type InquiryStats } from '~/protocol'
import type { ChartSize, WallTheme } from './theme'

export type InquiryAgency = typeof INQUIRY_AGENCIES[number]
export type AssetKind = typeof ASSET_KINDS[number]
export type AgencyRow = InquiryStats['byAgency'][number]
export type AssetKindRow = InquiryStats['byAssetKind'][number]

/** Names and number formatting the inquiry charts need; the panels take them from i18n and src/logic/format.ts. */
export interface InquiryChartLabels {
  agency: (agency: InquiryAgency) => string
  assetKind: (kind: AssetKind) => string
  formatCount: (n: number) => string
}

/**
 * One colour per asset kind, fixed, so a kind keeps its colour on the ring and in the legend
 * whatever its rank. Deposits (the most hits) take the wall's cyan.
 */
export const ASSET_KIND_COLOURS: Readonly<Record<AssetKind, string>> = {
  deposit: '#2fd6ff',
  onlineFunds: '#ffc94d',
  vehicle: '#2fe0a8',
  realEstate: '#7b8cff',
  wealthProduct: '#ff8a5b',
  securities: '#c77dff',
  equity: '#5be0e0',
  housingFund: '#9ccf5a',
  ship: '#ff6b9a',
}

/** Agencies by today's queries, biggest first; equal counts keep the protocol's order. */
export function rankAgencies(rows: readonly AgencyRow[]): AgencyRow[] {
  const order = (a: InquiryAgency) => INQUIRY_AGENCIES.indexOf(a)
  return [...rows].sort((a, b) => b.inquiriesToday - a.inquiriesToday || order(a.agency) - order(b.agency))
}

/** Asset kinds by today's hits, biggest first, with their share of all hits (0–100). */
export function rankAssetKinds(rows: readonly AssetKindRow[]): (AssetKindRow & { share: number })[] {
  const total = rows.reduce((sum, r) => sum + r.hitsToday, 0)
  const order = (k: AssetKind) => ASSET_KINDS.indexOf(k)
  return [...rows]
    .sort((a, b) => b.hitsToday - a.hitsToday || order(a.assetKind) - order(b.assetKind))
    .map(r => ({ ...r, share: total > 0 ? r.hitsToday / total * 100 : 0 }))
}

const barFill = (from: string, to: string) => ({
  type: 'linear' as const,
  x: 0,
  y: 0,
  x2: 1,
  y2: 0,
  colorStops: [{ offset: 0, color: from }, { offset: 1, color: to }],
})

/** The arrays of the agency bars: category names and values, the leader in gold. */
export function buildAgencyBarData(rows: readonly AgencyRow[], theme: WallTheme, labels: InquiryChartLabels) {
  const ranked = rankAgencies(rows)
  return {
    yAxis: { data: ranked.map(r => labels.agency(r.agency)) },
    series: [{
      data: ranked.map((r, i) => ({
        value: r.inquiriesToday,
        agency: r.agency,
        itemStyle: { color: i === 0 ? barFill('#b37a10', theme.gold) : barFill('#1565b5', theme.accent) },
      })),
    }],
  }
}

export function buildAgencyBarOption(rows: readonly AgencyRow[], theme: WallTheme, size: ChartSize, labels: InquiryChartLabels) {
  const fontSize = Math.max(10, Math.round(size.fontPx * 0.85))
  const data = buildAgencyBarData(rows, theme, labels)
  return {
    // a feed message redraws once: no update tween, whose frames would each repaint a wall-sized canvas
    animationDurationUpdate: 0,
    textStyle: { fontFamily: theme.fontFamily },
    grid: {
      left: Math.round(size.fontPx * 0.6),
      right: Math.round(size.fontPx * 4.6),
      top: Math.round(size.fontPx * 0.5),
      bottom: Math.round(size.fontPx * 0.5),
      // the names on the left stay inside the panel; the value labels have the right margin
      outerBoundsMode: 'same' as const,
      outerBoundsContain: 'axisLabel' as const,
    },
    xAxis: {
      type: 'value' as const,
      axisLabel: { show: false },
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { lineStyle: { color: theme.track } },
    },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      axisLine: { lineStyle: { color: theme.track } },
      axisTick: { show: false },
      axisLabel: { color: theme.text, fontSize, fontFamily: theme.fontFamily, margin: Math.round(fontSize * 0.6) },
      data: data.yAxis.data,
    },
    series: [{
      type: 'bar' as const,
      barWidth: '58%',
      showBackground: true,
      backgroundStyle: { color: theme.track },
      label: {
        show: true,
        position: 'right' as const,
        color: theme.text,
        fontSize,
        fontFamily: theme.fontFamily,
        fontWeight: 'bold' as const,
        formatter: (p: { value: number }) => labels.formatCount(p.value),
      },
      data: data.series[0]!.data,
    }],
  }
}

/** The arrays of the asset-kind ring: one slice per kind, in its fixed colour. */
export function buildAssetRingData(rows: readonly AssetKindRow[], labels: InquiryChartLabels) {
  return {
    series: [{
      data: rankAssetKinds(rows).map(r => ({
        name: labels.assetKind(r.assetKind),
        value: r.hitsToday,
        assetKind: r.assetKind,
        itemStyle: { color: ASSET_KIND_COLOURS[r.assetKind] },
      })),
    }],
  }
}

export function buildAssetRingOption(rows: readonly AssetKindRow[], theme: WallTheme, size: ChartSize, labels: InquiryChartLabels) {
  const edge = Math.max(1, Math.round(size.fontPx / 12))
  return {
    // No animation at all: with only its update tween switched off, the ring kept redrawing its
    // canvas some 16 times a second between messages (a pie transition that never settles).
    animation: false,
    series: [{
      type: 'pie' as const,
      radius: ['52%', '86%'],
      center: ['50%', '50%'],
      startAngle: 90,
      // the legend beside the ring names every kind with its figure; labels on a 0.5 % slice would collide
      label: { show: false },
      labelLine: { show: false },
      itemStyle: { borderColor: theme.panelBg, borderWidth: edge },
      emphasis: { scale: false },
      data: buildAssetRingData(rows, labels).series[0]!.data,
    }],
  }
}
