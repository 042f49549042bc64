// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { auctionStats } from '~/test/supervision-fixtures'
import PanelAuctionClasses from './PanelAuctionClasses.vue'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 800, chartHeight: 500, fontPx: 20 }

describe('PanelAuctionClasses', () => {
  it('draws the ring and the turnover bars with class names and amounts', async () => {
    const wrapper = mountWall(PanelAuctionClasses, { props: { stats: auctionStats(), ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('auction-classes')
    const ring = wrapper.find('[data-testid="class-share"]').html()
    expect(ring).toContain('住宅')
    expect(ring).toMatch(/\d+\.\d%/)
    const bars = wrapper.find('[data-testid="class-turnover"]').html()
    expect(bars).toContain('2000亿元')
    expect(bars).toContain('机器设备')
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelAuctionClasses, { props: { stats: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelAuctionClasses, { props: { stats: auctionStats(), stale: true, ageMs: 12_000, ...chart } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
    stale.unmount()
  })
})
