/**
 * The size of a panel's box and its type size, followed with a ResizeObserver: lists and grids use it
 * to show only as many rows as fit whole, so nothing is cut at the bottom of a panel on any wall.
 */
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue'

export interface BoxSize {
  width: number
  height: number
  /** the element's computed font size, px */
  fontPx: number
}

/**
 * null until the element has a real size (and in test DOMs, which do no layout). The element may
 * come and go (a panel's body appears after its waiting state): the observer follows it.
 */
export function useBoxSize(target: Readonly<Ref<HTMLElement | null>>): ShallowRef<BoxSize | null> {
  const size = shallowRef<BoxSize | null>(null)

  function measure(el: HTMLElement) {
    if (el.clientWidth <= 0 || el.clientHeight <= 0)
      return
    const fontPx = Number.parseFloat(getComputedStyle(el).fontSize) || 16
    const next = { width: el.clientWidth, height: el.clientHeight, fontPx }
    const last = size.value
    if (!last || last.width !== next.width || last.height !== next.height || last.fontPx !== next.fontPx)
      size.value = next
  }

  watch(target, (el, _old, onCleanup) => {
    if (!el)
      return
    measure(el)
    if (typeof ResizeObserver === 'undefined')
      return
    const observer = new ResizeObserver(() => measure(el))
    observer.observe(el)
    onCleanup(() => observer.disconnect())
  }, { immediate: true, flush: 'post' })
  return size
}

/** Whole rows of `rowEm` (in the box's em) that fit its height; `fallback` before the box is measured. */
export function rowsThatFit(box: BoxSize | null, rowEm: number, fallback: number): number {
  if (!box)
    return fallback
  return Math.max(1, Math.floor(box.height / (rowEm * box.fontPx)))
}

/**
 * How many columns to lay `count` cells out in, so the smallest cell is as large as it can be
 * against the `cellEm` it needs (width × height, in the box's em). `fallback` before measuring.
 */
export function bestColumns(count: number, box: BoxSize | null, cellEm: { width: number, height: number }, fallback: number): number {
  if (count <= 0)
    return 1
  if (!box)
    return Math.min(count, fallback)
  let best = 1
  let bestScore = 0
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns)
    const score = Math.min(box.width / columns / (cellEm.width * box.fontPx), box.height / rows / (cellEm.height * box.fontPx))
    // strictly better only: on a tie the fewer columns win (wider cells for long figures)
    if (score > bestScore + 1e-9) {
      best = columns
      bestScore = score
    }
  }
  return best
}
