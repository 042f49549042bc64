import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, reactive, shallowRef } from 'vue'
import { useChartBox, useChartOption } from './useChartBox'

describe('useChartBox', () => {
  it('lays out in the fixed size, else the fallback, until the chart reports its own', () => {
    const props = reactive({ fontPx: 20, chartWidth: 640 as number | undefined, chartHeight: undefined as number | undefined })
    const scope = effectScope()
    const { box, onResize } = scope.run(() => useChartBox(props, { width: 300, height: 200 }))!
    expect(box.value).toEqual({ width: 640, height: 200, fontPx: 20 })
    onResize({ width: 800, height: 450 })
    props.fontPx = 24
    expect(box.value).toEqual({ width: 800, height: 450, fontPx: 24 })
    scope.stop()
  })
})

describe('useChartOption', () => {
  it('builds whole in the box, and after the first draw sends only data; a new box sends the whole option', async () => {
    const props = reactive({ fontPx: 20 })
    const payload = shallowRef<number[] | null>([1])
    const scope = effectScope()
    const chart = scope.run(() => useChartOption(props, { width: 300, height: 200 }, {
      full: box => ({ kind: 'full', width: box.width, fontPx: box.fontPx, data: payload.value }),
      data: () => ({ kind: 'data', data: payload.value }),
      payload: () => payload.value,
      layout: () => 'zh-CN',
    }))!
    expect(chart.option.value).toEqual({ kind: 'full', width: 300, fontPx: 20, data: [1] })
    chart.onResize({ width: 500, height: 200 })
    await nextTick()
    expect(chart.option.value).toEqual({ kind: 'full', width: 500, fontPx: 20, data: [1] })
    payload.value = [2]
    await nextTick()
    expect(chart.option.value).toEqual({ kind: 'data', data: [2] })
    props.fontPx = 30
    await nextTick()
    expect(chart.option.value).toEqual({ kind: 'full', width: 500, fontPx: 30, data: [2] })
    scope.stop()
  })
})
