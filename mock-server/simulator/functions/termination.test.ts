import { describe, expect, it } from 'vitest'
import type { TerminationStats } from '../../../src/protocol/index.ts'
import { poolAtYearStart, TerminationGenerator } from './termination.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'

function expectExactSums(p: TerminationStats) {
  expect(p.byUnit).toHaveLength(32)
  expect(p.byUnit.reduce((s, u) => s + u.poolSize, 0)).toBe(p.poolSize)
  expect(p.byUnit.reduce((s, u) => s + u.restartedYtd, 0)).toBe(p.restartedYtd)
}

describe('termination.stats', () => {
  it('holds a pool of some 4,000万 cases and re-queries it from 1 January', () => {
    const now = beijing(2026, 3, 1, 12)
    const p = new TerminationGenerator(seeded(1), now).payload(now)
    expect(poolAtYearStart(2026)).toBe(40_000_000)
    expect(p.poolSize).toBeGreaterThan(38_000_000)
    expect(p.poolSize).toBeLessThan(45_000_000)
    expect(p.cycle.startedAt).toBe(beijing(2026, 1, 1))
    expect(p.cycle.nextAt).toBe(beijing(2026, 7, 1))
    // two months of six gone: about a third queried
    expect(p.cycle.queried / 40_000_000).toBeCloseTo(59.5 / 181, 3)
    expect(p.cycle.propertyFound / p.cycle.queried).toBeGreaterThan(0.02)
    expect(p.cycle.propertyFound / p.cycle.queried).toBeLessThan(0.045)
    expect(p.cycle.restarted).toBeLessThanOrEqual(p.cycle.propertyFound)
    expect(p.restartedYtd).toBe(p.cycle.restarted)
    expectExactSums(p)
  })

  it('finishes the January round on 1 July and starts the next, restarts carried in the year', () => {
    const start = beijing(2026, 6, 30, 20)
    const gen = new TerminationGenerator(seeded(2), start)
    let prev = gen.payload(start)
    let ended: TerminationStats | null = null
    runTicks(gen, start, beijing(2026, 7, 1, 4), 10 * MINUTE_MS, (now) => {
      const p = gen.payload(now)
      expectExactSums(p)
      expect(p.restartedYtd).toBeGreaterThanOrEqual(prev.restartedYtd)
      expect(p.addedYtd).toBeGreaterThanOrEqual(prev.addedYtd)
      p.byUnit.forEach((u, i) => expect(u.restartedYtd).toBeGreaterThanOrEqual(prev.byUnit[i]!.restartedYtd))
      if (now === beijing(2026, 7, 1))
        ended = prev
      prev = p
    })
    const july = gen.payload(beijing(2026, 7, 1, 4))
    expect(july.cycle.startedAt).toBe(beijing(2026, 7, 1))
    expect(july.cycle.nextAt).toBe(beijing(2027, 1, 1))
    expect(july.cycle.queried).toBeLessThan(july.poolSize / 100)
    expect(july.restartedYtd).toBeGreaterThan(july.cycle.restarted)
    expect(ended).not.toBeNull()
    // the first round's last figures were close to the whole pool it started with
    expect(ended!.cycle.queried).toBeGreaterThan(0.99 * poolAtYearStart(2026))
  })

  it('starts the year again at Beijing new year with the pool carried over', () => {
    const start = beijing(2026, 12, 31, 22)
    const gen = new TerminationGenerator(seeded(3), start)
    const before = gen.payload(start)
    runTicks(gen, start, beijing(2027, 1, 1, 2), 10 * MINUTE_MS)
    const after = gen.payload(beijing(2027, 1, 1, 2))
    expect(after.cycle.startedAt).toBe(beijing(2027, 1, 1))
    expect(after.addedYtd).toBeLessThan(before.addedYtd)
    expect(after.restartedYtd).toBe(after.cycle.restarted)
    expect(Math.abs(after.poolSize - before.poolSize)).toBeLessThan(before.poolSize * 0.01)
    expectExactSums(after)
  })
})
