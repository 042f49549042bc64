import { describe, expect, it } from 'vitest'
import type { InquiryStats } from '#protocol'
import { InquiryGenerator } from './inquiry.ts'
import { INQUIRIES_PER_YEAR } from '../magnitudes.ts'
import { beijing, MINUTE_MS, runTicks, seeded } from './testing.ts'
import { chinaDayStart, DAY_MS, workdaysInYear } from '../calendar.ts'

const TODAY_KEYS = ['inquiriesToday', 'freezesToday', 'frozenAmountToday'] as const
const YTD_KEYS = ['inquiriesYtd', 'freezesYtd', 'frozenAmountYtd'] as const

function collect(start: number, end: number, seed = 1, stepMs = MINUTE_MS): { at: number, p: InquiryStats }[] {
  const gen = new InquiryGenerator(seeded(seed), start)
  const seen = [{ at: start, p: gen.payload(start) }]
  runTicks(gen, start, end, stepMs, now => seen.push({ at: now, p: gen.payload(now) }))
  return seen
}

describe('inquiry.stats', () => {
  it('opens at a working day\'s national scale and carries the article\'s reach', () => {
    const noon = beijing(2026, 5, 12, 13)
    const p = new InquiryGenerator(seeded(1), noon).payload(noon)
    const perWorkday = INQUIRIES_PER_YEAR / workdaysInYear(2026)
    // by 13:00 a little under half the day's work is done
    expect(p.inquiriesToday).toBeGreaterThan(0.45 * perWorkday)
    expect(p.inquiriesToday).toBeLessThan(0.55 * perWorkday)
    expect(p.inquiriesYtd).toBeGreaterThan(p.inquiriesToday)
    expect(p.reach).toEqual({ agencies: 16, banks: 3800, infoKinds: 1625 })
    expect(p.byAgency.reduce((s, a) => s + a.inquiriesToday, 0)).toBe(p.inquiriesToday)
    expect(p.ticker.length).toBeGreaterThan(0)
  })

  it('counts up through a day, resets today at Beijing midnight and keeps the year', () => {
    const start = beijing(2026, 5, 12, 12)
    const seen = collect(start, beijing(2026, 5, 13, 12))
    const midnight = beijing(2026, 5, 13)
    for (let i = 1; i < seen.length; i++) {
      const { at, p } = seen[i]!
      const prev = seen[i - 1]!.p
      for (const key of YTD_KEYS)
        expect(p[key]).toBeGreaterThanOrEqual(prev[key])
      const crossed = chinaDayStart(at) === midnight && chinaDayStart(seen[i - 1]!.at) < midnight
      for (const key of TODAY_KEYS) {
        if (crossed)
          expect(p[key]).toBeLessThan(prev[key])
        else
          expect(p[key]).toBeGreaterThanOrEqual(prev[key])
        expect(p[key]).toBeLessThanOrEqual(p[YTD_KEYS[TODAY_KEYS.indexOf(key)]!])
      }
      p.byAgency.forEach((a, k) => {
        if (!crossed)
          expect(a.inquiriesToday).toBeGreaterThanOrEqual(prev.byAgency[k]!.inquiriesToday)
      })
    }
    const afterMidnight = seen.find(s => s.at === midnight + MINUTE_MS)!.p
    expect(afterMidnight.inquiriesToday).toBeLessThan(1000)
  })

  it('adds over a day ticked at the rhythm what the backfill says the day adds, on a working day and a rest day', () => {
    // 2026-05-12 is a Tuesday, 2026-05-16 a Saturday
    for (const day of [beijing(2026, 5, 12), beijing(2026, 5, 16)]) {
      const next = day + DAY_MS
      const live = new InquiryGenerator(seeded(6), day)
      runTicks(live, day, next, MINUTE_MS)
      const ticked = live.payload(next)
      const atDay = new InquiryGenerator(seeded(6), day).payload(day)
      const atNext = new InquiryGenerator(seeded(6), next).payload(next)
      for (const key of ['inquiriesYtd', 'freezesYtd'] as const) {
        const backfilled = atNext[key] - atDay[key]
        expect(backfilled).toBeGreaterThan(1000)
        // within the draws' noise: five standard deviations of a count of that size
        expect(Math.abs(ticked[key] - atNext[key]), `${key} from ${day}`).toBeLessThan(5 * Math.sqrt(backfilled))
      }
    }
  })

  it('resets the year at Beijing new year', () => {
    const seen = collect(beijing(2026, 12, 31, 23, 50), beijing(2027, 1, 1, 0, 10))
    const last2026 = seen.find(s => s.at === beijing(2026, 12, 31, 23, 59))!.p
    const first2027 = seen.find(s => s.at === beijing(2027, 1, 1, 0, 1))!.p
    expect(last2026.inquiriesYtd).toBeGreaterThan(100_000_000)
    expect(first2027.inquiriesYtd).toBeLessThan(1000)
    expect(first2027.frozenAmountYtd).toBe(first2027.frozenAmountToday)
  })

  it('keeps a ticker of the 30 newest anonymous events, newest first', () => {
    const start = beijing(2026, 5, 12, 10)
    // Ticked each second, as the server ticks: a tick puts at most a few hits on the ticker beside
    // all its freezes, so at minute ticks a peak minute's freezes can crowd every hit out.
    const seen = collect(start, start + 30 * MINUTE_MS, 4, 1000)
    const { p, at } = seen[seen.length - 1]!
    expect(p.ticker).toHaveLength(30)
    expect(new Set(p.ticker.map(e => e.id)).size).toBe(30)
    for (let i = 1; i < p.ticker.length; i++)
      expect(p.ticker[i]!.at).toBeLessThanOrEqual(p.ticker[i - 1]!.at)
    expect(p.ticker[0]!.at).toBeLessThanOrEqual(at)
    expect(p.ticker[29]!.at).toBeGreaterThan(at - 5 * MINUTE_MS)
    for (const e of p.ticker)
      expect(e.action === 'freeze' ? e.amount !== null && e.amount > 0 : e.amount === null).toBe(true)
    expect(p.ticker.some(e => e.action === 'freeze')).toBe(true)
    expect(p.ticker.some(e => e.action === 'query')).toBe(true)
    expect(p.ticker.every(e => e.agency !== 'civilAffairs')).toBe(true)
  })
})
