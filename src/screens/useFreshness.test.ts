// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { effectScope, watch } from 'vue'
import type { UpstreamStatus } from '~/protocol'
import { useFeedHub } from '~/test/feed-hub'
import { indicators, kpi, TEST_TS } from '~/test/fixtures'
import { useFreshness } from './useFreshness'

const T0 = TEST_TS
const hub = useFeedHub({ at: T0, timers: 'all' })
const scope = effectScope()

/** New figures as of now, sent now: data is as old as its asOf, not as its arrival. */
function kpiPatch(): Promise<void> {
  return hub.patch('national.kpi', kpi({ asOf: Date.now() }))
}

const stalled: UpstreamStatus = { kind: 'http', state: 'stale', since: T0 - 20_000, reason: 'no valid data for 10 s', rejected: {} }

describe('useFreshness', () => {
  it('keeps one value while the data is fresh: a clock tick changes nothing downstream', async () => {
    await hub.snapshot({ 'national.kpi': kpi(), 'national.indicators': indicators() }, { ts: TEST_TS })
    const fresh = scope.run(() => useFreshness('national.kpi'))!
    const first = fresh.value
    expect(first).toEqual({ stale: false, ageMs: null })
    let changes = 0
    scope.run(() => watch(fresh, () => changes++))
    for (let s = 0; s < 9; s++) {
      vi.advanceTimersByTime(1000)
      await Promise.resolve()
    }
    expect(fresh.value).toBe(first)
    expect(changes).toBe(0)
  })

  it('gives the age once stale, second by second, and forgets it when data comes back', async () => {
    await hub.snapshot({ 'national.kpi': kpi() }, { ts: TEST_TS })
    const fresh = scope.run(() => useFreshness('national.kpi'))!
    vi.advanceTimersByTime(11_000)
    expect(fresh.value).toEqual({ stale: true, ageMs: 11_000 })
    vi.advanceTimersByTime(1000)
    expect(fresh.value).toEqual({ stale: true, ageMs: 12_000 })
    await kpiPatch()
    expect(fresh.value).toEqual({ stale: false, ageMs: null })
  })

  it('is stale when any of its topics is, with the oldest age', async () => {
    await hub.snapshot({ 'national.kpi': kpi(), 'national.indicators': indicators() }, { ts: TEST_TS })
    const both = scope.run(() => useFreshness('national.indicators', 'national.kpi'))!
    vi.advanceTimersByTime(6000)
    await kpiPatch()
    expect(both.value).toEqual({ stale: false, ageMs: null })
    vi.advanceTimersByTime(5000)
    expect(both.value).toEqual({ stale: true, ageMs: 11_000 })
  })
})

describe('useFreshness with a stalled upstream', () => {
  it('shows the stale mark with the data\'s true age, even on a freshly loaded wall', async () => {
    const both = scope.run(() => useFreshness('national.kpi', 'national.indicators'))!
    // a wall that has just loaded: the hub re-sends data 30 s old, and says its source is stalled
    await hub.snapshot(
      { 'national.kpi': kpi({ asOf: T0 - 30_000 }), 'national.indicators': { ...indicators(), asOf: T0 - 4000 } },
      { ts: T0, upstream: stalled },
    )
    expect(both.value).toEqual({ stale: true, ageMs: 30_000 })
    vi.advanceTimersByTime(5000)
    expect(both.value).toEqual({ stale: true, ageMs: 35_000 })
  })

  it('marks young data stale the moment the upstream stalls, and clears the mark when it is live again', async () => {
    const fresh = scope.run(() => useFreshness('national.kpi'))!
    await hub.snapshot({ 'national.kpi': kpi({ asOf: T0 - 2000 }) }, { ts: T0 })
    expect(fresh.value).toEqual({ stale: false, ageMs: null })
    await hub.heartbeat({ ts: T0, upstream: stalled })
    expect(fresh.value).toEqual({ stale: true, ageMs: 2000 })
    await kpiPatch()
    await hub.heartbeat({ ts: T0, upstream: { ...stalled, state: 'live', since: T0 } })
    expect(fresh.value).toEqual({ stale: false, ageMs: null })
  })
})
