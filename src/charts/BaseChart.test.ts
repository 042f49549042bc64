// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BaseChart from './BaseChart.vue'
import { buildGaugeOption } from './gauge'
import { WALL_THEME } from './theme'

const size = { width: 300, height: 200, fontPx: 18 }

describe('BaseChart', () => {
  it('draws on mount, follows a new option, and disposes on unmount', async () => {
    const wrapper = mount(BaseChart, {
      props: { option: buildGaugeOption(95, 90, WALL_THEME, size), width: 300, height: 200 },
      attachTo: document.body,
    })
    const chart = wrapper.vm.getChart()!
    expect(chart).not.toBeNull()
    // SVG on the wall too, not only here: no canvas layer for the compositor to take with every frame
    expect(wrapper.find('svg').exists()).toBe(true)
    expect(wrapper.find('canvas').exists()).toBe(false)
    expect(wrapper.emitted('resize')?.[0]).toEqual([{ width: 300, height: 200 }])
    expect(wrapper.html()).toMatch(/#2fe0a8|rgb\(47,\s?224,\s?168\)/i)

    await wrapper.setProps({ option: buildGaugeOption(70, 90, WALL_THEME, size) })
    // lazyUpdate: the redraw happens on the next frame; the model has the new value already
    const series = (chart.getOption() as { series: { data: { value: number }[] }[] }).series
    expect(series[0]!.data[0]!.value).toBe(70)

    wrapper.unmount()
    expect(chart.isDisposed()).toBe(true)
  })

  it('waits for a real size before drawing into an empty box', () => {
    const wrapper = mount(BaseChart, { props: { option: buildGaugeOption(95, 90, WALL_THEME, size) }, attachTo: document.body })
    expect(wrapper.vm.getChart()).toBeNull()
    expect(wrapper.find('svg').exists()).toBe(false)
    wrapper.unmount()
  })
})
