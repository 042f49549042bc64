import { describe, expect, it } from 'vitest'
import { validateTopic, type TerminationStats } from '#protocol'
import { poolAtYearStart, TerminationGenerator } from './termination.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'

const DAY_MS = 24 * 60 * MINUTE_MS

function expectExactSums(p: TerminationStats) {
  expect(p.byUnit).toHaveLength(32)
  expect(p.byUnit.reduce((s, u) => s + u.poolSize, 0)).toBe(p.poolSize)
  expect(p.byUnit.reduce((s, u) => s + u.restartedYtd, 0)).toBe(p.restartedYtd)
}

/** Each count of the round is a part of the one before it, and the wall's schema agrees. */
function expectRoundInOrder(p: TerminationStats) {
  expect(p.cycle.poolAtStart).toBeGreaterThan(0)
  expect(p.cycle.queried).toBeLessThanOrEqual(p.cycle.poolAtStart)
  expect(p.cycle.propertyFound).toBeLessThanOrEqual(p.cycle.queried)
  expect(p.cycle.restarted).toBeLessThanOrEqual(p.cycle.propertyFound)
  const checked = validateTopic('termination.stats', p, p.asOf)
  expect(checked.ok ? 'ok' : checked.rejection.detail).toBe('ok')
}

describe('termination.stats', () => {
  it('holds a pool of some 4,000万 cases and re-queries, from 1 January, the pool the year opened with', () => {
    const now = beijing(2026, 3, 1, 12)
    const p = new TerminationGenerator(seeded(1), now).payload(now)
    expect(poolAtYearStart(2026)).toBe(40_000_000)
    expect(p.poolSize).toBeGreaterThan(38_000_000)
    expect(p.poolSize).toBeLessThan(45_000_000)
    expect(p.cycle.startedAt).toBe(beijing(2026, 1, 1))
    expect(p.cycle.nextAt).toBe(beijing(2026, 7, 1))
    expect(p.cycle.poolAtStart).toBe(poolAtYearStart(2026))
    // the pool has grown since New Year; the round's work has not
    expect(p.poolSize).toBeGreaterThan(p.cycle.poolAtStart)
    // two months of six gone: about a third queried
    expect(p.cycle.queried / p.cycle.poolAtStart).toBeCloseTo(59.5 / 181, 3)
    expect(p.cycle.propertyFound / p.cycle.queried).toBeGreaterThan(0.02)
    expect(p.cycle.propertyFound / p.cycle.queried).toBeLessThan(0.045)
    expect(p.restartedYtd).toBe(p.cycle.restarted)
    expectRoundInOrder(p)
    expectExactSums(p)
  })

  it('opened in the second half year, re-queries the pool as it stood on 1 July', () => {
    const now = beijing(2026, 9, 15, 10)
    const p = new TerminationGenerator(seeded(4), now).payload(now)
    expect(p.cycle.startedAt).toBe(beijing(2026, 7, 1))
    // New Year's 4,000万, plus half a year's closures, less the January round's restarts and other exits
    expect(p.cycle.poolAtStart).toBeGreaterThan(poolAtYearStart(2026))
    expect(p.cycle.poolAtStart).toBeLessThan(poolAtYearStart(2026) + 2_000_000)
    expect(p.poolSize).toBeGreaterThan(p.cycle.poolAtStart)
    expect(p.cycle.queried / p.cycle.poolAtStart).toBeCloseTo((beijing(2026, 9, 15, 10) - beijing(2026, 7, 1)) / (beijing(2027, 1, 1) - beijing(2026, 7, 1)), 3)
    expectRoundInOrder(p)
  })

  it('finishes the January round on 1 July and starts the next with the pool of that midnight', () => {
    const start = beijing(2026, 6, 30, 20)
    const gen = new TerminationGenerator(seeded(2), start)
    let prev = gen.payload(start)
    let ended: TerminationStats | null = null
    let started: TerminationStats | null = null
    runTicks(gen, start, beijing(2026, 7, 1, 4), 10 * MINUTE_MS, (now) => {
      const p = gen.payload(now)
      expectExactSums(p)
      expectRoundInOrder(p)
      expect(p.restartedYtd).toBeGreaterThanOrEqual(prev.restartedYtd)
      expect(p.addedYtd).toBeGreaterThanOrEqual(prev.addedYtd)
      p.byUnit.forEach((u, i) => expect(u.restartedYtd).toBeGreaterThanOrEqual(prev.byUnit[i]!.restartedYtd))
      if (now === beijing(2026, 7, 1)) {
        ended = prev
        started = p
      }
      prev = p
    })
    const july = gen.payload(beijing(2026, 7, 1, 4))
    expect(july.cycle.startedAt).toBe(beijing(2026, 7, 1))
    expect(july.cycle.nextAt).toBe(beijing(2027, 1, 1))
    expect(july.cycle.queried).toBeLessThan(july.cycle.poolAtStart / 100)
    expect(july.restartedYtd).toBeGreaterThan(july.cycle.restarted)
    expect(ended).not.toBeNull()
    expect(started).not.toBeNull()
    // the first round's last figures were close to the whole pool it started with, and within it
    expect(ended!.cycle.poolAtStart).toBe(poolAtYearStart(2026))
    expect(ended!.cycle.queried).toBeGreaterThan(0.99 * ended!.cycle.poolAtStart)
    // the new round's work is the pool at the midnight it began, and stays so while the pool moves
    expect(started!.cycle.queried).toBe(0)
    expect(started!.cycle.poolAtStart).toBe(started!.poolSize)
    expect(july.cycle.poolAtStart).toBe(started!.cycle.poolAtStart)
    expect(july.poolSize).not.toBe(july.cycle.poolAtStart)
  })

  it('keeps queried within poolAtStart through a whole year of rounds, ending each close to its start pool', () => {
    const start = beijing(2026, 1, 1, 0, 10)
    const gen = new TerminationGenerator(seeded(5), start)
    let prev = gen.payload(start)
    const lastOfRound: TerminationStats[] = []
    runTicks(gen, start, beijing(2027, 1, 2), DAY_MS / 4, (now) => {
      const p = gen.payload(now)
      expectRoundInOrder(p)
      if (p.cycle.startedAt === prev.cycle.startedAt) {
        expect(p.cycle.poolAtStart).toBe(prev.cycle.poolAtStart)
        expect(p.cycle.queried).toBeGreaterThanOrEqual(prev.cycle.queried)
      }
      else {
        lastOfRound.push(prev)
      }
      prev = p
    })
    expect(lastOfRound.map(p => p.cycle.startedAt)).toEqual([beijing(2026, 1, 1), beijing(2026, 7, 1)])
    for (const p of lastOfRound) {
      expect(p.cycle.queried).toBeGreaterThan(0.99 * p.cycle.poolAtStart)
      // a few per cent found, half of those restarted: some 50万–80万 cases a round
      expect(p.cycle.restarted).toBeGreaterThan(400_000)
      expect(p.cycle.restarted).toBeLessThan(900_000)
    }
    expect(lastOfRound[1]!.cycle.poolAtStart).toBeGreaterThan(lastOfRound[0]!.cycle.poolAtStart)
  })

  it('replays the round exactly for a seed, pool at start included, and differs for another', () => {
    const start = beijing(2026, 6, 30, 18)
    const run = (seed: number) => {
      const gen = new TerminationGenerator(seeded(seed), start)
      const seen: TerminationStats['cycle'][] = []
      runTicks(gen, start, beijing(2026, 7, 2), 30 * MINUTE_MS, now => seen.push(gen.payload(now).cycle))
      return seen
    }
    const once = run(11)
    expect(run(11)).toEqual(once)
    const other = run(12)
    expect(other).not.toEqual(once)
    expect(other.at(-1)!.poolAtStart).not.toBe(once.at(-1)!.poolAtStart)
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
    expect(Math.abs(after.cycle.poolAtStart - before.poolSize)).toBeLessThan(before.poolSize * 0.01)
    expectRoundInOrder(after)
    expectExactSums(after)
  })
})
