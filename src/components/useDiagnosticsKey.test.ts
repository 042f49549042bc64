import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { useDiagnosticsKey } from './useDiagnosticsKey'

function key(k: string, extra: Partial<KeyboardEvent> = {}): Event {
  return Object.assign(new Event('keydown'), { key: k, repeat: false, ctrlKey: false, metaKey: false, altKey: false, ...extra })
}

describe('useDiagnosticsKey', () => {
  it('is hidden by default and toggles on d', () => {
    const target = new EventTarget()
    const scope = effectScope()
    const visible = scope.run(() => useDiagnosticsKey({ target }))!
    expect(visible.value).toBe(false)
    target.dispatchEvent(key('d'))
    expect(visible.value).toBe(true)
    target.dispatchEvent(key('D'))
    expect(visible.value).toBe(false)
    scope.stop()
  })

  it('ignores other keys, held keys, modifiers and typing in a field', () => {
    const target = new EventTarget()
    const scope = effectScope()
    const visible = scope.run(() => useDiagnosticsKey({ target }))!
    target.dispatchEvent(key('f'))
    target.dispatchEvent(key('d', { repeat: true }))
    target.dispatchEvent(key('d', { ctrlKey: true }))
    const field = Object.assign(key('d'), {})
    Object.defineProperty(field, 'target', { value: { tagName: 'INPUT' } })
    target.dispatchEvent(field)
    expect(visible.value).toBe(false)
    scope.stop()
  })

  it('stops listening when its scope ends', () => {
    const target = new EventTarget()
    const scope = effectScope()
    const visible = scope.run(() => useDiagnosticsKey({ target }))!
    scope.stop()
    target.dispatchEvent(key('d'))
    expect(visible.value).toBe(false)
  })
})
