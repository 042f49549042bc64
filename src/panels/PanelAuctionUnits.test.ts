// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { auctionStats } from '~/test/functions-b-fixtures'
import PanelAuctionUnits from './PanelAuctionUnits.vue'
import { mountWall } from './testMount'

const chart = { renderer: 'svg' as const, chartWidth: 800, chartHeight: 500, fontPx: 20 }

describe('PanelAuctionUnits', () => {
  it('ranks the units that fit, with turnover and count after each bar', async () => {
    const wrapper = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), ...chart }, attachTo: document.body })
    await flushPromises()
    const box = wrapper.find('[data-testid="auction-units"]')
    const rows = Number(box.attributes('data-rows'))
    expect(rows).toBe(Math.floor((500 - 12) / (20 * 1.35)))
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe(`前 ${rows} 名`)
    const html = box.html()
    expect(html).toContain('广东')
    expect(html).toMatch(/\d+(\.\d+)?亿元 · \d+(\.\d+)?万次/)
    wrapper.unmount()
  })

  it('says all units when all fit, and calls the Corps XPCC in English', async () => {
    const wrapper = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), ...chart, chartHeight: 1400 } }, 'en')
    await flushPromises()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('All 32 units')
    expect(wrapper.html()).toContain('XPCC')
    expect(wrapper.html()).not.toContain('Production and Construction')
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelAuctionUnits, { props: { stats: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), stale: true, ageMs: 12_000, ...chart } })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('12秒')
    stale.unmount()
  })
})
