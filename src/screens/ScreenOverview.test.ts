// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { battlePlan, indicators, kpi, provinceStats, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import ScreenOverview from './ScreenOverview.vue'

const hub = useFeedHub({ at: TEST_TS })

function snapshot(): Promise<void> {
  return hub.snapshot({ 'national.kpi': kpi(), 'national.indicators': indicators(), 'province.stats': provinceStats(), 'battleplan.milestones': battlePlan() })
}

describe('ScreenOverview', () => {
  it('passes the feed to its panels', async () => {
    const wrapper = mountWall(ScreenOverview, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('overview')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(5)
    await snapshot()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(8)
    expect(wrapper.findAll('[data-testid="indicator"]')).toHaveLength(4)
    expect(wrapper.findAll('[data-testid="ranking-row"]')).toHaveLength(10)
    expect(wrapper.findAll('[data-testid="milestone"]')).toHaveLength(15)
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(0)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('shares the selected metric between the map and the ranking', async () => {
    const wrapper = mountWall(ScreenOverview, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    await wrapper.find('[data-testid="metric-option"][data-metric="actualClosureRate"]').trigger('click')
    await nextTick()
    expect(wrapper.find('[data-panel="ranking"]').text()).toContain('实际执结率')
    expect(wrapper.find('[data-testid="ranking-row"]').text()).toMatch(/%/)
    wrapper.unmount()
  })

  it('marks panels stale when their topic ages past the limit, keeping the values', async () => {
    const wrapper = mountWall(ScreenOverview, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(5)
    expect(wrapper.findAll('[data-testid="stale-mark"]').length).toBe(5)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(8)
    wrapper.unmount()
  })
})
