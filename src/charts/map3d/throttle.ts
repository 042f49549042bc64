/**
 * "At most once per interval, and always the latest": the first change runs at once, changes within
 * the interval collapse into one run at its end. The run reads the current state itself, so
 * nothing is queued and nothing is lost.
 */

/** Timer functions, injectable so tests can use fake ones. */
export interface ThrottleClock {
  now: () => number
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

export interface LatestThrottle {
  /** something changed: run now, or once the interval since the last run is over */
  push: () => void
  /** the last run happened now (a run made outside the throttle, e.g. on an operator's command) */
  markRun: () => void
  /** forget a pending run */
  cancel: () => void
  /** a run is waiting for its turn */
  readonly pending: boolean
}

const realClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: handle => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}

export function createLatestThrottle(run: () => void, intervalMs: () => number, clock: ThrottleClock = realClock): LatestThrottle {
  let lastRun = Number.NEGATIVE_INFINITY
  let timer: unknown = null

  function fire() {
    timer = null
    lastRun = clock.now()
    run()
  }

  return {
    push() {
      if (timer !== null)
        return
      const wait = lastRun + intervalMs() - clock.now()
      if (wait <= 0)
        fire()
      else
        timer = clock.setTimeout(fire, wait)
    },
    markRun() {
      lastRun = clock.now()
    },
    cancel() {
      if (timer !== null)
        clock.clearTimeout(timer)
      timer = null
    },
    get pending() {
      return timer !== null
    },
  }
}
