// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { indicators, provinceStats } from '~/test/fixtures'
import PanelQualitySummary from './PanelQualitySummary.vue'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 700, chartHeight: 320, fontPx: 20 }

describe('PanelQualitySummary', () => {
  it('shows the national figures against their targets and the units of each colour', async () => {
    const wrapper = mountWall(PanelQualitySummary, { props: { indicators: indicators(), stats: provinceStats(), ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('quality-summary')
    const tiles = wrapper.findAll('[data-testid="quality-national"]')
    expect(tiles.map(t => t.attributes('data-rag'))).toEqual(['green', 'green', 'amber', 'green'])
    expect(tiles[2]!.text()).toContain('88.1%')
    expect(tiles[2]!.text()).toContain('目标 ≥ 90%')
    expect(tiles[0]!.text()).toMatch(/达标单位 \d+\/32/)
    const svg = wrapper.find('[data-testid="rag-chart"]').html()
    expect(svg).toContain('<svg')
    expect(svg).toContain('三年执结率')
    wrapper.unmount()
  })

  it('shows the national figures while the unit rows are still on their way', () => {
    const wrapper = mountWall(PanelQualitySummary, { props: { indicators: indicators(), stats: null, ...chart } })
    expect(wrapper.findAll('[data-testid="quality-national"]')).toHaveLength(4)
    expect(wrapper.find('[data-testid="rag-chart"]').text()).toContain('等待数据')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelQualitySummary, { props: { indicators: null, stats: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelQualitySummary, { props: { indicators: indicators(), stats: provinceStats(), stale: true, ageMs: 11_000, ...chart } })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('11秒')
    stale.unmount()
  })
})
