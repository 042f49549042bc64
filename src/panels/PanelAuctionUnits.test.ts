// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { auctionStats } from '~/test/supervision-fixtures'
import PanelAuctionUnits from './PanelAuctionUnits.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelAuctionUnits', () => {
  it('ranks every unit by turnover, with turnover and count after each bar', async () => {
    const wrapper = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), fontPx: 20 } })
    expect(wrapper.attributes('data-panel')).toBe('auction-units')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(32)
    expect(rows[0]!.attributes('data-unit')).toBe('440000')
    expect(rows[0]!.text()).toContain('广东')
    expect(rows[0]!.text()).toMatch(/\d+(\.\d+)?亿元 · \d+(\.\d+)?万次/)
    expect(rows[0]!.find('.ranked__fill').attributes('style')).toContain('scaleX(1.0000)')
    expect(rows.find(r => r.attributes('data-unit') === 'XPCC')!.text()).toContain('兵团')
    await nextTick()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('全部 32 个单位')
  })

  it('shows the leaders only, in columns, when not all fit, and calls the Corps XPCC in English', async () => {
    const wrapper = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), fontPx: 20, fit: { blocks: 2, rowsPerBlock: 6, perPage: 12, fontPx: 24 } } }, 'en')
    expect(wrapper.findAll('ol')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="ranking-row"]')).toHaveLength(12)
    await nextTick()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('Top 12')
    expect(wrapper.findAll('ol')[1]!.attributes('start')).toBe('7')
    const all = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), fontPx: 20 } }, 'en')
    expect(all.text()).toContain('XPCC')
    expect(all.text()).not.toContain('Production and Construction')
  })

  it('waits before data and marks stale data', async () => {
    expect(mountWall(PanelAuctionUnits, { props: { stats: null, fontPx: 20 } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelAuctionUnits, { props: { stats: auctionStats(), stale: true, ageMs: 12_000, fontPx: 20 } })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('12秒')
    expect(stale.findAll('[data-testid="ranking-row"]')).toHaveLength(32)
  })
})
