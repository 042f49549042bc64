import '~/test/echarts-svg'
import { describe, expect, it } from 'vitest'
import { ragCounts } from '~/logic/rag'
import { provinceStats } from '~/test/fixtures'
import { buildRagSummaryData, buildRagSummaryOption, ragColours } from './quality'
import { echarts } from './setup'
import { WALL_THEME } from './theme'

const TARGETS = { actualClosureRate: 90, terminationComplianceRate: 90, petitionCompletionRate: 90, threeYearClosureRate: 80 }
const size = { width: 900, height: 500, fontPx: 24 }

function renderSvg(option: object): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  chart.setOption(option as Parameters<typeof chart.setOption>[0])
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}

describe('RAG summary bars', () => {
  const counts = ragCounts(provinceStats().units, TARGETS)
  const labels = { indicatorName: (id: string) => `I:${id}`, ragName: (rag: string) => `R:${rag}` }

  it('stacks green, amber, red per indicator on an axis of all units', () => {
    const option = buildRagSummaryOption(counts, WALL_THEME, size, labels)
    expect(option.xAxis.max).toBe(32)
    expect(option.yAxis.data).toEqual(['I:actualClosureRate', 'I:terminationComplianceRate', 'I:petitionCompletionRate', 'I:threeYearClosureRate'])
    expect(option.series.map(s => s.id)).toEqual(['green', 'amber', 'red'])
    expect(option.series.map(s => s.itemStyle.color)).toEqual([WALL_THEME.met, ragColours(WALL_THEME).amber, WALL_THEME.notMet])
    expect(option.series[0]!.data[0]).toBe(counts.actualClosureRate.green)
    expect(option.series[0]!.label.formatter({ value: 0 })).toBe('')
    expect(option.series[0]!.label.formatter({ value: 7 })).toBe('7')
    const svg = renderSvg(option)
    expect(svg).toContain('I:threeYearClosureRate')
    expect(svg).toContain(`>${counts.actualClosureRate.green}<`)
  })

  it('patches only the counts', () => {
    const patch = buildRagSummaryData(counts)
    expect(patch.series.map(s => s.id)).toEqual(['green', 'amber', 'red'])
    expect(Object.keys(patch.series[0]!).sort()).toEqual(['data', 'id'])
  })
})
