import { describe, expect, it } from 'vitest'
import { validateTopic } from '#protocol'
import { FunctionPages } from './index.ts'
import { sum } from './apportion.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'

/** Openings that cross the awkward moments: midnight, new year, a weekend, the July re-query round. */
const STARTS = [
  beijing(2026, 5, 12, 10),
  beijing(2026, 5, 12, 23, 50),
  beijing(2026, 12, 31, 23, 30),
  beijing(2026, 5, 16, 9),
  beijing(2026, 6, 30, 23),
  beijing(2030, 3, 4, 8),
]

function expectAllValid(payloads: Record<string, unknown>, now: number) {
  for (const [topic, payload] of Object.entries(payloads)) {
    const checked = validateTopic(topic, payload, now)
    expect(checked.ok ? 'ok' : `${topic}: ${checked.rejection.detail}`).toBe('ok')
  }
}

describe('FunctionPages', () => {
  it('produces the six function topics, valid for many seeds and ticks', () => {
    STARTS.forEach((start, s) => {
      for (let seed = 1; seed <= 3; seed++) {
        const sim = new FunctionPages(seeded(seed * 7919 + s), start)
        expect(Object.keys(sim.payloads(start)).sort()).toEqual(
          ['auction.stats', 'credit.stats', 'delegation.stats', 'inquiry.stats', 'rollcall.courts', 'termination.stats'])
        expectAllValid(sim.payloads(start), start)
        runTicks(sim, start, start + 26 * 60 * MINUTE_MS, 30 * MINUTE_MS, now => expectAllValid(sim.payloads(now), now))
      }
    })
  })

  it('stays valid through irregular ticks: bursts, long gaps, odd rhythm values', () => {
    const start = beijing(2026, 5, 12, 9)
    const sim = new FunctionPages(seeded(99), start)
    const steps = [1, 10, 500, 3 * 60 * MINUTE_MS, 250, 2 * 24 * 60 * MINUTE_MS, 17, 9 * 60 * MINUTE_MS]
    const rhythms = [1, 0, Number.NaN, 3, -1, 0.5, 1, 0.2]
    let now = start
    steps.forEach((step, i) => {
      now += step
      sim.tick(now, rhythms[i]!)
      expectAllValid(sim.payloads(now), now)
    })
    // time going backwards changes nothing
    const before = JSON.stringify(sim.payloads(now))
    sim.tick(now - MINUTE_MS, 1)
    expect(JSON.stringify(sim.payloads(now))).toBe(before)
  })

  it('replays exactly for a seed, and differs for another', () => {
    const start = beijing(2026, 5, 12, 11)
    const run = (seed: number) => {
      const sim = new FunctionPages(seeded(seed), start)
      const seen: string[] = []
      runTicks(sim, start, start + 6 * 60 * MINUTE_MS, 7 * MINUTE_MS, now => seen.push(JSON.stringify(sim.payloads(now))))
      seen.push(JSON.stringify(sim.drawRollCall(10, 4242, start)))
      return seen
    }
    expect(run(5)).toEqual(run(5))
    expect(run(5)).not.toEqual(run(6))
  })

  it('reads without drawing: payloads() between ticks does not change what follows', () => {
    const start = beijing(2026, 5, 12, 11)
    const quiet = new FunctionPages(seeded(3), start)
    const watched = new FunctionPages(seeded(3), start)
    runTicks(quiet, start, start + 60 * MINUTE_MS, MINUTE_MS)
    runTicks(watched, start, start + 60 * MINUTE_MS, MINUTE_MS, now => watched.payloads(now))
    const end = start + 60 * MINUTE_MS
    expect(watched.payloads(end)).toEqual(quiet.payloads(end))
  })

  it('keeps its own streams: the caller rng is read only at creation', () => {
    let calls = 0
    const base = seeded(11)
    const counting = () => {
      calls++
      return base()
    }
    const start = beijing(2026, 5, 12, 11)
    const sim = new FunctionPages(counting, start)
    const atCreation = calls
    runTicks(sim, start, start + 30 * MINUTE_MS, MINUTE_MS)
    expect(atCreation).toBe(6)
    expect(calls).toBe(atCreation)
  })

  it('gives the overview the figures its pages show, unit by unit', () => {
    const start = beijing(2026, 5, 12, 15)
    const sim = new FunctionPages(seeded(8), start)
    runTicks(sim, start, start + 30 * MINUTE_MS, MINUTE_MS)
    const p = sim.payloads(start + 30 * MINUTE_MS)
    const figures = sim.overviewFigures()
    expect(sum(figures.networkInquiriesToday)).toBe(p['inquiry.stats'].inquiriesToday)
    expect(figures.networkInquiriesToday).toHaveLength(32)
    expect(figures.dishonestDebtorsListed).toEqual(p['credit.stats'].byUnit.map(u => u.listedNow))
    expect(sum(figures.dishonestDebtorsListed)).toBe(p['credit.stats'].listedNow)
    expect(figures.onlineAuctionsYtd).toBe(p['auction.stats'].ytd)
    expect(figures.auctionTurnoverYtd).toBe(p['auction.stats'].turnoverYtd)
  })
})
