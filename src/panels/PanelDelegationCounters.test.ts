// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { delegationStats } from '~/test/measures-fixtures'
import PanelDelegationCounters from './PanelDelegationCounters.vue'
import { mountWall } from '~/test/mount-wall'

const value = (wrapper: ReturnType<typeof mountWall>, key: string) => wrapper.find(`[data-kpi="${key}"] [data-testid="kpi-value"]`).text()

describe('PanelDelegationCounters', () => {
  it('shows today and the totals, and says what base the totals continue', () => {
    const wrapper = mountWall(PanelDelegationCounters, { props: { stats: delegationStats(), durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('delegationCounters')
    expect(value(wrapper, 'today')).toBe('1,234件')
    expect(value(wrapper, 'cumulative')).toBe('261.2345万件')
    expect(value(wrapper, 'personTripsSaved')).toBe('1,004.7481万人次')
    expect(value(wrapper, 'costSaved')).toBe('63.290000亿元')
    const footnote = wrapper.find('[data-testid="footnote"]').text()
    for (const figure of ['26万', '100万人次', '6.3亿元', '2018'])
      expect(footnote).toContain(figure)
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelDelegationCounters, { props: { stats: delegationStats(), durationMs: 0 } }, 'en')
    expect(value(wrapper, 'cumulative')).toBe('2,612,345 matters')
    expect(wrapper.find('[data-testid="footnote"]').text()).toContain('260,000+')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelDelegationCounters, { props: { stats: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelDelegationCounters, { props: { stats: delegationStats(), stale: true, ageMs: 12_000, durationMs: 0 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
  })
})
