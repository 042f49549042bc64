// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mountWall } from '~/test/mount-wall'
import WallTourCaption from './WallTourCaption.vue'

const STEP = { caption: { 'zh-CN': '网络查控：3,800多家银行', 'en': 'Network inquiry: 3,800+ banks' }, index: 2, steps: 8, running: true }

describe('WallTourCaption', () => {
  it('shows the step\'s caption in the wall\'s language with a discreet progress mark', () => {
    const wrapper = mountWall(WallTourCaption, { props: { step: STEP } })
    expect(wrapper.find('[data-testid="wall-tour-text"]').text()).toBe('网络查控：3,800多家银行')
    expect(wrapper.find('[data-testid="wall-tour-progress"]').text()).toContain('3/8')
    expect(wrapper.findAll('.wall-tour__dot[data-done="true"]')).toHaveLength(3)
    expect(wrapper.findAll('.wall-tour__dot')).toHaveLength(8)
  })

  it('speaks English on an English wall', () => {
    const wrapper = mountWall(WallTourCaption, { props: { step: { ...STEP, running: false } } }, 'en')
    expect(wrapper.find('[data-testid="wall-tour-text"]').text()).toBe('Network inquiry: 3,800+ banks')
    expect(wrapper.attributes('data-running')).toBe('false')
  })
})
