// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ROUND_NEXT, ROUND_START, terminationStats } from '~/test/supervision-fixtures'
import PanelTerminationCycle from './PanelTerminationCycle.vue'
import { mountWall } from '~/test/mount-wall'

const QUARTER = ROUND_START + (ROUND_NEXT - ROUND_START) / 4

describe('PanelTerminationCycle', () => {
  it('shows the round\'s progress against the pool it started with, findings and the next round\'s date', () => {
    const wrapper = mountWall(PanelTerminationCycle, { props: { stats: terminationStats(), now: QUARTER } })
    expect(wrapper.attributes('data-panel')).toBe('termination-cycle')
    expect(wrapper.find('[data-testid="requery-percent"]').text()).toBe('25.0%')
    const bar = wrapper.find('[data-testid="requery-progress"]')
    expect(bar.attributes('aria-valuenow')).toBe('25')
    expect(bar.find('span').attributes('style')).toContain('width: 25.00%')
    // 1000万 of the 4000万 the round started with, though the pool holds 4100万 now
    expect(wrapper.find('[data-testid="requery-of"]').text()).toBe('已查询 1000万 / 本轮应查 4000万')
    expect(wrapper.text()).not.toContain('4100万')
    expect(wrapper.find('[data-figure="queried"]').text()).toContain('1000万件')
    expect(wrapper.find('[data-figure="propertyFound"]').text()).toContain('31万件')
    expect(wrapper.find('[data-figure="propertyFound"]').text()).toContain('占已查询 3.1%')
    expect(wrapper.find('[data-figure="restarted"]').text()).toContain('占发现财产 50.0%')
    expect(wrapper.find('[data-testid="requery-next"]').text()).toContain('2026年7月1日')
    expect(wrapper.find('[data-testid="requery-next"]').text()).toMatch(/还有 \d+ 天/)
    expect(wrapper.text()).toContain('本轮时间已过 25%')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelTerminationCycle, { props: { stats: terminationStats(), now: QUARTER } }, 'en')
    expect(wrapper.find('[data-testid="requery-next"]').text()).toContain('Jul 1, 2026')
    expect(wrapper.find('[data-testid="requery-of"]').text()).toBe('10M of 40M cases queried')
    expect(wrapper.text()).not.toContain('41M')
  })

  it('reads a finished round as 100 % of its starting pool, even after the pool has grown', () => {
    const stats = terminationStats({ poolSize: 42_500_000 })
    const cycle = { ...stats.cycle, poolAtStart: 40_000_000, queried: 40_000_000, propertyFound: 1_200_000, restarted: 600_000 }
    const wrapper = mountWall(PanelTerminationCycle, { props: { stats: { ...stats, cycle }, now: ROUND_NEXT - 1 } })
    expect(wrapper.find('[data-testid="requery-percent"]').text()).toBe('100.0%')
    expect(wrapper.find('[data-testid="requery-progress"]').attributes('aria-valuenow')).toBe('100')
    expect(wrapper.find('[data-testid="requery-of"]').text()).toBe('已查询 4000万 / 本轮应查 4000万')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelTerminationCycle, { props: { stats: null, now: QUARTER } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelTerminationCycle, { props: { stats: terminationStats(), now: QUARTER, stale: true, ageMs: 30_000 } })
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
    expect(stale.find('[data-testid="requery-progress"]').exists()).toBe(true)
  })
})
