// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { MAX_ROLL_CALL_COURTS, type RollCallState } from '~/protocol'
import ControlPageSettings from './ControlPageSettings.vue'
import { mountTerminal } from '~/test/mount-terminal'

const DRAW: RollCallState = { drawId: 'draw-7', count: 12, seed: 42, drawnAt: Date.UTC(2025, 2, 5, 2, 30, 0) }

describe('ControlPageSettings', () => {
  it('shows the rotation as the server has it and asks for the opposite', async () => {
    const wrapper = mountTerminal(ControlPageSettings, { props: { rotate3d: true, rollCall: DRAW } })
    const toggle = wrapper.find('[data-testid="rotation-toggle"]')
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(wrapper.text()).toContain('自动旋转中')
    await toggle.trigger('click')
    expect(wrapper.emitted('setRotation')).toEqual([[false]])
  })

  it('draws a roll call of the size chosen, within 1 … MAX_ROLL_CALL_COURTS', async () => {
    const wrapper = mountTerminal(ControlPageSettings, { props: { rotate3d: false, rollCall: DRAW } })
    expect(wrapper.find('[data-testid="rollcall-current"]').text()).toContain('当前 12 家 · 10:30:00 抽取')
    const more = wrapper.find('[aria-label="增加一家"]')
    await more.trigger('click')
    await more.trigger('click')
    await wrapper.find('[data-testid="rollcall-draw"]').trigger('click')
    expect(wrapper.emitted('drawRollCall')).toEqual([[14]])

    await wrapper.setProps({ rollCall: { ...DRAW, drawId: 'draw-8', count: MAX_ROLL_CALL_COURTS } })
    expect(wrapper.find('[data-testid="rollcall-count"]').text()).toBe(String(MAX_ROLL_CALL_COURTS))
    expect(more.attributes('disabled')).toBeDefined()
  })
})
