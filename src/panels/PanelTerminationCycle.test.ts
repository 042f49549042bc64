// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ROUND_NEXT, ROUND_START, terminationStats } from '~/test/functions-b-fixtures'
import PanelTerminationCycle from './PanelTerminationCycle.vue'
import { mountWall } from './testMount'

const QUARTER = ROUND_START + (ROUND_NEXT - ROUND_START) / 4

describe('PanelTerminationCycle', () => {
  it('shows the round\'s progress, findings and the next round\'s date', () => {
    const wrapper = mountWall(PanelTerminationCycle, { props: { stats: terminationStats(), now: QUARTER } })
    expect(wrapper.attributes('data-panel')).toBe('termination-cycle')
    expect(wrapper.find('[data-testid="requery-percent"]').text()).toBe('25.0%')
    const bar = wrapper.find('[data-testid="requery-progress"]')
    expect(bar.attributes('aria-valuenow')).toBe('25')
    expect(bar.find('span').attributes('style')).toContain('width: 25.00%')
    expect(wrapper.text()).toContain('已查询 1025万 / 在库 4100万')
    expect(wrapper.find('[data-figure="propertyFound"]').text()).toContain('31万件')
    expect(wrapper.find('[data-figure="propertyFound"]').text()).toContain('占已查询 3.0%')
    expect(wrapper.find('[data-figure="restarted"]').text()).toContain('占发现财产 50.0%')
    expect(wrapper.find('[data-testid="requery-next"]').text()).toContain('2026年7月1日')
    expect(wrapper.find('[data-testid="requery-next"]').text()).toMatch(/还有 \d+ 天/)
    expect(wrapper.text()).toContain('本轮时间已过 25%')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelTerminationCycle, { props: { stats: terminationStats(), now: QUARTER } }, 'en')
    expect(wrapper.find('[data-testid="requery-next"]').text()).toContain('Jul 1, 2026')
    expect(wrapper.text()).toContain('10.3M queried of 41M in the pool')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelTerminationCycle, { props: { stats: null, now: QUARTER } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelTerminationCycle, { props: { stats: terminationStats(), now: QUARTER, stale: true, ageMs: 30_000 } })
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
    expect(stale.find('[data-testid="requery-progress"]').exists()).toBe(true)
  })
})
