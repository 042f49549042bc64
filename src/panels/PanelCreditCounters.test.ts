// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { creditStats } from '~/test/measures-fixtures'
import PanelCreditCounters from './PanelCreditCounters.vue'
import { mountWall } from '~/test/mount-wall'

const value = (wrapper: ReturnType<typeof mountWall>, key: string) => wrapper.find(`[data-kpi="${key}"] [data-testid="kpi-value"]`).text()

describe('PanelCreditCounters', () => {
  it('shows the list now and this year\'s additions, removals and restorations', () => {
    const wrapper = mountWall(PanelCreditCounters, { props: { stats: creditStats(), group: 'list', durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('creditList')
    expect(wrapper.findAll('[data-testid="kpi"]').map(k => k.attributes('data-kpi'))).toEqual(['listedNow', 'addedYtd', 'removedYtd', 'restoredYtd'])
    expect(value(wrapper, 'listedNow')).toBe('691.2345万人')
    expect(value(wrapper, 'restoredYtd')).toBe('40.1234万人次')
    expect(wrapper.find('[data-kpi="addedYtd"]').text()).toContain('2026年')
  })

  it('shows the flight and high-speed-rail bans since 2013', () => {
    const wrapper = mountWall(PanelCreditCounters, { props: { stats: creditStats(), group: 'bans', durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('creditBans')
    expect(value(wrapper, 'flightBansCumulative')).toBe('6,051.2345万人次')
    expect(value(wrapper, 'railBansCumulative')).toBe('1,234.5678万人次')
    expect(wrapper.text()).toContain('累计限制乘坐动车高铁')
    expect(wrapper.text()).toContain('2013年以来')
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelCreditCounters, { props: { stats: creditStats(), group: 'bans', durationMs: 0 } }, 'en')
    expect(value(wrapper, 'flightBansCumulative')).toBe('60,512,345 times')
    expect(wrapper.text()).toContain('since 2013')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelCreditCounters, { props: { stats: null, group: 'list' } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelCreditCounters, { props: { stats: creditStats(), group: 'bans', stale: true, ageMs: 12_000, durationMs: 0 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
  })
})
