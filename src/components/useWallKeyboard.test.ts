// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { computed, effectScope, ref } from 'vue'
import { useWallKeyboard, wallKeyAction } from './useWallKeyboard'

function fakeNav() {
  const blackout = ref(false)
  return {
    blackout,
    nav: {
      next: vi.fn(),
      previous: vi.fn(),
      toggleLocalPlaylist: vi.fn(),
      release: vi.fn(),
      blackout: computed(() => blackout.value),
    },
  }
}

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

describe('wallKeyAction', () => {
  it('maps arrows, a presenter\'s page keys, p and Esc; letters in either case', () => {
    expect(wallKeyAction('ArrowLeft')).toBe('previous')
    expect(wallKeyAction('PageUp')).toBe('previous')
    expect(wallKeyAction('ArrowRight')).toBe('next')
    expect(wallKeyAction('PageDown')).toBe('next')
    expect(wallKeyAction('p')).toBe('playlist')
    expect(wallKeyAction('P')).toBe('playlist')
    expect(wallKeyAction('Escape')).toBe('release')
    expect(wallKeyAction('d')).toBeNull()
    expect(wallKeyAction('x')).toBeNull()
  })
})

describe('useWallKeyboard', () => {
  it('drives the navigation from the keys and stops listening with its scope', () => {
    const target = new EventTarget()
    const { nav } = fakeNav()
    const scope = effectScope()
    scope.run(() => useWallKeyboard(nav, { target }))
    expect(press(target, 'ArrowRight').defaultPrevented).toBe(true)
    press(target, 'ArrowLeft')
    press(target, 'p')
    press(target, 'Escape')
    expect(nav.next).toHaveBeenCalledTimes(1)
    expect(nav.previous).toHaveBeenCalledTimes(1)
    expect(nav.toggleLocalPlaylist).toHaveBeenCalledTimes(1)
    expect(nav.release).toHaveBeenCalledTimes(1)
    scope.stop()
    press(target, 'ArrowRight')
    expect(nav.next).toHaveBeenCalledTimes(1)
  })

  it('ignores held keys, shortcuts, other keys, and everything during a blackout', () => {
    const target = new EventTarget()
    const { nav, blackout } = fakeNav()
    const scope = effectScope()
    scope.run(() => useWallKeyboard(nav, { target }))
    press(target, 'ArrowRight', { repeat: true })
    press(target, 'ArrowRight', { ctrlKey: true })
    press(target, 'd')
    press(target, 'x')
    expect(nav.next).not.toHaveBeenCalled()
    blackout.value = true
    press(target, 'ArrowRight')
    press(target, 'p')
    expect(nav.next).not.toHaveBeenCalled()
    expect(nav.toggleLocalPlaylist).not.toHaveBeenCalled()
    blackout.value = false
    press(target, 'ArrowRight')
    expect(nav.next).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('leaves keys typed into a field alone', () => {
    const { nav } = fakeNav()
    const scope = effectScope()
    scope.run(() => useWallKeyboard(nav, { target: window }))
    const input = document.createElement('input')
    document.body.append(input)
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true }))
    expect(nav.toggleLocalPlaylist).not.toHaveBeenCalled()
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true }))
    expect(nav.toggleLocalPlaylist).toHaveBeenCalledTimes(1)
    input.remove()
    scope.stop()
  })
})
