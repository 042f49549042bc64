import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref, shallowRef } from 'vue'
import { usePatchedOption } from './usePatchedOption'

function setup() {
  const payload = shallowRef<number[] | null>([1])
  const width = ref(100)
  const scope = effectScope()
  const patched = scope.run(() => usePatchedOption({
    full: () => ({ kind: 'full', width: width.value, data: payload.value }),
    data: () => ({ kind: 'data', data: payload.value }),
    payload: () => payload.value,
    layout: () => width.value,
  }))!
  return { payload, width, scope, ...patched }
}

describe('usePatchedOption', () => {
  it('starts whole, and sends only data once the chart has drawn', async () => {
    const { option, drawn, payload, scope } = setup()
    expect(option.value).toEqual({ kind: 'full', width: 100, data: [1] })
    payload.value = [2]
    await nextTick()
    // not drawn yet: a chart mounted now must get axes and all
    expect(option.value).toMatchObject({ kind: 'full', data: [2] })
    drawn()
    payload.value = [3]
    await nextTick()
    expect(option.value).toEqual({ kind: 'data', data: [3] })
    scope.stop()
  })

  it('sends the whole option again when the layout changes', async () => {
    const { option, drawn, width, scope } = setup()
    drawn()
    width.value = 200
    await nextTick()
    expect(option.value).toEqual({ kind: 'full', width: 200, data: [1] })
    scope.stop()
  })

  it('starts whole again after the payload went away (the chart was unmounted)', async () => {
    const { option, drawn, payload, scope } = setup()
    drawn()
    payload.value = null
    await nextTick()
    payload.value = [4]
    await nextTick()
    expect(option.value).toMatchObject({ kind: 'full', data: [4] })
    scope.stop()
  })
})
