// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { terminationStats } from '~/test/supervision-fixtures'
import PanelTerminationPool from './PanelTerminationPool.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelTerminationPool', () => {
  it('shows the pool, this year\'s additions and restarts', () => {
    const wrapper = mountWall(PanelTerminationPool, { props: { stats: terminationStats(), durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('termination-pool')
    expect(wrapper.find('[data-kpi="poolSize"] [data-testid="kpi-value"]').text()).toBe('4,100.0000万件')
    expect(wrapper.find('[data-kpi="addedYtd"] [data-testid="kpi-value"]').text()).toBe('62.0000万件')
    expect(wrapper.find('[data-kpi="restartedYtd"] [data-testid="kpi-value"]').text()).toBe('15.0000万件')
    expect(wrapper.text()).toContain('在库案件')
    const en = mountWall(PanelTerminationPool, { props: { stats: terminationStats(), durationMs: 0 } }, 'en')
    expect(en.find('[data-kpi="poolSize"] [data-testid="kpi-value"]').text()).toBe('41,000,000 cases')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelTerminationPool, { props: { stats: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelTerminationPool, { props: { stats: terminationStats(), stale: true, ageMs: 90_000, durationMs: 0 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('1分钟')
  })
})
