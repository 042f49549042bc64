// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import BaseChart from '~/charts/BaseChart.vue'
import { indicators } from '~/test/fixtures'
import PanelIndicatorGauges from './PanelIndicatorGauges.vue'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 320, chartHeight: 240, fontPx: 18 }

describe('PanelIndicatorGauges', () => {
  it('draws four gauges, each marked met or not met against its target', async () => {
    const wrapper = mountWall(PanelIndicatorGauges, { props: { indicators: indicators(), ...chart }, attachTo: document.body })
    await flushPromises()
    const gauges = wrapper.findAll('[data-testid="indicator"]')
    expect(gauges.map(g => g.attributes('data-indicator'))).toEqual(['actualClosureRate', 'terminationComplianceRate', 'petitionCompletionRate', 'threeYearClosureRate'])
    const met = Object.fromEntries(gauges.map(g => [g.attributes('data-indicator'), g.attributes('data-met')]))
    // fixture: 91.2/90, 93.5/90, 88.1/90, 80.4/80
    expect(met).toEqual({ actualClosureRate: 'true', terminationComplianceRate: 'true', petitionCompletionRate: 'false', threeYearClosureRate: 'true' })
    const petition = wrapper.find('[data-indicator="petitionCompletionRate"]')
    expect(petition.find('[data-testid="indicator-value"]').text()).toBe('88.1%')
    expect(petition.text()).toContain('未达标')
    expect(petition.text()).toContain('目标 ≥ 90%')
    expect(petition.text()).toContain('执行信访案件办结率')
    // the arcs are really drawn, in the not-met colour for the missed one
    expect(petition.find('svg').exists()).toBe(true)
    expect(petition.html()).toMatch(/#ff6b5a|rgb\(255,\s?107,\s?90\)/i)
    wrapper.unmount()
  })

  it('waits before data, and keeps values under a stale mark', async () => {
    const waiting = mountWall(PanelIndicatorGauges, { props: { indicators: null, ...chart } })
    expect(waiting.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    expect(waiting.findAll('[data-testid="indicator"]')).toHaveLength(0)
    const stale = mountWall(PanelIndicatorGauges, { props: { indicators: indicators(), stale: true, ageMs: 30_000, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('30秒')
    expect(stale.findAll('[data-testid="indicator"]')).toHaveLength(4)
    stale.unmount()
  })

  it('draws an arc again only when its reading changes', async () => {
    const wrapper = mountWall(PanelIndicatorGauges, { props: { indicators: indicators(), ...chart }, attachTo: document.body })
    await flushPromises()
    const charts = wrapper.findAllComponents(BaseChart).map(c => c.vm.getChart()!)
    const spies = charts.map(c => vi.spyOn(c, 'setOption'))
    const next = (values: Partial<ReturnType<typeof indicators>['values']>) => {
      const base = indicators()
      return { ...base, asOf: base.asOf + 1000, values: { ...base.values, ...values } }
    }
    // the same figures again, and a change below the tenth the gauge shows: nothing to draw
    await wrapper.setProps({ indicators: next({}) })
    await wrapper.setProps({ indicators: next({ actualClosureRate: 91.22 }) })
    await flushPromises()
    expect(spies.map(s => s.mock.calls.length)).toEqual([0, 0, 0, 0])
    // a new tenth redraws that gauge alone
    await wrapper.setProps({ indicators: next({ actualClosureRate: 91.6 }) })
    await flushPromises()
    expect(spies.map(s => s.mock.calls.length)).toEqual([1, 0, 0, 0])
    wrapper.unmount()
  })
})
