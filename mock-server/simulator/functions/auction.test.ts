import { describe, expect, it } from 'vitest'
import type { AuctionStats } from '#protocol'
import { AuctionGenerator } from './auction.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'

function expectExactSums(p: AuctionStats) {
  expect(p.byUnit).toHaveLength(32)
  expect(p.byUnit.reduce((s, u) => s + u.ytd, 0)).toBe(p.ytd)
  expect(p.byUnit.reduce((s, u) => s + u.turnoverYtd, 0)).toBe(p.turnoverYtd)
  expect(p.byClass.reduce((s, c) => s + c.ytd, 0)).toBe(p.ytd)
  expect(p.byClass.reduce((s, c) => s + c.turnoverYtd, 0)).toBe(p.turnoverYtd)
}

describe('auction.stats', () => {
  it('runs at the published yearly pace: ~124万 auctions, ~3,750亿 turnover', () => {
    const yearEnd = beijing(2026, 12, 31, 23, 59)
    const p = new AuctionGenerator(seeded(1), yearEnd).payload(yearEnd)
    expect(p.ytd).toBeGreaterThan(1_200_000)
    expect(p.ytd).toBeLessThan(1_280_000)
    expect(p.turnoverYtd / 1e8).toBeGreaterThan(3600)
    expect(p.turnoverYtd / 1e8).toBeLessThan(3900)
    expectExactSums(p)
  })

  it('keeps rates in their estimated bands and sums exact through a day and midnight', () => {
    const start = beijing(2026, 5, 12, 12)
    const gen = new AuctionGenerator(seeded(2), start)
    let prev = gen.payload(start)
    let resets = 0
    runTicks(gen, start, beijing(2026, 5, 13, 12), 5 * MINUTE_MS, (now) => {
      const p = gen.payload(now)
      expectExactSums(p)
      expect(p.ytd).toBeGreaterThanOrEqual(prev.ytd)
      expect(p.turnoverYtd).toBeGreaterThanOrEqual(prev.turnoverYtd)
      p.byUnit.forEach((u, i) => expect(u.ytd).toBeGreaterThanOrEqual(prev.byUnit[i]!.ytd))
      expect(p.successRate).toBeGreaterThanOrEqual(60)
      expect(p.successRate).toBeLessThanOrEqual(85)
      expect(p.premiumRate).toBeGreaterThanOrEqual(10)
      expect(p.premiumRate).toBeLessThanOrEqual(50)
      if (p.today < prev.today)
        resets++
      else
        expect(p.today - prev.today).toBe(p.ytd - prev.ytd)
      prev = p
    })
    expect(resets).toBe(1)
  })

  it('starts the year again at Beijing new year', () => {
    const start = beijing(2026, 12, 31, 23)
    const gen = new AuctionGenerator(seeded(3), start)
    runTicks(gen, start, beijing(2027, 1, 1, 10), 10 * MINUTE_MS)
    const p = gen.payload(beijing(2027, 1, 1, 10))
    expect(p.ytd).toBe(p.today)
    expect(p.ytd).toBeGreaterThan(0)
    expectExactSums(p)
  })
})
