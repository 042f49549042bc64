// useFreshness: what every panel's stale mark shows, from the data's own age and the hub's word on its upstream.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { UpstreamStatus } from '~/protocol'
import { type FakeFeed, startFakeFeed, stopFakeFeed } from '~/test/feed-store'
import { indicators, kpi, TEST_SOURCE } from '~/test/fixtures'
import { useFreshness } from './useFreshness'

const T0 = Date.UTC(2026, 2, 5, 2, 0, 0)
const stalled: UpstreamStatus = { kind: 'http', state: 'stale', since: T0 - 20_000, reason: 'no valid data for 10 s', rejected: {} }

let fake: FakeFeed

beforeEach(() => {
  fake = startFakeFeed(T0)
})

afterEach(() => stopFakeFeed(fake))

function freshness(...topics: Parameters<typeof useFreshness>) {
  const scope = effectScope()
  const result = scope.run(() => useFreshness(...topics))!
  return { result, stop: () => scope.stop() }
}

describe('useFreshness', () => {
  it('shows the stale mark with the data\'s true age while the upstream is stalled, even on a fresh reload', () => {
    const { ds } = fake
    const { result, stop } = freshness('national.kpi', 'national.indicators')
    // a wall that has just loaded: the hub re-sends data 30 s old, and says its source is stalled
    ds.emitStatus('live')
    ds.emitMessage({
      type: 'snapshot',
      seq: 0,
      ts: T0,
      source: TEST_SOURCE,
      topics: { 'national.kpi': kpi({ asOf: T0 - 30_000 }), 'national.indicators': { ...indicators(), asOf: T0 - 4000 } },
      upstream: stalled,
    })
    expect(result.value).toEqual({ stale: true, ageMs: 30_000 })
    vi.advanceTimersByTime(5000)
    expect(result.value).toEqual({ stale: true, ageMs: 35_000 })
    stop()
  })

  it('marks young data stale the moment the upstream stalls, and clears the mark when it is live again', () => {
    const { ds } = fake
    const { result, stop } = freshness('national.kpi')
    ds.emitStatus('live')
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: T0, source: TEST_SOURCE, topics: { 'national.kpi': kpi({ asOf: T0 - 2000 }) } })
    expect(result.value).toEqual({ stale: false, ageMs: null })
    ds.emitMessage({ type: 'heartbeat', seq: 1, ts: T0, upstream: stalled })
    expect(result.value).toEqual({ stale: true, ageMs: 2000 })
    ds.emitMessage({ type: 'patch', seq: 2, ts: T0, topic: 'national.kpi', data: kpi({ asOf: T0 }) })
    ds.emitMessage({ type: 'heartbeat', seq: 3, ts: T0, upstream: { ...stalled, state: 'live', since: T0 } })
    expect(result.value).toEqual({ stale: false, ageMs: null })
    stop()
  })
})
