import { describe, expect, it } from 'vitest'
import { DelegationGenerator } from './delegation.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'

describe('delegation.stats', () => {
  it('continues the article\'s 260,000 at 22万–36万 a year, savings in the article\'s proportion', () => {
    const now = beijing(2026, 5, 12, 10)
    const p = new DelegationGenerator(seeded(1), now).payload(now)
    expect(p.cumulative).toBeGreaterThan(2_500_000)
    expect(p.cumulative).toBeLessThan(3_000_000)
    expect(p.personTripsSaved).toBe(Math.round(p.cumulative * 1_000_000 / 260_000))
    expect(p.costSaved).toBe(Math.round(p.cumulative * 630_000_000 / 260_000))
  })

  it('lists today\'s biggest flows between different units, their sum at most today', () => {
    const start = beijing(2026, 5, 12, 9)
    const gen = new DelegationGenerator(seeded(2), start)
    runTicks(gen, start, beijing(2026, 5, 12, 17), 2 * MINUTE_MS, (now) => {
      const p = gen.payload(now)
      expect(p.flows.length).toBeLessThanOrEqual(40)
      expect(p.flows.every(f => f.from !== f.to && f.count > 0)).toBe(true)
      expect(new Set(p.flows.map(f => `${f.from}>${f.to}`)).size).toBe(p.flows.length)
      expect(p.flows.reduce((s, f) => s + f.count, 0)).toBeLessThanOrEqual(p.today)
      for (let i = 1; i < p.flows.length; i++)
        expect(p.flows[i]!.count).toBeLessThanOrEqual(p.flows[i - 1]!.count)
    })
    const p = gen.payload(beijing(2026, 5, 12, 17))
    expect(p.today).toBeGreaterThan(1000)
    expect(p.flows).toHaveLength(40)
  })

  it('holds every delegation in the flows while a day is young', () => {
    const justAfterMidnight = beijing(2026, 5, 13, 0, 30)
    const gen = new DelegationGenerator(seeded(3), beijing(2026, 5, 12, 23))
    runTicks(gen, beijing(2026, 5, 12, 23), justAfterMidnight, MINUTE_MS)
    const p = gen.payload(justAfterMidnight)
    expect(p.today).toBeLessThan(40)
    expect(p.flows.reduce((s, f) => s + f.count, 0)).toBe(p.today)
  })

  it('keeps the cumulative growing across midnight while today starts again', () => {
    const start = beijing(2026, 5, 12, 12)
    const gen = new DelegationGenerator(seeded(4), start)
    let prev = gen.payload(start)
    let resets = 0
    runTicks(gen, start, beijing(2026, 5, 13, 12), 5 * MINUTE_MS, (now) => {
      const p = gen.payload(now)
      expect(p.cumulative).toBeGreaterThanOrEqual(prev.cumulative)
      expect(p.costSaved).toBeGreaterThanOrEqual(prev.costSaved)
      if (p.today < prev.today) {
        resets++
        // everything counted today happened since the last tick, which straddled midnight
        expect(p.today).toBeLessThanOrEqual(p.cumulative - prev.cumulative)
      }
      else {
        expect(p.cumulative - prev.cumulative).toBe(p.today - prev.today)
      }
      prev = p
    })
    expect(resets).toBe(1)
  })
})
