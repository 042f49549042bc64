// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { summarizeTour, type Tour, type TourState } from '~/protocol'
import ControlRoomLanguage from './ControlRoomLanguage.vue'
import ControlTour from './ControlTour.vue'
import { mountTerminal } from '~/test/mount-terminal'

const caption = (zh: string, en: string) => ({ 'zh-CN': zh, 'en': en })
const TOUR: Tour = {
  id: 'story',
  title: caption('执行工作', 'Enforcement'),
  steps: [
    { page: 'overview', focusUnitId: null, rotate3d: true, dwellSec: 60, caption: caption('全国态势', 'The national picture'), drawRollCall: false },
    { page: 'battleplan', focusUnitId: null, rotate3d: true, dwellSec: 90, caption: caption('挂图作战', 'The battle plan'), drawRollCall: false },
    { page: 'inquiry', focusUnitId: null, rotate3d: true, dwellSec: 30, caption: caption('网络查控', 'Network inquiry'), drawRollCall: false },
  ],
}
const running = (index: number, on = true): TourState => ({ tour: TOUR, index, running: on, stepStartedAt: on ? 1 : null, remainingMs: on ? null : 1000 })

describe('ControlTour', () => {
  it('lists the tours with their length and starts one', async () => {
    const wrapper = mountTerminal(ControlTour, { props: { tours: [summarizeTour(TOUR)], tour: null, language: 'zh-CN' } })
    expect(wrapper.text()).toContain('执行工作')
    expect(wrapper.text()).toContain('3 步，约 3 分钟')
    await wrapper.find('[data-testid="tour-start"]').trigger('click')
    expect(wrapper.emitted('start')).toEqual([['story']])
  })

  it('shows the step on the wall with its caption, and steps back, forward, holds and ends', async () => {
    const wrapper = mountTerminal(ControlTour, { props: { tours: [summarizeTour(TOUR)], tour: running(1), language: 'en' } }, 'en')
    expect(wrapper.find('[data-testid="tour-step"]').text()).toBe('Step 2 of 3')
    expect(wrapper.find('[data-testid="tour-caption"]').text()).toBe('The battle plan')
    await wrapper.find('[data-testid="tour-back"]').trigger('click')
    await wrapper.find('[data-testid="tour-forward"]').trigger('click')
    await wrapper.find('[data-testid="tour-pause"]').trigger('click')
    await wrapper.find('[data-testid="tour-stop"]').trigger('click')
    expect(wrapper.emitted('stepTo')).toEqual([[0], [2]])
    expect(wrapper.emitted('pause')).toHaveLength(1)
    expect(wrapper.emitted('stop')).toHaveLength(1)
    await wrapper.setProps({ tour: running(2, false) })
    expect(wrapper.find('[data-testid="tour-forward"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="tour-resume"]').trigger('click')
    expect(wrapper.emitted('resume')).toHaveLength(1)
  })

  it('says when the server has no tours', () => {
    const wrapper = mountTerminal(ControlTour, { props: { tours: [], tour: null, language: 'zh-CN' } })
    expect(wrapper.text()).toContain('未配置导览')
  })
})

describe('ControlRoomLanguage', () => {
  it('marks the room\'s language and asks for the other', async () => {
    const wrapper = mountTerminal(ControlRoomLanguage, { props: { language: 'zh-CN' } })
    const [zh, en] = wrapper.findAll('[data-testid="room-language"]')
    expect(zh!.attributes('aria-pressed')).toBe('true')
    expect(en!.attributes('aria-pressed')).toBe('false')
    await en!.trigger('click')
    expect(wrapper.emitted('set')).toEqual([['en']])
  })
})
