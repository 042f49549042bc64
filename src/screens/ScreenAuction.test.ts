// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mountWall } from '~/test/mount-wall'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import { TEST_TS } from '~/test/fixtures'
import { auctionStats } from '~/test/supervision-fixtures'
import ScreenAuction from './ScreenAuction.vue'

const hub = useFeedHub({ at: TEST_TS })

describe('ScreenAuction', () => {
  it('waits, then passes auction.stats to its three panels', async () => {
    const wrapper = mountWall(ScreenAuction, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('auction')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(3)
    await hub.snapshot({ 'auction.stats': auctionStats() })
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
    await hub.snapshot({ 'auction.stats': auctionStats() })
    await flushPromises()
    await hub.patch('auction.stats', auctionStats({ successRate: 80.04 }))
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
