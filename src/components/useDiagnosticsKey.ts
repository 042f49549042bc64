/**
 * The `d` key shows and hides the diagnostics overlay. Only this key for now: the wall's keyboard
 * as a whole belongs to the navigation, which comes later.
 */
import { onScopeDispose, ref, type Ref } from 'vue'

export interface UseDiagnosticsKeyOptions {
  /** where keys are heard; default globalThis.window */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  /** start shown; default false */
  initial?: boolean
}

/** True when the key press is typing, not a command (an input field, or with a modifier). */
function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey)
    return true
  const el = event.target as { tagName?: string, isContentEditable?: boolean } | null
  return !!el && (el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? ''))
}

export function useDiagnosticsKey(options: UseDiagnosticsKeyOptions = {}): Ref<boolean> {
  const visible = ref(options.initial ?? false)
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window)
  const onKey = (event: Event) => {
    const key = event as KeyboardEvent
    if (key.repeat || isTyping(key) || key.key.toLowerCase() !== 'd')
      return
    visible.value = !visible.value
  }
  target?.addEventListener('keydown', onKey)
  onScopeDispose(() => target?.removeEventListener('keydown', onKey))
  return visible
}
