// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { TrendPoint } from '~/charts/trend'
import PanelUnitTrend from './PanelUnitTrend.vue'
import { mountWall } from '~/test/mount-wall'

const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)
const chart = { chartWidth: 900, chartHeight: 400, fontPx: 18, intervalMs: 15_000 }
const points: TrendPoint[] = Array.from({ length: 41 }, (_, i) => ({ at: T0 + i * 15_000, casesConcludedYtd: 640_000 + i * 120, actualClosureRate: 91 + (i % 5) * 0.1 }))

describe('PanelUnitTrend', () => {
  it('draws the unit\'s line and says which window it covers', async () => {
    const wrapper = mountWall(PanelUnitTrend, { props: { points, target: 90, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('unitTrend')
    expect(wrapper.find('[data-testid="trend-window"]').text()).toBe('近 10分钟 · 每 15秒 采样 · 41 个点')
    const svg = wrapper.find('svg')
    expect(svg.exists()).toBe(true)
    // the time axis in Beijing time, the counts in whole numbers, the rate axis in percent
    expect(svg.html()).toContain('10:0')
    expect(svg.html()).toMatch(/64\d,\d{3}/)
    expect(svg.html()).toContain('%')
    expect(wrapper.text()).toContain('目标 90%')
    wrapper.unmount()
  })

  it('says it is still sampling with one point, and waits with none', async () => {
    const one = mountWall(PanelUnitTrend, { props: { points: points.slice(0, 1), target: null, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(one.find('[data-testid="trend-window"]').text()).toBe('采样中 · 已有 1 个点 · 每 15秒 一次')
    expect(one.find('svg').exists()).toBe(true)
    one.unmount()
    const none = mountWall(PanelUnitTrend, { props: { points: [], target: 90, ...chart } })
    expect(none.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    none.unmount()
  })
})
