// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import BaseChart from '~/charts/BaseChart.vue'
import { drawableFlows, FLOW_ARROW_PERIOD_MS, FLOW_EFFECT_PLAY_MS, FLOW_EFFECT_REST_MS, unitPoint } from '~/charts/delegation'
import { delegationStats } from '~/test/measures-fixtures'
import PanelDelegationMap from './PanelDelegationMap.vue'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 900, chartHeight: 700, fontPx: 18 }

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

  it('runs arrows along the lines for a while after the flows change, then stops them', async () => {
    vi.useFakeTimers()
    const cancels: ReturnType<typeof vi.fn>[] = []
    const animate = vi.fn(() => {
      const cancel = vi.fn()
      cancels.push(cancel)
      return { cancel }
    })
    const original = HTMLElement.prototype.animate
    HTMLElement.prototype.animate = animate as unknown as typeof HTMLElement.prototype.animate
    try {
      const flows = delegationStats().flows
      const wrapper = mountWall(PanelDelegationMap, { props: { flows, ...chart } })
      await flushPromises()
      const arrows = () => wrapper.findAll('[data-testid="flow-arrow"]')
      // one arrow per drawn line, each moved by one endless compositor animation from its line's start
      expect(arrows()).toHaveLength(drawableFlows(flows).length)
      expect(animate).toHaveBeenCalledTimes(drawableFlows(flows).length)
      const ec = wrapper.findComponent(BaseChart).vm.getChart()!
      const first = drawableFlows(flows)[0]!
      const [x, y] = ec.convertToPixel({ geoIndex: 0 }, unitPoint(first.from)!) as number[]
      const [keyframes, timing] = animate.mock.calls[0]! as unknown as [Keyframe[], KeyframeAnimationOptions]
      expect(keyframes[0]!.transform).toMatch(new RegExp(`^translate\\(${Math.round(x! * 10) / 10}px, ${Math.round(y! * 10) / 10}px\\)`))
      expect(timing).toMatchObject({ duration: FLOW_ARROW_PERIOD_MS, iterations: Number.POSITIVE_INFINITY })
      // the option never carries ECharts' own line effect
      expect(JSON.stringify(wrapper.findComponent(BaseChart).props('option'))).not.toContain('effect')

      vi.advanceTimersByTime(FLOW_EFFECT_PLAY_MS + 10)
      await flushPromises()
      expect(arrows()).toHaveLength(0)
      expect(cancels.every(cancel => cancel.mock.calls.length === 1)).toBe(true)
      // the same flows again (a new array): nothing moves
      vi.advanceTimersByTime(FLOW_EFFECT_REST_MS)
      await wrapper.setProps({ flows: flows.map(f => ({ ...f })) })
      await flushPromises()
      expect(arrows()).toHaveLength(0)
      await wrapper.setProps({ flows: flows.map((f, i) => i === 0 ? { ...f, count: f.count + 1 } : f) })
      await flushPromises()
      expect(arrows()).toHaveLength(drawableFlows(flows).length)
      wrapper.unmount()
    }
    finally {
      HTMLElement.prototype.animate = original
      vi.useRealTimers()
    }
  })

  it('stops the arrows and leaves no timer when it goes while they play', async () => {
    vi.useFakeTimers()
    const cancel = vi.fn()
    const original = HTMLElement.prototype.animate
    HTMLElement.prototype.animate = vi.fn(() => ({ cancel })) as unknown as typeof HTMLElement.prototype.animate
    try {
      const wrapper = mountWall(PanelDelegationMap, { props: { flows: delegationStats().flows, ...chart } })
      await flushPromises()
      expect(wrapper.findAll('[data-testid="flow-arrow"]').length).toBeGreaterThan(0)
      wrapper.unmount()
      expect(cancel).toHaveBeenCalledTimes(drawableFlows(delegationStats().flows).length)
      expect(vi.getTimerCount()).toBe(0)
    }
    finally {
      HTMLElement.prototype.animate = original
      vi.useRealTimers()
    }
  })

  it('runs no arrows for a viewer who asked for reduced motion', async () => {
    const animate = vi.fn()
    const original = HTMLElement.prototype.animate
    HTMLElement.prototype.animate = animate as unknown as typeof HTMLElement.prototype.animate
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce'), media: query, addEventListener() {}, removeEventListener() {} }))
    try {
      const wrapper = mountWall(PanelDelegationMap, { props: { flows: delegationStats().flows, ...chart } })
      await flushPromises()
      expect(wrapper.findAll('[data-testid="flow-arrow"]')).toHaveLength(0)
      expect(animate).not.toHaveBeenCalled()
      // the lines are there all the same
      expect(wrapper.find('svg').html()).toContain('<path')
      wrapper.unmount()
    }
    finally {
      vi.unstubAllGlobals()
      HTMLElement.prototype.animate = original
    }
  })
})
