import '~/test/echarts-svg'
import { describe, expect, it } from 'vitest'
import { creditStats } from '~/test/measures-fixtures'
import { buildCreditHistoryData, buildCreditHistoryOption, creditHistoryDrawKey, historyDateMs, HISTORY_AXIS_START, publishedLabelMask, splitHistory } from './credit'
import { echarts } from './setup'
import { WALL_THEME } from './theme'

const size = { width: 1600, height: 800, fontPx: 36 }
const labels = { formatCount: (n: number) => `${Math.round(n / 10_000)}万` }

describe('credit history', () => {
  it('reads months and days as UTC dates', () => {
    expect(historyDateMs('2019-07')).toBe(Date.UTC(2019, 6, 1))
    expect(historyDateMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
  })

  it('splits published figures from the simulated continuation, joined at the last published point', () => {
    const { published, simulated } = splitHistory(creditStats().history)
    expect(published).toHaveLength(7)
    expect(published[0]).toEqual([Date.UTC(2014, 2, 1), 87_000])
    expect(published.at(-1)).toEqual([Date.UTC(2019, 6, 1), 14_500_000])
    // the bridge: the dashed line starts where the solid one ends
    expect(simulated[0]).toEqual(published.at(-1))
    expect(simulated).toHaveLength(81)
    expect(simulated[1]![0]).toBe(Date.UTC(2019, 7, 1))
  })

  it('sorts points given out of order, and draws no continuation when there is none', () => {
    const { published, simulated } = splitHistory([
      { date: '2018-05', listedCumulative: 2, simulated: false },
      { date: '2014-03', listedCumulative: 1, simulated: false },
    ])
    expect(published.map(([, v]) => v)).toEqual([1, 2])
    expect(simulated).toEqual([])
  })

  it('draws published points as solid labelled markers and the continuation dashed, without markers', () => {
    const option = buildCreditHistoryOption(creditStats().history, WALL_THEME, size, labels)
    const [published, simulated] = option.series
    expect(published!.symbol).toBe('circle')
    expect(published!.label.show).toBe(true)
    expect('type' in published.lineStyle).toBe(false)
    expect(published!.label.formatter({ value: [0, 14_500_000] })).toBe('1450万')
    expect(simulated!.lineStyle.type).toBe('dashed')
    expect(simulated!.showSymbol).toBe(false)
    expect(simulated!.endLabel.show).toBe(true)
    expect(option.xAxis.min({ min: Date.UTC(2014, 2, 1) })).toBe(HISTORY_AXIS_START)
  })

  it('keys a redraw on what moves a pixel, not on every listing', () => {
    const history = creditStats().history
    const last = history.at(-1)!
    const bumped = (by: number) => [...history.slice(0, -1), { ...last, listedCumulative: last.listedCumulative + by }]
    // the end label of the continuation prints the figure in 万 with two decimals
    const labels = { formatCount: (n: number) => `${(n / 10_000).toFixed(2)}万` }
    const key = creditHistoryDrawKey(history, { height: 900 }, labels)
    expect(creditHistoryDrawKey(bumped(3), { height: 900 }, labels)).toBe(key)
    // a change the end label shows is a redraw, even far below a pixel
    expect(creditHistoryDrawKey(bumped(150), { height: 900 }, labels)).not.toBe(key)
    expect(creditHistoryDrawKey(bumped(last.listedCumulative / 10), { height: 900 }, labels)).not.toBe(key)
    expect(creditHistoryDrawKey(history, { height: 1800 }, labels)).not.toBe(key)
  })

  it('updates with the two data arrays only', () => {
    const data = buildCreditHistoryData(creditStats().history, size, labels)
    expect(Object.keys(data)).toEqual(['series'])
    expect(data.series.map(s => Object.keys(s))).toEqual([['data'], ['data']])
    expect(data.series[0]!.data[0]!.value).toEqual([Date.UTC(2014, 2, 1), 87_000])
  })

  it('prints the newest published value always, and an older one only where it clears its neighbour', () => {
    const { published, simulated } = splitHistory(creditStats().history)
    const wide = publishedLabelMask(published, simulated, { width: 4000, height: 1800, fontPx: 36 }, labels)
    const narrow = publishedLabelMask(published, simulated, { width: 900, height: 500, fontPx: 18 }, labels)
    expect(wide.at(-1)).toBe(true)
    expect(narrow.at(-1)).toBe(true)
    // 2014-03 and 2017-02 lie years apart: always printed
    expect(narrow[0]).toBe(true)
    expect(narrow[1]).toBe(true)
    // the months of 2018–19 crowd a small chart: some of them give way
    expect(narrow.filter(Boolean).length).toBeLessThan(published.length)
    expect(wide.filter(Boolean).length).toBeGreaterThanOrEqual(narrow.filter(Boolean).length)
    const data = buildCreditHistoryData(creditStats().history, { width: 900, height: 500, fontPx: 18 }, labels).series[0]!.data
    expect(data.filter(d => 'label' in d)).toHaveLength(narrow.filter(show => !show).length)
  })

  it('renders the published values and years on the axis', () => {
    const chart = echarts.init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
    chart.setOption(buildCreditHistoryOption(creditStats().history, WALL_THEME, size, labels))
    const svg = chart.renderToSVGString()
    chart.dispose()
    expect(svg).toContain('1450万')
    expect(svg).toContain('2013')
    expect(svg).toMatch(/stroke-dasharray/)
  })
})
