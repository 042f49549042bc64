// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { rollCall } from '~/test/supervision-fixtures'
import PanelRollCallCard from './PanelRollCallCard.vue'
import { mountWall } from '~/test/mount-wall'

const [jiangsu, corps, shanghai] = rollCall().courts

describe('PanelRollCallCard', () => {
  it('names the court, shows its figures and its rate against the target', () => {
    const wrapper = mountWall(PanelRollCallCard, { props: { court: jiangsu!, target: 90, index: 0 } })
    expect(wrapper.attributes('data-court')).toBe('320000-basic-37')
    expect(wrapper.find('[data-testid="court-name"]').text()).toBe('江苏 · 基层法院 #37')
    expect(wrapper.find('[data-testid="court-received"]').text()).toBe('4123件')
    expect(wrapper.find('[data-testid="court-concluded"]').text()).toBe('3456件')
    expect(wrapper.find('[data-testid="court-rate"]').text()).toBe('92.4%')
    expect(wrapper.attributes('data-rag')).toBe('green')
    expect(wrapper.text()).toContain('目标 ≥ 90%')
    expect(wrapper.find('[data-testid="video-placeholder"]').exists()).toBe(true)
  })

  it('names the Corps 兵团 / XPCC and colours a rate below target', () => {
    const zh = mountWall(PanelRollCallCard, { props: { court: corps!, target: 90, index: 1 } })
    expect(zh.find('[data-testid="court-name"]').text()).toBe('兵团 · 中级法院 #3')
    expect(zh.attributes('data-rag')).toBe('amber')
    const en = mountWall(PanelRollCallCard, { props: { court: corps!, target: 90, index: 1 } }, 'en')
    expect(en.find('[data-testid="court-name"]').text()).toBe('XPCC · Intermediate court #3')
    expect(en.find('[data-testid="court-received"]').text()).toBe('1.2K')
  })

  it('uses a configured name and plays the configured video', () => {
    const wrapper = mountWall(PanelRollCallCard, { props: { court: shanghai!, target: 90, index: 2 } })
    expect(wrapper.find('[data-testid="court-name"]').text()).toBe('上海市高级人民法院')
    expect(wrapper.attributes('data-rag')).toBe('red')
    expect(wrapper.find('video').attributes('src')).toBe(shanghai!.videoUrl)
  })

  it('shows the rate uncoloured before the target arrives', () => {
    const wrapper = mountWall(PanelRollCallCard, { props: { court: jiangsu!, target: null, index: 0 } })
    expect(wrapper.attributes('data-rag')).toBe('none')
    expect(wrapper.text()).not.toContain('目标')
  })
})
