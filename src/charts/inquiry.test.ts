import '~/test/echarts-svg'
import { describe, expect, it } from 'vitest'
import { ASSET_KINDS } from '~/protocol'
import { inquiryStats } from '~/test/measures-fixtures'
import {
  ASSET_KIND_COLOURS, assetRingDrawKey, buildAssetRingData, buildAssetRingOption, rankAgencies, rankAssetKinds,
  type InquiryChartLabels,
} from './inquiry'
import { echarts } from './setup'
import { WALL_THEME } from './theme'

const size = { width: 900, height: 500, fontPx: 36 }
const labels: InquiryChartLabels = {
  assetKind: k => `K:${k}`,
  formatCount: n => `${n}次`,
}

type ChartOption = Parameters<ReturnType<typeof echarts.init>['setOption']>[0]

function renderSvg(option: ChartOption, width = size.width, height = size.height): string {
  const chart = echarts.init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width, height })
  chart.setOption(option)
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}

describe('agency bars', () => {
  it('rank agencies biggest first, equal counts in protocol order', () => {
    const ranked = rankAgencies([
      { agency: 'insurance', inquiriesToday: 5 },
      { agency: 'bank', inquiriesToday: 5 },
      { agency: 'pbc', inquiriesToday: 9 },
    ])
    expect(ranked.map(r => r.agency)).toEqual(['pbc', 'bank', 'insurance'])
  })

  it('rank kinds with shares that add up to 100', () => {
    const ranked = rankAssetKinds(inquiryStats().byAssetKind)
    expect(ranked).toHaveLength(ASSET_KINDS.length)
    expect(ranked[0]!.hitsToday).toBeGreaterThanOrEqual(ranked[1]!.hitsToday)
    expect(ranked.reduce((s, r) => s + r.share, 0)).toBeCloseTo(100, 6)
    expect(rankAssetKinds([{ assetKind: 'ship', hitsToday: 0 }])[0]!.share).toBe(0)
  })

  it('give every kind its own fixed colour, whatever its rank', () => {
    expect(new Set(Object.values(ASSET_KIND_COLOURS)).size).toBe(ASSET_KINDS.length)
    const slices = buildAssetRingData(inquiryStats().byAssetKind, labels).series[0]!.data
    for (const slice of slices)
      expect(slice.itemStyle.color).toBe(ASSET_KIND_COLOURS[slice.assetKind])
    expect(slices.map(s => s.name)).toContain('K:ship')
  })

  it('key a redraw of the ring on shares to a tenth of a percent', () => {
    const rows = inquiryStats().byAssetKind
    const key = assetRingDrawKey(rows)
    expect(assetRingDrawKey(rows.map(r => r.assetKind === 'deposit' ? { ...r, hitsToday: r.hitsToday + 1 } : r))).toBe(key)
    expect(assetRingDrawKey(rows.map(r => r.assetKind === 'ship' ? { ...r, hitsToday: r.hitsToday * 20 + 1000 } : r))).not.toBe(key)
  })

  it('draw a ring without labels on the slices', () => {
    const option = buildAssetRingOption(inquiryStats().byAssetKind, WALL_THEME, size, labels)
    expect(option.series[0]!.label.show).toBe(false)
    expect(option.series[0]!.radius).toEqual(['52%', '86%'])
    // a ring that animated kept redrawing between messages: it never animates
    expect(option.animation).toBe(false)
    const svg = renderSvg(option, 500, 500)
    expect(svg).toContain('<path')
    expect(svg).not.toContain('K:deposit')
  })
})
