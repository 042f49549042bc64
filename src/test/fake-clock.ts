/** A fake clock for the map's timing tests. */
import type { ThrottleClock } from '~/charts/map3d/throttle'

/** A hand-cranked clock: `advance` fires due timers in order. */
export function fakeClock(start = 1_000_000) {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number, fn: () => void }>()
  const clock: ThrottleClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++
      timers.set(id, { at: now + ms, fn })
      return id
    },
    clearTimeout: handle => timers.delete(handle as number),
  }
  function advance(ms: number) {
    const until = now + ms
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due)
        break
      timers.delete(due[0])
      now = due[1].at
      due[1].fn()
    }
    now = until
  }
  return { clock, advance, pending: () => timers.size }
}
