// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useFeedHub } from '~/test/feed-hub'
import { provinceStats, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import ScreenHeatmap from './ScreenHeatmap.vue'

const hub = useFeedHub({ at: TEST_TS })

describe('ScreenHeatmap', () => {
  it('shows the map and every unit ranked, the Corps among them', async () => {
    const wrapper = mountWall(ScreenHeatmap, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('heatmap')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(2)
    await hub.snapshot({ 'province.stats': provinceStats() })
    await flushPromises()
    expect(wrapper.find('[data-panel="heatmap"]').exists()).toBe(true)
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(32)
    expect(rows[0]!.attributes('data-unit')).toBe('440000')
    expect(rows[0]!.text()).toContain('广东')
    expect(rows.some(r => r.attributes('data-unit') === 'XPCC')).toBe(true)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('ranks by the metric chosen on the map', async () => {
    const wrapper = mountWall(ScreenHeatmap, { attachTo: document.body })
    await hub.snapshot({ 'province.stats': provinceStats() })
    await flushPromises()
    await wrapper.find('[data-testid="metric-option"][data-metric="actualClosureRate"]').trigger('click')
    await nextTick()
    expect(wrapper.find('[data-panel="ranking"]').text()).toContain('实际执结率')
    expect(wrapper.find('[data-testid="ranking-row"]').text()).toMatch(/9\d\.\d%/)
    wrapper.unmount()
  })
})
