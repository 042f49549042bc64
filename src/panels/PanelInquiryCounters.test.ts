// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { inquiryStats } from '~/test/measures-fixtures'
import PanelInquiryCounters from './PanelInquiryCounters.vue'
import { mountWall } from '~/test/mount-wall'

const kpi = (wrapper: ReturnType<typeof mountWall>, key: string) => wrapper.find(`[data-testid="kpi"][data-kpi="${key}"]`)

describe('PanelInquiryCounters', () => {
  it('shows queries, freezes and sums frozen, today and this year, in 万/亿', () => {
    const wrapper = mountWall(PanelInquiryCounters, { props: { stats: inquiryStats(), durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('inquiryCounters')
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    expect(kpi(wrapper, 'inquiriesToday').find('[data-testid="kpi-value"]').text()).toBe('61.2345万次')
    expect(kpi(wrapper, 'inquiriesYtd').text()).toContain('3,840.0000万次')
    expect(kpi(wrapper, 'inquiriesYtd').text()).toContain('2026年累计')
    expect(kpi(wrapper, 'frozenAmountToday').find('[data-testid="kpi-value"]').text()).toBe('25.100000亿元')
    expect(kpi(wrapper, 'frozenAmountYtd').find('[data-testid="kpi-value"]').text()).toBe('1,580.0000亿元')
    expect(kpi(wrapper, 'freezesToday').text()).toContain('今日')
  })

  it('reads in English with words after the figure', () => {
    const wrapper = mountWall(PanelInquiryCounters, { props: { stats: inquiryStats(), durationMs: 0 } }, 'en')
    expect(kpi(wrapper, 'inquiriesToday').find('[data-testid="kpi-value"]').text()).toBe('612,345 queries')
    expect(kpi(wrapper, 'frozenAmountYtd').find('[data-testid="kpi-value"]').text()).toBe('158.00000B yuan')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelInquiryCounters, { props: { stats: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelInquiryCounters, { props: { stats: inquiryStats(), stale: true, ageMs: 12_000, durationMs: 0 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
    expect(stale.findAll('[data-testid="kpi"]')).toHaveLength(6)
  })
})
