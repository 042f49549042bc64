// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelFrame from './PanelFrame.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelFrame', () => {
  it('shows its title and body, marked fresh', () => {
    const wrapper = mountWall(PanelFrame, { props: { panelId: 'kpi', title: '核心数据' }, slots: { default: '<p class="body">42</p>' } })
    expect(wrapper.attributes('data-panel')).toBe('kpi')
    expect(wrapper.attributes('data-stale')).toBe('false')
    expect(wrapper.text()).toContain('核心数据')
    expect(wrapper.find('.body').text()).toBe('42')
    expect(wrapper.find('[data-testid="stale-mark"]').exists()).toBe(false)
  })

  it('shows a stale mark with the age when stale, keeping the body', () => {
    const wrapper = mountWall(PanelFrame, { props: { panelId: 'kpi', title: 'x', stale: true, ageMs: 42_000 }, slots: { default: '<p class="body">42</p>' } })
    expect(wrapper.attributes('data-stale')).toBe('true')
    expect(wrapper.find('[data-testid="stale-mark"]').text()).toContain('42秒')
    expect(wrapper.find('.body').exists()).toBe(true)
  })

  it('says data never arrived when stale without an age', () => {
    const wrapper = mountWall(PanelFrame, { props: { panelId: 'kpi', title: 'x', stale: true, ageMs: null } }, 'en')
    expect(wrapper.find('[data-testid="stale-mark"]').text()).toContain('No data received')
  })

  it('shows a calm waiting state instead of the body before data', () => {
    const wrapper = mountWall(PanelFrame, { props: { panelId: 'kpi', title: 'x', waiting: true }, slots: { default: '<p class="body">NaN</p>' } })
    expect(wrapper.find('[data-testid="panel-waiting"]').text()).toBe('等待数据…')
    expect(wrapper.find('.body').exists()).toBe(false)
  })

  it('puts the body in a size container when asked, and only then', () => {
    const boxed = mountWall(PanelFrame, { props: { panelId: 'kpi', title: 'x', box: true }, slots: { default: '<p class="body">42</p>' } })
    expect(boxed.find('.panel-frame__body > .kit-box > .body').exists()).toBe(true)
    const plain = mountWall(PanelFrame, { props: { panelId: 'kpi', title: 'x' }, slots: { default: '<p class="body">42</p>' } })
    expect(plain.find('.panel-frame__body > .body').exists()).toBe(true)
    expect(plain.find('.kit-box').exists()).toBe(false)
  })

  it('says data never arrived when stale without an age, also when the age is left out', () => {
    const wrapper = mountWall(PanelFrame, { props: { panelId: 'kpi', title: 'x', stale: true } }, 'en')
    expect(wrapper.find('[data-testid="stale-mark"]').text()).toContain('No data received')
  })
})
