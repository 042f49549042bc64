// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { bestColumns, rowsThatFit, useBoxSize } from './useBoxSize'

const cell = { width: 11, height: 4.4 }

describe('rowsThatFit', () => {
  it('counts whole rows only, at least one, and falls back before measuring', () => {
    expect(rowsThatFit({ width: 500, height: 1000, fontPx: 36 }, 1.9, 30)).toBe(14)
    expect(rowsThatFit({ width: 500, height: 10, fontPx: 36 }, 1.9, 30)).toBe(1)
    expect(rowsThatFit(null, 1.9, 30)).toBe(30)
  })
})

describe('bestColumns', () => {
  it('stacks four counters in a tall panel and lines them up in a wide strip', () => {
    expect(bestColumns(4, { width: 1900, height: 1800, fontPx: 36 }, cell, 3)).toBe(1)
    expect(bestColumns(4, { width: 1900, height: 130, fontPx: 18 }, cell, 3)).toBe(4)
  })

  it('makes a 2 × 3 grid of six counters in a squarish panel, 3 × 2 in a wider one', () => {
    expect(bestColumns(6, { width: 1900, height: 1300, fontPx: 36 }, cell, 3)).toBe(2)
    expect(bestColumns(6, { width: 1250, height: 210, fontPx: 18 }, cell, 3)).toBe(3)
  })

  it('falls back before measuring, and never asks for zero columns', () => {
    expect(bestColumns(6, null, cell, 3)).toBe(3)
    expect(bestColumns(2, null, cell, 3)).toBe(2)
    expect(bestColumns(0, null, cell, 3)).toBe(1)
  })
})

describe('useBoxSize', () => {
  it('stays null while the element has no layout (a test DOM), and follows the element', async () => {
    const show = ref(false)
    let size: ReturnType<typeof useBoxSize> | null = null
    const Probe = defineComponent({
      setup() {
        const el = ref<HTMLElement | null>(null)
        size = useBoxSize(el)
        return () => show.value ? h('div', { ref: el }) : h('span')
      },
    })
    const wrapper = mount(Probe)
    show.value = true
    await nextTick()
    expect(size!.value).toBeNull()
    wrapper.unmount()
  })
})
