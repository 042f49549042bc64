import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { useWallLayout } from './useWallLayout'

function fakeWindow(width: number, height: number) {
  const listeners = new Set<() => void>()
  return {
    innerWidth: width,
    innerHeight: height,
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    resize(w: number, h: number) {
      this.innerWidth = w
      this.innerHeight = h
      listeners.forEach(fn => fn())
    },
    listeners,
  }
}

describe('useWallLayout', () => {
  it('gives the grid and type sizes of the window\'s wall as CSS variables, and follows a resize', () => {
    const win = fakeWindow(7680, 2160)
    const scope = effectScope()
    const layout = scope.run(() => useWallLayout({ window: win as unknown as Window }))!
    expect(layout.profile.value.id).toBe('wall-32x9')
    expect(layout.cssVars.value).toMatchObject({ '--wall-columns': '16', '--wall-rows': '6', '--fs-base': '36px' })
    win.resize(1920, 1080)
    expect(layout.profile.value.id).toBe('hd-16x9')
    expect(layout.cssVars.value['--fs-base']).toBe('18px')
    scope.stop()
    expect(win.listeners.size).toBe(0)
  })

  it('keeps a requested profile whatever the window', () => {
    const scope = effectScope()
    const layout = scope.run(() => useWallLayout({ window: fakeWindow(3840, 2160) as unknown as Window, profileId: 'wall-48x9' }))!
    expect(layout.profile.value.id).toBe('wall-48x9')
    // 3840 px wide at 48:9 is 720 px of wall height: 12 px, and a 48:9 wall sets its type 1.22× larger
    expect(layout.scale.value.base).toBe(15)
    scope.stop()
  })
})
