// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { auctionStats } from '~/test/supervision-fixtures'
import PanelAuctionKpis from './PanelAuctionKpis.vue'
import { mountWall } from '~/test/mount-wall'

const kpiText = (wrapper: ReturnType<typeof mountWall>, key: string) => wrapper.find(`[data-kpi="${key}"] [data-testid="kpi-value"]`).text()

describe('PanelAuctionKpis', () => {
  it('shows the five figures formatted in Chinese', () => {
    const wrapper = mountWall(PanelAuctionKpis, { props: { stats: auctionStats(), durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('auction-kpi')
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(5)
    expect(kpiText(wrapper, 'today')).toBe('3456次')
    expect(kpiText(wrapper, 'ytd')).toBe('21.23万次')
    expect(kpiText(wrapper, 'successRate')).toBe('72.4%')
    expect(kpiText(wrapper, 'premiumRate')).toBe('25.3%')
    expect(kpiText(wrapper, 'turnoverYtd')).toBe('6420亿元')
    expect(wrapper.text()).toContain('成交率')
    expect(wrapper.text()).toContain('溢价率')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
  })

  it('and in English', () => {
    const wrapper = mountWall(PanelAuctionKpis, { props: { stats: auctionStats(), durationMs: 0 } }, 'en')
    expect(kpiText(wrapper, 'ytd')).toBe('212.3K auctions')
    expect(kpiText(wrapper, 'turnoverYtd')).toBe('642.00B yuan')
    expect(wrapper.text()).toContain('Premium over reserve')
  })

  it('waits before data and marks stale data, keeping the figures', () => {
    const waiting = mountWall(PanelAuctionKpis, { props: { stats: null } })
    expect(waiting.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    expect(waiting.findAll('[data-testid="kpi"]')).toHaveLength(0)
    const stale = mountWall(PanelAuctionKpis, { props: { stats: auctionStats(), stale: true, ageMs: 45_000, durationMs: 0 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('45秒')
    expect(stale.findAll('[data-testid="kpi"]')).toHaveLength(5)
  })
})
