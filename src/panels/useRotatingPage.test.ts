import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import { useRotatingPage } from './useRotatingPage'

function fakeTimers() {
  const timers = new Map<number, () => void>()
  let next = 1
  return {
    timers,
    setInterval: (fn: () => void) => {
      timers.set(next, fn)
      return next++
    },
    clearInterval: (handle: unknown) => {
      timers.delete(handle as number)
    },
    tick: () => [...timers.values()].forEach(fn => fn()),
  }
}

describe('useRotatingPage', () => {
  it('turns the pages round, and stops when one page is enough', async () => {
    const fake = fakeTimers()
    const pages = shallowRef(3)
    const scope = effectScope()
    const page = scope.run(() => useRotatingPage(() => pages.value, () => 1000, fake))!
    expect(page.value).toBe(0)
    expect(fake.timers.size).toBe(1)
    fake.tick()
    fake.tick()
    expect(page.value).toBe(2)
    fake.tick()
    expect(page.value).toBe(0)
    fake.tick()
    fake.tick()
    pages.value = 1
    await nextTick()
    expect(page.value).toBe(0)
    expect(fake.timers.size).toBe(0)
    pages.value = 2
    await nextTick()
    expect(fake.timers.size).toBe(1)
    scope.stop()
    expect(fake.timers.size).toBe(0)
  })
})
