// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelBattlePlanTasks from './PanelBattlePlanTasks.vue'
import { battlePlan, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'

describe('PanelBattlePlanTasks', () => {
  it('lists the tasks in hand, most urgent first, with days left or over and progress', () => {
    const wrapper = mountWall(PanelBattlePlanTasks, { props: { plan: battlePlan(), now: TEST_TS, fontPx: 18, rows: 6 } })
    expect(wrapper.attributes('data-panel')).toBe('battlePlanTasks')
    const tasks = wrapper.findAll('[data-testid="task"]')
    expect(tasks.map(t => t.attributes('data-milestone'))).toEqual(['m12', 'm13', 'm14', 'm15'])
    expect(tasks[0]!.attributes('data-status')).toBe('overdue')
    expect(tasks[0]!.text()).toContain('网拍规范整改')
    expect(tasks[0]!.text()).toContain('逾期 105 天')
    expect(tasks[0]!.text()).toContain('60%')
    // '2025-03' is due at the end of March
    expect(tasks[1]!.text()).toContain('剩 26 天')
    expect(tasks[1]!.text()).toContain('截止 2025-03')
    expect(wrapper.find('[data-testid="tasks-more"]').exists()).toBe(false)
  })

  it('counts what does not fit', () => {
    const wrapper = mountWall(PanelBattlePlanTasks, { props: { plan: battlePlan(), now: TEST_TS, fontPx: 18, rows: 3 } })
    expect(wrapper.findAll('[data-testid="task"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="tasks-more"]').text()).toBe('另有 2 项')
  })
})
