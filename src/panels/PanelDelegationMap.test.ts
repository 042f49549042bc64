// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import BaseChart from '~/charts/BaseChart.vue'
import { FLOW_EFFECT_PLAY_MS, FLOW_EFFECT_REST_MS } from '~/charts/delegation'
import { delegationStats } from '~/test/functions-a-fixtures'
import PanelDelegationMap from './PanelDelegationMap.vue'
import { mountWall } from './testMount'

const chart = { renderer: 'svg' as const, chartWidth: 900, chartHeight: 700, fontPx: 18 }

describe('PanelDelegationMap', () => {
  it('draws the map with the units, the Corps beside 新疆, and the lines', async () => {
    const wrapper = mountWall(PanelDelegationMap, { props: { flows: delegationStats().flows, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('delegationMap')
    const svg = wrapper.find('svg').html()
    for (const name of ['北京', '天津', '新疆', '兵团', '南海诸岛'])
      expect(svg).toContain(name)
    expect(wrapper.find('[data-testid="flow-legend"]').text()).toContain('线宽')
    expect(wrapper.find('[data-testid="corps-note"]').text()).toContain('兵团')
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelDelegationMap, { props: { flows: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelDelegationMap, { props: { flows: delegationStats().flows, stale: true, ageMs: 40_000, ...chart } }, 'en')
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('40 s')
    stale.unmount()
  })

  it('plays the moving symbols for a while after the flows change, then stops them', async () => {
    vi.useFakeTimers()
    try {
      const flows = delegationStats().flows
      const wrapper = mountWall(PanelDelegationMap, { props: { flows, ...chart } })
      const effectShown = () => (wrapper.findComponent(BaseChart).props('option') as { series: { effect: { show: boolean } }[] }).series[0]!.effect.show
      expect(effectShown()).toBe(true)
      vi.advanceTimersByTime(FLOW_EFFECT_PLAY_MS + 10)
      await flushPromises()
      expect(effectShown()).toBe(false)
      // the same flows again (a new array): nothing moves
      vi.advanceTimersByTime(FLOW_EFFECT_REST_MS)
      await wrapper.setProps({ flows: flows.map(f => ({ ...f })) })
      expect(effectShown()).toBe(false)
      await wrapper.setProps({ flows: flows.map((f, i) => i === 0 ? { ...f, count: f.count + 1 } : f) })
      await flushPromises()
      expect(effectShown()).toBe(true)
      wrapper.unmount()
    }
    finally {
      vi.useRealTimers()
    }
  })
})
