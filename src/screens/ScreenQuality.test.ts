// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { useFeedHub } from '~/test/feed-hub'
import { indicators, provinceStats, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import { terminationStats } from '~/test/supervision-fixtures'
import PanelTerminationCycle from '~/panels/PanelTerminationCycle.vue'
import ScreenQuality from './ScreenQuality.vue'

const hub = useFeedHub({ at: TEST_TS })

function snapshot(): Promise<void> {
  return hub.snapshot({ 'termination.stats': terminationStats(), 'province.stats': provinceStats(), 'national.indicators': indicators() })
}

describe('ScreenQuality', () => {
  it('passes the pool, the round and every unit on the four indicators to its panels', async () => {
    const wrapper = mountWall(ScreenQuality, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('quality')
    const panels = wrapper.findAll('[data-panel]').length
    expect(panels).toBeGreaterThanOrEqual(4)
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(panels)
    await snapshot()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.find('[data-kpi="poolSize"]').text()).toContain('4,100.0000万')
    expect(wrapper.find('[data-testid="requery-progress"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="quality-row"]')).toHaveLength(32)
    expect(wrapper.findAll('[data-testid="quality-cell"][data-rag="none"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="quality-national"]')).toHaveLength(4)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('gives the re-query round the clock to the minute: it renders once a minute, not every second', async () => {
    const wrapper = mountWall(ScreenQuality, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    const cycle = wrapper.findComponent(PanelTerminationCycle)
    const first = cycle.props('now') as number
    expect(first % 60_000).toBe(0)
    expect(Date.now() - first).toBeLessThan(60_000)
    // seconds tick by and the panel's clock stays; the next minute moves it
    vi.advanceTimersByTime(first + 59_000 - Date.now())
    await nextTick()
    expect(cycle.props('now')).toBe(first)
    vi.advanceTimersByTime(2000)
    await nextTick()
    expect(cycle.props('now')).toBe(first + 60_000)
    wrapper.unmount()
  })

  it('colours nothing until the targets arrive, and marks the table stale when either topic goes quiet', async () => {
    const wrapper = mountWall(ScreenQuality, { attachTo: document.body })
    await hub.snapshot({ 'province.stats': provinceStats() })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="quality-cell"][data-rag="none"]')).toHaveLength(128)
    await hub.patch('national.indicators', indicators(), { ts: TEST_TS })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="quality-cell"][data-rag="none"]')).toHaveLength(0)
    vi.advanceTimersByTime(6000)
    // new figures as of now: data is as old as its asOf, not as its arrival
    await hub.patch('province.stats', { ...provinceStats(), asOf: Date.now() })
    vi.advanceTimersByTime(6000)
    await nextTick()
    // province.stats is fresh, national.indicators is 12 s old: the table shows the older age
    const table = wrapper.find('[data-panel="quality-table"]')
    expect(table.attributes('data-stale')).toBe('true')
    expect(table.find('[data-testid="stale-mark"]').text()).toContain('12秒')
    wrapper.unmount()
  })
})
