// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { creditStats } from '~/test/measures-fixtures'
import PanelCreditHistory from './PanelCreditHistory.vue'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 1200, chartHeight: 600, fontPx: 18 }

describe('PanelCreditHistory', () => {
  it('draws published points solid and labelled, the simulated continuation dashed, and names both', async () => {
    const wrapper = mountWall(PanelCreditHistory, { props: { history: creditStats().history, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('creditHistory')
    expect(wrapper.find('[data-testid="legend-published"]').text()).toBe('公开发布数据')
    expect(wrapper.find('[data-testid="legend-simulated"]').text()).toContain('模拟延续')
    const svg = wrapper.find('svg').html()
    expect(svg).toContain('1450万')
    expect(svg).toContain('8.7万')
    expect(svg).toMatch(/stroke-dasharray/)
    wrapper.unmount()
  })

  it('names no simulated series when there is none', async () => {
    const published = creditStats().history.filter(p => !p.simulated)
    const wrapper = mountWall(PanelCreditHistory, { props: { history: published, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="legend-simulated"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelCreditHistory, { props: { history: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelCreditHistory, { props: { history: creditStats().history, stale: true, ageMs: 12_000, ...chart } }, 'en')
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('12 s')
    expect(stale.find('[data-testid="legend-simulated"]').text()).toContain('not official')
    stale.unmount()
  })
})
