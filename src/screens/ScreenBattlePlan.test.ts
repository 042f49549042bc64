// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { useFeedHub } from '~/test/feed-hub'
import { battlePlan, indicators, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import { useWallLayout, WALL_LAYOUT_KEY } from '~/layout/useWallLayout'
import ScreenBattlePlan from './ScreenBattlePlan.vue'

const hub = useFeedHub({ at: TEST_TS })

/** The layout of a wall of this profile and size, as WallShell provides it. */
function wall(profileId: string, innerWidth: number, innerHeight: number) {
  const layout = effectScope().run(() => useWallLayout({ profileId, window: { innerWidth, innerHeight, addEventListener: () => {}, removeEventListener: () => {} } }))!
  return { provide: { [WALL_LAYOUT_KEY as symbol]: layout } }
}

function feedPlan(): Promise<void> {
  return hub.snapshot({ 'battleplan.milestones': battlePlan(), 'national.indicators': indicators() })
}

describe('ScreenBattlePlan', () => {
  it('shows the time axis, the campaign in numbers, the tasks in hand and the indicators', async () => {
    const wrapper = mountWall(ScreenBattlePlan, { global: wall('wall-32x9', 7680, 2160), attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('battleplan')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(4)
    await feedPlan()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="milestone"]')).toHaveLength(15)
    expect(wrapper.find('[data-testid="today-marker"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="battleplan-done"]').text()).toBe('73%')
    expect(wrapper.findAll('[data-testid="task"]').map(t => t.attributes('data-milestone'))).toEqual(['m12', 'm13', 'm14', 'm15'])
    expect(wrapper.findAll('[data-testid="indicator"]')).toHaveLength(4)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('leaves the dials to the overview on a 1920 × 1080 screen', async () => {
    const wrapper = mountWall(ScreenBattlePlan, { global: wall('hd-16x9', 1920, 1080), attachTo: document.body })
    await feedPlan()
    await flushPromises()
    expect(wrapper.find('[data-panel="battlePlan"]').exists()).toBe(true)
    expect(wrapper.find('[data-panel="battlePlanSummary"]').exists()).toBe(true)
    expect(wrapper.find('[data-panel="battlePlanTasks"]').exists()).toBe(true)
    expect(wrapper.find('[data-panel="indicators"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
