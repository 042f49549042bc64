import { describe, expect, it } from 'vitest'
import { fakeClock } from '~/test/fake-clock'
import { createLatestThrottle } from './throttle'

describe('createLatestThrottle', () => {
  it('runs the first change at once and folds later ones into one run per interval', () => {
    const { clock, advance } = fakeClock()
    const runs: number[] = []
    const throttle = createLatestThrottle(() => runs.push(clock.now()), () => 5000, clock)
    throttle.push()
    expect(runs).toHaveLength(1)
    for (let i = 0; i < 10; i++) {
      advance(400)
      throttle.push()
    }
    expect(runs).toHaveLength(1)
    expect(throttle.pending).toBe(true)
    advance(5000)
    expect(runs).toHaveLength(2)
    expect(runs[1]! - runs[0]!).toBe(5000)
    advance(20_000)
    expect(runs).toHaveLength(2)
  })

  it('never runs twice within the interval, whatever the rhythm of pushes', () => {
    const { clock, advance } = fakeClock()
    const runs: number[] = []
    const throttle = createLatestThrottle(() => runs.push(clock.now()), () => 5000, clock)
    for (let i = 0; i < 200; i++) {
      throttle.push()
      advance(137 + (i % 7) * 300)
    }
    advance(6000)
    expect(runs.length).toBeGreaterThan(10)
    for (let i = 1; i < runs.length; i++)
      expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(5000)
  })

  it('counts a run made outside it, and forgets a pending run when cancelled', () => {
    const { clock, advance } = fakeClock()
    let runs = 0
    const throttle = createLatestThrottle(() => runs++, () => 5000, clock)
    throttle.markRun()
    throttle.push()
    expect(runs).toBe(0)
    throttle.cancel()
    advance(10_000)
    expect(runs).toBe(0)
    throttle.push()
    expect(runs).toBe(1)
  })
})
