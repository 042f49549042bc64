/**
 * The wall's own keyboard, for when the control terminal is down: ← / → (and a presenter's
 * PageUp / PageDown) step through the pages in registry order, `p` starts or stops a playlist of
 * every page, Esc hands the wall back to the server. The wall holds no control token, so all of this
 * is a local override on this wall only (see useWallNav and docs/keyboard.md). `d` (diagnostics)
 * stays with useDiagnosticsKey.
 */
import { onScopeDispose } from 'vue'
import type { WallNav } from '~/screens/useWallNav'

/** The keys and what they do; docs/keyboard.md lists the same. */
export const WALL_KEYS = {
  previous: ['ArrowLeft', 'PageUp'],
  next: ['ArrowRight', 'PageDown'],
  playlist: ['p'],
  release: ['Escape'],
} as const

type WallKeyAction = keyof typeof WALL_KEYS

export interface UseWallKeyboardOptions {
  /** where keys are heard; default globalThis.window */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
}

/** True when the key press is typing or a browser shortcut, not a command. */
function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey)
    return true
  const el = event.target as { tagName?: string, isContentEditable?: boolean } | null
  return !!el && (el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? ''))
}

/** The action a key stands for, or null. Letters match either case (a wall keyboard may have Caps Lock on). */
export function wallKeyAction(key: string): WallKeyAction | null {
  const pressed = key.length === 1 ? key.toLowerCase() : key
  for (const [action, keys] of Object.entries(WALL_KEYS) as [WallKeyAction, readonly string[]][]) {
    if (keys.includes(pressed))
      return action
  }
  return null
}

type KeyboardNav = Pick<WallNav, 'next' | 'previous' | 'toggleLocalPlaylist' | 'release' | 'blackout'>

export function useWallKeyboard(nav: KeyboardNav, options: UseWallKeyboardOptions = {}): void {
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window)
  const onKey = (event: Event) => {
    const key = event as KeyboardEvent
    if (key.repeat || isTyping(key))
      return
    const action = wallKeyAction(key.key)
    // The operator blacked the wall out: nothing may be paged in behind the standby screen.
    if (action === null || nav.blackout.value)
      return
    key.preventDefault()
    switch (action) {
      case 'previous': nav.previous()
        break
      case 'next': nav.next()
        break
      case 'playlist': nav.toggleLocalPlaylist()
        break
      case 'release': nav.release()
        break
    }
  }
  target?.addEventListener('keydown', onKey)
  onScopeDispose(() => target?.removeEventListener('keydown', onKey))
}
