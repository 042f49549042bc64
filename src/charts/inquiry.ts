/**
 * 网络查控: the ranking of agencies (drawn as DOM bars by PanelInquiryByAgency) and the ring of
 * today's hits by asset kind (the panel prints the legend with the figures in DOM beside it).
 *
 * The ring has two builders: `buildAssetRingOption` gives the whole option (on first draw, resize
 * or a language switch), `buildAssetRingData` only the array a feed message changes.
 */
import { PieChart } from 'echarts/charts'
import { use } from 'echarts/core'
import { ASSET_KINDS, INQUIRY_AGENCIES, type InquiryStats } from '~/protocol'
import { WALL_THEME, type ChartSize, type WallTheme } from './theme'

// The chart types this page draws, registered with it: the overview's bundle does not carry them (setup.ts).
use([PieChart])

export type InquiryAgency = typeof INQUIRY_AGENCIES[number]
export type AssetKind = typeof ASSET_KINDS[number]
export type AgencyRow = InquiryStats['byAgency'][number]
export type AssetKindRow = InquiryStats['byAssetKind'][number]

/** Names and number formatting the inquiry charts need; the panels take them from i18n and src/logic/format.ts. */
export interface InquiryChartLabels {
  assetKind: (kind: AssetKind) => string
  formatCount: (n: number) => string
}

/**
 * One colour per asset kind, fixed, so a kind keeps its colour on the ring and in the legend
 * whatever its rank. Deposits (the most hits) take the wall's cyan.
 */
export const ASSET_KIND_COLOURS: Readonly<Record<AssetKind, string>> = {
  deposit: WALL_THEME.accent,
  onlineFunds: WALL_THEME.gold,
  vehicle: WALL_THEME.met,
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

/**
 * What the ring draws, as a string: the kinds in order with their shares to a tenth of a percent
 * (a third of a degree of the ring, what the legend prints). Hits grow with every message; the
 * panel redraws the ring only when this key changes.
 */
export function assetRingDrawKey(rows: readonly AssetKindRow[]): string {
  return rankAssetKinds(rows).map(r => `${r.assetKind}:${r.share.toFixed(1)}`).join(',')
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
