// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelBattlePlanTimeline from './PanelBattlePlanTimeline.vue'
import { battlePlan, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'

const box = { width: 3000, height: 420, fontPx: 24 }

describe('PanelBattlePlanTimeline', () => {
  it('draws a node per milestone with its status, and the today marker', () => {
    const plan = battlePlan()
    const wrapper = mountWall(PanelBattlePlanTimeline, { props: { plan, now: TEST_TS, ...box } })
    expect(wrapper.attributes('data-panel')).toBe('battlePlan')
    const nodes = wrapper.findAll('[data-testid="milestone"]')
    expect(nodes).toHaveLength(plan.milestones.length)
    const statuses = nodes.map(n => n.attributes('data-status'))
    expect(statuses.filter(s => s === 'done')).toHaveLength(11)
    expect(statuses).toContain('overdue')
    expect(statuses).toContain('inProgress')
    expect(statuses).toContain('upcoming')
    const today = wrapper.find('[data-testid="today-marker"]')
    expect(today.exists()).toBe(true)
    expect(today.text()).toContain('今天 2025-03-05')
    const todayLeft = Number.parseFloat(today.attributes('style')!.match(/left:\s*([\d.]+)%/)![1]!)
    const overdueLeft = Number.parseFloat(wrapper.find('[data-milestone="m12"]').attributes('style')!.match(/left:\s*([\d.]+)%/)![1]!)
    expect(todayLeft).toBeGreaterThan(overdueLeft)
  })

  it('labels nodes with date, title and target, grouping the dense past', () => {
    const wrapper = mountWall(PanelBattlePlanTimeline, { props: { plan: battlePlan(), now: TEST_TS, ...box } })
    const labels = wrapper.findAll('[data-testid="milestone-label"]')
    expect(labels.length).toBeGreaterThan(2)
    expect(labels.length).toBeLessThanOrEqual(battlePlan().milestones.length)
    expect(wrapper.text()).toContain('三年行动验收')
    expect(wrapper.text()).toContain('四个90%、一个80%')
    expect(wrapper.text()).toContain('2026-12')
    // 15 milestones at 288 px a label on 3000 px cannot all have their own label
    expect(wrapper.text()).toMatch(/\d{4}-\d{2} – \d{4}-\d{2}/)
    expect(wrapper.text()).toMatch(/\d+项/)
    expect(wrapper.text()).toContain('已逾期')
  })

  it('gives every milestone its own label when there is room', () => {
    const wrapper = mountWall(PanelBattlePlanTimeline, { props: { plan: battlePlan(), now: TEST_TS, width: 20000, height: 1200, fontPx: 12 } }, 'en')
    expect(wrapper.findAll('[data-testid="milestone-label"]')).toHaveLength(15)
    expect(wrapper.text()).toContain('EN 决胜动员')
    expect(wrapper.text()).toContain('Today 2025-03-05')
  })

  it('waits before data and keeps the plan under a stale mark', () => {
    expect(mountWall(PanelBattlePlanTimeline, { props: { plan: null, now: TEST_TS, ...box } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelBattlePlanTimeline, { props: { plan: battlePlan(), now: TEST_TS, stale: true, ageMs: 3_600_000, ...box } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('1小时')
    expect(stale.findAll('[data-testid="milestone"]')).toHaveLength(15)
  })

  it('never squeezes a label below the lines it holds, and keeps every label inside the strip', () => {
    const fontPx = 18
    const needed: Record<string, number> = { full: 4.88, normal: 3.63, compact: 2.59, line: 1.55 }
    const seen = new Set<string>()
    for (const height of [140, 159, 200, 260, 340, 480, 640]) {
      const wrapper = mountWall(PanelBattlePlanTimeline, { props: { plan: battlePlan(), now: TEST_TS, width: 1875, height, fontPx } })
      const labels = wrapper.findAll('[data-testid="milestone-label"]')
      expect(labels.length).toBeGreaterThan(0)
      for (const label of labels) {
        const mode = /timeline__label--(full|normal|compact|line)/.exec(label.classes().join(' '))?.[1] ?? '?'
        seen.add(mode)
        const style = label.attributes('style') ?? ''
        const top = Number.parseFloat(/top:\s*([\d.-]+)px/.exec(style)![1]!)
        const h = Number.parseFloat(/height:\s*([\d.]+)px/.exec(style)![1]!)
        expect(h, `${mode} label at ${height} px`).toBeGreaterThanOrEqual(needed[mode]! * fontPx + 2 - 0.01)
        expect(top).toBeGreaterThanOrEqual(0)
        expect(top + h).toBeLessThanOrEqual(height + 0.01)
      }
      wrapper.unmount()
    }
    expect([...seen].sort()).toEqual(['compact', 'full', 'line', 'normal'])
  })

  it('lets a tight group label give its span the room its counts leave', () => {
    const wrapper = mountWall(PanelBattlePlanTimeline, { props: { plan: battlePlan(), now: TEST_TS, width: 1875, height: 159, fontPx: 18 } })
    const groups = wrapper.findAll('.timeline__label--group')
    expect(groups.length).toBeGreaterThan(0)
    for (const group of groups) {
      // a title line, then the span beside one count per status, without the total
      expect(group.find('.timeline__count-total').exists()).toBe(false)
      expect(group.find('.timeline__title').text().length).toBeGreaterThan(0)
      expect(group.findAll('.timeline__count').length).toBeGreaterThan(0)
    }
  })

  it('follows a changed plan and a new day, though it skips payloads that repeat the plan', async () => {
    const plan = battlePlan()
    const wrapper = mountWall(PanelBattlePlanTimeline, { props: { plan, now: TEST_TS, ...box } })
    const statusOf = (id: string) => wrapper.find(`[data-milestone="${id}"]`).attributes('data-status')
    const todayLeft = () => wrapper.find('[data-testid="today-marker"]').attributes('style')
    const before = todayLeft()
    await wrapper.setProps({ plan: structuredClone(plan), now: TEST_TS + 1000 })
    expect(todayLeft()).toBe(before)
    const changed = structuredClone(plan)
    changed.milestones = changed.milestones.map(m => m.id === 'm12' ? { ...m, status: 'done' as const } : m)
    await wrapper.setProps({ plan: changed })
    expect(statusOf('m12')).toBe('done')
    await wrapper.setProps({ now: TEST_TS + 40 * 86_400_000 })
    expect(todayLeft()).not.toBe(before)
    expect(wrapper.find('[data-testid="today-marker"]').text()).toContain('2025-04-14')
  })
})
