// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import BaseChart from '~/charts/BaseChart.vue'
import PanelProvinceHeatmap from './PanelProvinceHeatmap.vue'
import { provinceStats } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 900, chartHeight: 700, fontPx: 18 }

describe('PanelProvinceHeatmap', () => {
  it('draws the map with the no-data regions and the Corps beside 新疆', async () => {
    const wrapper = mountWall(PanelProvinceHeatmap, { props: { stats: provinceStats(), metric: 'casesReceivedYtd', ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('heatmap')
    const svg = wrapper.find('svg')
    expect(svg.exists()).toBe(true)
    const drawn = svg.html()
    for (const text of ['北京', '新疆', '兵团', '台湾', '暂无数据', '南海诸岛'])
      expect(drawn).toContain(text)
    expect(wrapper.find('[data-testid="no-data-note"]').text()).toContain('台湾、香港、澳门')
    expect(wrapper.find('[data-testid="corps-note"]').text()).toContain('兵团')
    wrapper.unmount()
  })

  it('offers the metrics and asks for a switch with update:metric', async () => {
    const wrapper = mountWall(PanelProvinceHeatmap, { props: { stats: provinceStats(), metric: 'casesReceivedYtd', ...chart }, attachTo: document.body })
    await flushPromises()
    const options = wrapper.findAll('[data-testid="metric-option"]')
    expect(options.map(o => o.attributes('data-metric'))).toContain('actualClosureRate')
    expect(wrapper.find('[data-metric="casesReceivedYtd"]').attributes('aria-checked')).toBe('true')
    await wrapper.find('[data-metric="amountRecoveredYtd"]').trigger('click')
    expect(wrapper.emitted('update:metric')).toEqual([['amountRecoveredYtd']])
    await wrapper.setProps({ metric: 'amountRecoveredYtd' })
    await flushPromises()
    expect(wrapper.find('[data-metric="amountRecoveredYtd"]').attributes('aria-checked')).toBe('true')
    // the scale now reads in yuan
    expect(wrapper.find('svg').html()).toContain('元')
    wrapper.unmount()
  })

  it('waits before data', () => {
    const wrapper = mountWall(PanelProvinceHeatmap, { props: { stats: null, metric: 'casesReceivedYtd', ...chart } })
    expect(wrapper.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    expect(wrapper.find('svg').exists()).toBe(false)
  })

  it('marks stale data', () => {
    const wrapper = mountWall(PanelProvinceHeatmap, { props: { stats: provinceStats(), metric: 'casesReceivedYtd', stale: true, ageMs: 12_000, ...chart } }, 'en')
    expect(wrapper.attributes('data-stale')).toBe('true')
    expect(wrapper.find('[data-testid="stale-mark"]').text()).toContain('12 s')
    wrapper.unmount()
  })

  it('redraws only when a colour or a label would change', async () => {
    const stats = provinceStats()
    const wrapper = mountWall(PanelProvinceHeatmap, { props: { stats, metric: 'casesReceivedYtd', ...chart }, attachTo: document.body })
    await flushPromises()
    const setOption = vi.spyOn(wrapper.findComponent(BaseChart).vm.getChart()!, 'setOption')
    const grown = (by: (id: string) => number) => ({
      ...stats,
      asOf: stats.asOf + 1000,
      units: stats.units.map(u => ({ ...u, casesReceivedYtd: u.casesReceivedYtd + by(u.unitId) })),
    })
    // a few more cases in a middle province: no colour moves by a byte, no label changes
    await wrapper.setProps({ stats: grown(id => id === '410000' ? 3 : 0) })
    await flushPromises()
    expect(setOption).not.toHaveBeenCalled()
    // 河南 doubles: its colour changes, the map is drawn again
    const henan = stats.units.find(u => u.unitId === '410000')!.casesReceivedYtd
    await wrapper.setProps({ stats: grown(id => id === '410000' ? henan : 0) })
    await flushPromises()
    expect(setOption).toHaveBeenCalledTimes(1)
    // another metric is another picture
    await wrapper.setProps({ metric: 'actualClosureRate' })
    await flushPromises()
    expect(setOption).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })
})
