import { describe, expect, it } from 'vitest'
import type { CreditStats } from '#protocol'
import { CreditGenerator, listedAtYearStart, listedCumulativeAt } from './credit.ts'
import { PUBLISHED_LIST_HISTORY } from '../magnitudes.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'

function expectHistorySound(p: CreditStats) {
  const published = p.history.filter(h => !h.simulated)
  expect(published).toEqual(PUBLISHED_LIST_HISTORY.map(h => ({ ...h, simulated: false })))
  // the published points come first, then one simulated point per month, never going down
  expect(p.history.slice(0, published.length).every(h => !h.simulated)).toBe(true)
  for (let i = 1; i < p.history.length; i++) {
    expect(p.history[i]!.date > p.history[i - 1]!.date).toBe(true)
    expect(p.history[i]!.listedCumulative).toBeGreaterThanOrEqual(p.history[i - 1]!.listedCumulative)
  }
}

function expectUnitsAddUp(p: CreditStats) {
  expect(p.byUnit).toHaveLength(32)
  expect(p.byUnit.reduce((s, u) => s + u.listedNow, 0)).toBe(p.listedNow)
  expect(p.byUnit.reduce((s, u) => s + u.addedYtd, 0)).toBe(p.addedYtd)
}

describe('credit.stats', () => {
  it('keeps the published history and continues it month by month to the current month', () => {
    const now = beijing(2026, 5, 12, 10)
    const p = new CreditGenerator(seeded(1), now).payload(now)
    expectHistorySound(p)
    const simulated = p.history.filter(h => h.simulated)
    expect(simulated[0]!.date).toBe('2019-08')
    expect(simulated[simulated.length - 1]!.date).toBe('2026-05')
    // 2019-08 … 2026-05 is 82 months
    expect(simulated).toHaveLength(82)
    expect(simulated[0]!.listedCumulative - 14_500_000).toBeGreaterThan(200_000)
    expect(simulated[0]!.listedCumulative - 14_500_000).toBeLessThan(400_000)
  })

  it('adds about 2.3 million a year and keeps fewer people on the list than ever listed', () => {
    const in2025 = listedCumulativeAt(beijing(2026, 1, 1)) - listedCumulativeAt(beijing(2025, 1, 1))
    expect(in2025).toBe(2_300_000)
    expect(listedAtYearStart(2026)).toBe(6_800_000)
    const now = beijing(2026, 9, 1, 12)
    const p = new CreditGenerator(seeded(2), now).payload(now)
    expect(p.listedNow).toBeLessThan(p.history[p.history.length - 1]!.listedCumulative)
    expect(p.restoredYtd).toBeLessThanOrEqual(p.removedYtd)
    expect(p.flightBansCumulative).toBeGreaterThan(27_300_000)
    expect(p.railBansCumulative).toBeGreaterThan(6_000_000)
  })

  it('grows through a day and across midnight, units adding up exactly', () => {
    const start = beijing(2026, 5, 12, 12)
    const gen = new CreditGenerator(seeded(3), start)
    const opening = gen.payload(start)
    let prev = opening
    runTicks(gen, start, beijing(2026, 5, 13, 12), 5 * MINUTE_MS, (now) => {
      const p = gen.payload(now)
      for (const key of ['addedYtd', 'removedYtd', 'restoredYtd', 'flightBansCumulative', 'railBansCumulative'] as const)
        expect(p[key]).toBeGreaterThanOrEqual(prev[key])
      p.byUnit.forEach((u, i) => expect(u.addedYtd).toBeGreaterThanOrEqual(prev.byUnit[i]!.addedYtd))
      expect(p.history.at(-1)!.listedCumulative).toBeGreaterThanOrEqual(prev.history.at(-1)!.listedCumulative)
      expectUnitsAddUp(p)
      prev = p
    })
    expect(prev.addedYtd).toBeGreaterThan(opening.addedYtd)
  })

  it('closes a month into the history and starts a new year without losing the cumulative', () => {
    const start = beijing(2026, 12, 31, 16)
    const gen = new CreditGenerator(seeded(4), start)
    const before = gen.payload(start)
    runTicks(gen, start, beijing(2027, 1, 1, 12), 10 * MINUTE_MS)
    const after = gen.payload(beijing(2027, 1, 1, 12))
    expectHistorySound(after)
    expectUnitsAddUp(after)
    expect(after.history.at(-2)!.date).toBe('2026-12')
    expect(after.history.at(-1)!.date).toBe('2027-01')
    expect(after.history.at(-2)!.listedCumulative).toBeGreaterThanOrEqual(before.history.at(-1)!.listedCumulative)
    expect(after.history).toHaveLength(before.history.length + 1)
    expect(after.addedYtd).toBeLessThan(before.addedYtd)
    expect(after.addedYtd).toBe(after.history.at(-1)!.listedCumulative - after.history.at(-2)!.listedCumulative)
  })
})
