// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createDefaultWallState } from '~/control/state'
import { mountWall } from '~/test/mount-wall'
import type { RollCallState } from '~/protocol'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import { indicators, TEST_TS } from '~/test/fixtures'
import { rollCall, rollCallState } from '~/test/supervision-fixtures'
import ScreenRollCall from './ScreenRollCall.vue'

const hub = useFeedHub({ at: TEST_TS })

function wallState(roll: RollCallState) {
  return { ...createDefaultWallState(TEST_TS, 'rollcall'), rollCall: roll }
}

function snapshot(roll: RollCallState): Promise<void> {
  return hub.snapshot({ 'rollcall.courts': rollCall(), 'wall.state': wallState(roll), 'national.indicators': indicators() }, { ts: TEST_TS })
}

describe('ScreenRollCall', () => {
  it('shows the drawn courts as cards with their video slots', async () => {
    const wrapper = mountWall(ScreenRollCall, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('rollcall')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(2)
    await snapshot(rollCallState())
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    const names = wrapper.findAll('[data-testid="court-name"]').map(n => n.text())
    expect(names).toEqual(['江苏 · 基层法院 #37', '兵团 · 中级法院 #3', '上海市高级人民法院'])
    expect(wrapper.findAll('[data-testid="video-slot"]')).toHaveLength(3)
    expect(wrapper.find('[data-court="320000-basic-37"] [data-testid="video-placeholder"]').exists()).toBe(true)
    expect(wrapper.find('[data-court="310000-high-1"] video').exists()).toBe(true)
    expect(wrapper.find('[data-court="320000-basic-37"]').attributes('data-rag')).toBe('green')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('shows "drawing" when the wall state names a new draw, then the new courts with a re-drawn notice', async () => {
    const wrapper = mountWall(ScreenRollCall, { attachTo: document.body })
    await snapshot(rollCallState())
    await flushPromises()
    const drawnAt = rollCall().drawnAt + 1000
    await hub.patch('wall.state', wallState(rollCallState({ drawId: 'draw-9', count: 2, drawnAt })), { ts: TEST_TS })
    await flushPromises()
    expect(wrapper.find('[data-testid="rollcall-drawing"]').text()).toContain('正在随机抽取 2 家法院')
    expect(wrapper.find('[data-testid="summary-drawing"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="court-card"]')).toHaveLength(0)
    await hub.patch('rollcall.courts', rollCall({ drawId: 'draw-9', drawnAt, courts: rollCall().courts.slice(1) }), { ts: TEST_TS })
    await flushPromises()
    expect(wrapper.find('[data-testid="rollcall-drawing"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="court-card"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="redraw-flash"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('marks its panels stale when the courts stop coming', async () => {
    const wrapper = mountWall(ScreenRollCall, { attachTo: document.body })
    await snapshot(rollCallState())
    await flushPromises()
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="court-card"]')).toHaveLength(3)
    wrapper.unmount()
  })
})
