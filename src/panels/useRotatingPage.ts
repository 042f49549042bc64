/**
 * Which page of a list a panel shows when the list does not fit: the pages turn on their own every
 * `intervalMs`, so every row reaches the wall and none is cut. One page: no timer at all.
 */
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue'

export interface RotatingPageOptions {
  /** default globalThis.setInterval / clearInterval (tests pass fakes) */
  setInterval?: (fn: () => void, ms: number) => unknown
  clearInterval?: (handle: unknown) => void
}

export function useRotatingPage(pages: () => number, intervalMs: () => number, options: RotatingPageOptions = {}): ShallowRef<number> {
  const every = options.setInterval ?? ((fn: () => void, ms: number) => globalThis.setInterval(fn, ms))
  const stop = options.clearInterval ?? ((handle: unknown) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>))
  const page = shallowRef(0)
  let timer: unknown = null

  function clear() {
    if (timer !== null)
      stop(timer)
    timer = null
  }

  watch([pages, intervalMs], ([count, ms]) => {
    clear()
    if (page.value >= count)
      page.value = 0
    if (count > 1 && ms > 0) {
      timer = every(() => {
        page.value = (page.value + 1) % Math.max(1, pages())
      }, ms)
    }
  }, { immediate: true })

  onScopeDispose(clear)
  return page
}
