import { describe, expect, it } from 'vitest'
import { ROUND_NEXT, ROUND_START, terminationStats } from '~/test/supervision-fixtures'
import { daysUntil, elapsedShare, formatDay, formatDayTime } from './dates'
import { requeryRound } from './requery'

describe('requeryRound', () => {
  it('measures the round against the pool it started with, not the pool now, with found and restart shares', () => {
    const now = ROUND_START + (ROUND_NEXT - ROUND_START) / 4
    const stats = terminationStats()
    expect(stats.poolSize).not.toBe(stats.cycle.poolAtStart)
    const r = requeryRound(stats, now)
    expect(r.progress).toBeCloseTo(10_000_000 / 40_000_000, 6)
    expect(r.foundRate).toBeCloseTo(310_000 / 10_000_000 * 100, 6)
    expect(r.restartRate).toBe(50)
    expect(r.timeShare).toBeCloseTo(0.25, 6)
    expect(r.daysToNext).toBe(Math.ceil((ROUND_NEXT - now) / 86_400_000))
  })

  it('reaches 1 when every case of the starting pool was queried, however the pool moved', () => {
    const { cycle } = terminationStats()
    const done = { ...cycle, poolAtStart: 39_000_000, queried: 39_000_000 }
    expect(requeryRound({ cycle: done }, ROUND_NEXT).progress).toBe(1)
    expect(requeryRound({ ...terminationStats({ poolSize: 45_000_000 }), cycle: done }, ROUND_NEXT).progress).toBe(1)
  })

  it('holds the bar in 0–1 and gives no shares before anything was queried', () => {
    const { cycle } = terminationStats()
    const empty = requeryRound({ cycle: { ...cycle, poolAtStart: 0, queried: 0, propertyFound: 0, restarted: 0 } }, ROUND_START)
    expect(empty).toMatchObject({ progress: 0, foundRate: null, restartRate: null, timeShare: 0 })
    const fresh = requeryRound({ cycle: { ...cycle, queried: 0, propertyFound: 0, restarted: 0 } }, ROUND_START)
    expect(fresh).toMatchObject({ progress: 0, foundRate: null, restartRate: null })
    // unvalidated input only: the schema rejects queried > poolAtStart
    expect(requeryRound({ cycle: { ...cycle, poolAtStart: 100, queried: 150 } }, ROUND_NEXT + 1).progress).toBe(1)
  })
})

describe('dates', () => {
  it('prints days in Beijing time', () => {
    expect(formatDay(ROUND_NEXT, 'zh-CN')).toBe('2026年7月1日')
    expect(formatDay(ROUND_NEXT, 'en')).toBe('Jul 1, 2026')
    expect(formatDayTime(ROUND_NEXT + 3_723_000, 'zh-CN')).toBe('7月1日 01:02:03')
    expect(formatDay(Number.NaN, 'zh-CN')).toBe('—')
  })

  it('counts days up and shares of a span', () => {
    expect(daysUntil(10 * 86_400_000, 0)).toBe(10)
    expect(daysUntil(86_400_000 + 1, 0)).toBe(2)
    expect(daysUntil(0, 5)).toBe(0)
    expect(elapsedShare(0, 100, 25)).toBe(0.25)
    expect(elapsedShare(0, 100, 200)).toBe(1)
    expect(elapsedShare(100, 100, 50)).toBe(0)
  })
})
