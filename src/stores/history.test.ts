// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { isReactive } from 'vue'
import { useFeedHub } from '~/test/feed-hub'
import { provinceStats, TEST_TS } from '~/test/fixtures'
import type { ProvinceStats } from '~/protocol'
import { createRing, HISTORY_CAPACITY, HISTORY_INTERVAL_MS, isSampleDue, unitTrend, useHistoryStore } from './history'

function statsAt(asOf: number, concluded = 1000): ProvinceStats {
  const stats = provinceStats()
  return { asOf, units: stats.units.map(u => u.unitId === '320000' ? { ...u, casesConcludedYtd: concluded } : u) }
}

describe('createRing', () => {
  it('keeps the last `capacity` items, oldest first', () => {
    const ring = createRing<number>(3)
    expect(ring.toArray()).toEqual([])
    expect(ring.last()).toBeUndefined()
    for (const n of [1, 2, 3, 4, 5])
      ring.push(n)
    expect(ring.size).toBe(3)
    expect(ring.toArray()).toEqual([3, 4, 5])
    expect(ring.last()).toBe(5)
    ring.clear()
    expect(ring.size).toBe(0)
    expect(() => createRing(0)).toThrow()
  })
})

describe('isSampleDue', () => {
  it('takes the first sample, then one per interval', () => {
    expect(isSampleDue(undefined, 5)).toBe(true)
    expect(isSampleDue(0, HISTORY_INTERVAL_MS - 1)).toBe(false)
    expect(isSampleDue(0, HISTORY_INTERVAL_MS)).toBe(true)
  })
})

describe('useHistoryStore', () => {
  const hub = useFeedHub()

  // live, with no province figures yet
  beforeEach(() => hub.snapshot({}))

  const patch = (stats: ProvinceStats) => hub.patch('province.stats', stats, { ts: TEST_TS })

  it('samples province.stats at most once per interval, by the data\'s own time', async () => {
    const history = useHistoryStore()
    await hub.snapshot({ 'province.stats': statsAt(TEST_TS, 100) }, { ts: TEST_TS })
    await patch(statsAt(TEST_TS + 1_000, 101))
    await patch(statsAt(TEST_TS + HISTORY_INTERVAL_MS - 1, 102))
    await patch(statsAt(TEST_TS + HISTORY_INTERVAL_MS, 103))
    expect(history.samples.map(s => s.at)).toEqual([TEST_TS, TEST_TS + HISTORY_INTERVAL_MS])
    expect(unitTrend(history.samples, '320000').map(p => p.casesConcludedYtd)).toEqual([100, 103])
  })

  it('keeps no more than its capacity, and nothing deeply reactive', async () => {
    const history = useHistoryStore()
    for (let i = 0; i < HISTORY_CAPACITY + 30; i++)
      await patch(statsAt(TEST_TS + i * HISTORY_INTERVAL_MS, i))
    expect(history.samples).toHaveLength(HISTORY_CAPACITY)
    expect(history.samples[0]!.at).toBe(TEST_TS + 30 * HISTORY_INTERVAL_MS)
    expect(unitTrend(history.samples, '320000').at(-1)!.casesConcludedYtd).toBe(HISTORY_CAPACITY + 29)
    expect(isReactive(history.samples[0])).toBe(false)
    expect(isReactive(history.samples[0]!.rows)).toBe(false)
  })

  it('starts again when the source\'s clock goes back', async () => {
    const history = useHistoryStore()
    await patch(statsAt(TEST_TS + 10 * HISTORY_INTERVAL_MS))
    await patch(statsAt(TEST_TS + 11 * HISTORY_INTERVAL_MS))
    await patch(statsAt(TEST_TS))
    expect(history.samples.map(s => s.at)).toEqual([TEST_TS])
  })

  it('gives one unit\'s trend, skipping samples without it', async () => {
    const history = useHistoryStore()
    await patch(statsAt(TEST_TS, 5))
    await patch({ asOf: TEST_TS + HISTORY_INTERVAL_MS, units: [] })
    await patch(statsAt(TEST_TS + 2 * HISTORY_INTERVAL_MS, 7))
    const trend = unitTrend(history.samples, '320000')
    expect(trend.map(p => p.casesConcludedYtd)).toEqual([5, 7])
    expect(trend[0]!.actualClosureRate).toBeGreaterThan(0)
    expect(unitTrend(history.samples, 'nowhere')).toEqual([])
  })
})
