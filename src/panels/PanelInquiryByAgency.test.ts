// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BaseChart from '~/charts/BaseChart.vue'
import { inquiryStats } from '~/test/functions-a-fixtures'
import PanelInquiryByAgency from './PanelInquiryByAgency.vue'
import { mountWall } from './testMount'

const chart = { renderer: 'svg' as const, chartWidth: 900, chartHeight: 500, fontPx: 18 }

describe('PanelInquiryByAgency', () => {
  it('draws a bar per agency with its formatted count', async () => {
    const wrapper = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('inquiryByAgency')
    const svg = wrapper.find('svg').html()
    for (const name of ['银行', '人民银行', '公安', '网络支付'])
      expect(svg).toContain(name)
    expect(svg).toContain('17万')
    wrapper.unmount()
  })

  it('follows new data with a data-only update of the same chart', async () => {
    const wrapper = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, ...chart }, attachTo: document.body })
    await flushPromises()
    const instance = wrapper.findComponent(BaseChart).vm.getChart()!
    const byAgency = inquiryStats().byAgency.map(r => r.agency === 'transport' ? { ...r, inquiriesToday: 999_999 } : r)
    await wrapper.setProps({ byAgency })
    await flushPromises()
    expect(wrapper.findComponent(BaseChart).vm.getChart()).toBe(instance)
    const option = instance.getOption() as { yAxis: { data: string[] }[], series: { data: { value: number }[] }[] }
    expect(option.yAxis[0]!.data[0]).toBe('交通运输')
    expect(option.series[0]!.data[0]!.value).toBe(999_999)
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    const waiting = mountWall(PanelInquiryByAgency, { props: { byAgency: null, ...chart } })
    expect(waiting.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    expect(waiting.find('svg').exists()).toBe(false)
    const stale = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, stale: true, ageMs: 11_000, ...chart } }, 'en')
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('11 s')
    stale.unmount()
  })
})
