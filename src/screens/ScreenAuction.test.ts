// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mountWall } from '~/test/mount-wall'
import { useFeedStore } from '~/stores/feed'
import { createFakeDataSource, type FakeDataSource } from '~/test/fake-data-source'
import { TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import { auctionStats } from '~/test/supervision-fixtures'
import ScreenAuction from './ScreenAuction.vue'

let ds: FakeDataSource

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(TEST_TS)
  setActivePinia(createPinia())
  ds = createFakeDataSource()
  useFeedStore().start(ds)
})

afterEach(() => {
  useFeedStore().stop()
  vi.useRealTimers()
})

describe('ScreenAuction', () => {
  it('waits, then passes auction.stats to its three panels', async () => {
    const wrapper = mountWall(ScreenAuction, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('auction')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(3)
    ds.emitStatus('live')
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: TEST_TS, source: TEST_SOURCE, topics: { 'auction.stats': auctionStats() } })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    for (const panel of ['auction-kpi', 'auction-classes', 'auction-units'])
      expect(wrapper.find(`[data-panel="${panel}"]`).exists(), panel).toBe(true)
    expect(wrapper.find('[data-kpi="successRate"]').text()).toContain('72.4%')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('follows a patch and marks every panel stale when the topic goes quiet', async () => {
    const wrapper = mountWall(ScreenAuction, { attachTo: document.body })
    ds.emitStatus('live')
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: TEST_TS, source: TEST_SOURCE, topics: { 'auction.stats': auctionStats() } })
    await flushPromises()
    ds.emitMessage({ type: 'patch', seq: 1, ts: TEST_TS, topic: 'auction.stats', data: auctionStats({ successRate: 80.04 }) })
    await flushPromises()
    expect(wrapper.find('[data-kpi="successRate"]').text()).toContain('80.0%')
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(5)
    wrapper.unmount()
  })
})
