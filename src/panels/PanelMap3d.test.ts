// @vitest-environment happy-dom
// PanelMap3d.vue in a DOM without WebGL (happy-dom has none): it must still stand as a panel,
// in its 2D mode, with the contract's attributes.
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PanelMap3d from './PanelMap3d.vue'
import { provinceStats } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'

function mountPanel(props: Partial<InstanceType<typeof PanelMap3d>['$props']> = {}) {
  return mountWall(PanelMap3d, {
    attachTo: document.body,
    props: {
      units: provinceStats().units,
      metric: 'casesReceivedYtd',
      metricLabel: '受理',
      title: '全国执行态势',
      noDataLabel: '暂无数据',
      fontPx: 24,
      ...props,
    },
  })
}

describe('PanelMap3d', () => {
  it('exposes the panel contract and says when it shows the 2D map instead', async () => {
    const wrapper = mountPanel()
    await flushPromises()
    const root = wrapper.find('[data-panel="map3d"]')
    expect(root.exists()).toBe(true)
    expect(root.attributes('data-mode')).toBe('2d-fallback')
    expect(root.attributes('data-ready')).toBe('true')
    expect(root.attributes('data-stale')).toBe('false')
    expect(root.attributes('data-rebuilds')).toBe('0')
    expect(root.attributes('data-rotating')).toBe('true')
    const note = wrapper.find('[data-testid="map3d-fallback-note"]')
    expect(note.exists()).toBe(true)
    expect(note.text()).not.toBe('')
    expect(wrapper.find('[data-testid="map3d-metric"]').text()).toBe('受理')
    expect(wrapper.text()).toContain('台湾、香港、澳门')
    wrapper.unmount()
  })

  it('shows the stale mark with the age, and the no-data text before figures arrive', async () => {
    const wrapper = mountPanel({ units: null, stale: true, ageMs: 42_000 })
    await flushPromises()
    expect(wrapper.find('[data-panel="map3d"]').attributes('data-stale')).toBe('true')
    expect(wrapper.find('[data-testid="stale-mark"]').text()).toContain('42秒')
    expect(wrapper.find('[data-testid="map3d-no-data"]').text()).toBe('暂无数据')
    wrapper.unmount()
  })
})
