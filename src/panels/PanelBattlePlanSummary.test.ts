// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelBattlePlanSummary from './PanelBattlePlanSummary.vue'
import { battlePlan } from './testFixtures'
import { mountWall } from './testMount'

describe('PanelBattlePlanSummary', () => {
  it('counts the milestones by status and gives the share done', () => {
    const wrapper = mountWall(PanelBattlePlanSummary, { props: { plan: battlePlan() } })
    expect(wrapper.attributes('data-panel')).toBe('battlePlanSummary')
    const counts = Object.fromEntries(wrapper.findAll('[data-testid="status-count"]').map(c => [c.attributes('data-status'), c.find('.summary__n').text()]))
    expect(counts).toEqual({ done: '11', inProgress: '1', upcoming: '2', overdue: '1' })
    expect(wrapper.find('[data-testid="battleplan-done"]').text()).toBe('73%')
    expect(wrapper.text()).toContain('共 15 个节点')
  })

  it('waits for the plan, and shows a placeholder for an empty one', () => {
    expect(mountWall(PanelBattlePlanSummary, { props: { plan: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const empty = mountWall(PanelBattlePlanSummary, { props: { plan: { asOf: 0, milestones: [] } } })
    expect(empty.find('[data-testid="battleplan-done"]').text()).toBe('—')
  })
})
