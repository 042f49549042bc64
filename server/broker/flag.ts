/** A yes or no that tells its listeners when it changes, never twice the same: the broker's reach, a hub's lead. */
export interface WatchedFlag {
  readonly value: boolean
  /** listeners hear of it only when `next` differs from the value */
  set: (next: boolean) => void
  /** returns the unsubscribe function */
  onChange: (listener: (value: boolean) => void) => () => void
}

export function createWatchedFlag(initial: boolean): WatchedFlag {
  let value = initial
  const listeners = new Set<(value: boolean) => void>()
  return {
    get value() {
      return value
    },
    set(next) {
      if (next === value)
        return
      value = next
      for (const listener of listeners)
        listener(next)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
