// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelBattlePlanSummary from './PanelBattlePlanSummary.vue'
import { battlePlan, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'

describe('PanelBattlePlanSummary', () => {
  it('counts the milestones by status and gives the share done', () => {
    const wrapper = mountWall(PanelBattlePlanSummary, { props: { plan: battlePlan(), now: TEST_TS } })
    expect(wrapper.attributes('data-panel')).toBe('battlePlanSummary')
    const counts = Object.fromEntries(wrapper.findAll('[data-testid="status-count"]').map(c => [c.attributes('data-status'), c.find('.summary__n').text()]))
    expect(counts).toEqual({ done: '11', inProgress: '1', upcoming: '2', overdue: '1' })
    expect(wrapper.find('[data-testid="battleplan-done"]').text()).toBe('73%')
    expect(wrapper.text()).toContain('共 15 个节点')
  })

  it('waits for the plan, and shows a placeholder for an empty one', () => {
    expect(mountWall(PanelBattlePlanSummary, { props: { plan: null, now: TEST_TS } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const empty = mountWall(PanelBattlePlanSummary, { props: { plan: { asOf: 0, milestones: [] }, now: TEST_TS } })
    expect(empty.find('[data-testid="battleplan-done"]').text()).toBe('—')
    expect(empty.find('[data-testid="countdown"]').exists()).toBe(false)
    expect(empty.find('[data-testid="next-deadline"]').text()).toContain('暂无待截止节点')
  })

  it('counts down to the next deadline by the second, past the overdue task, on to the next once it runs out', async () => {
    // TEST_TS is 10:00 on 5 March in Beijing; m13 is due in March: 26 days and 14 hours left
    const wrapper = mountWall(PanelBattlePlanSummary, { props: { plan: battlePlan(), now: TEST_TS } })
    const next = wrapper.find('[data-testid="next-deadline"]')
    expect(next.attributes('data-milestone')).toBe('m13')
    expect(next.text()).toContain('规范提升三年行动（2025-03）')
    expect(wrapper.find('[data-testid="countdown"]').text()).toBe('26 天14:00:00')
    await wrapper.setProps({ now: TEST_TS + 1000 })
    expect(wrapper.find('[data-testid="countdown"]').text()).toBe('26 天13:59:59')
    await wrapper.setProps({ now: Date.UTC(2025, 2, 31, 16, 0, 0) })
    expect(next.attributes('data-milestone')).toBe('m14')
  })

  it('counts down in English too', () => {
    const wrapper = mountWall(PanelBattlePlanSummary, { props: { plan: battlePlan(), now: TEST_TS } }, 'en')
    expect(wrapper.find('[data-testid="countdown"]').text()).toBe('26 d14:00:00')
  })
})
