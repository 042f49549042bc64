import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isReactive } from 'vue'
import type { Rejection, ServerMessage, UpstreamStatus } from '~/protocol'
import { createFakeDataSource } from '~/test/fake-data-source'
import { type FakeFeed, startFakeFeed, stopFakeFeed } from '~/test/feed-store'
import { indicators, kpi, TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import { FRAME_MS, frameTimer } from './coalesce'
import { diagnosticsWanted, exposeDiagnostics } from './expose'
import { RECENT_REJECTIONS, useFeedStore, VIEW_REPORT_DELAY_MS } from './feed'

const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)

function snapshot(seq = 0): ServerMessage {
  return { type: 'snapshot', seq, ts: TEST_TS, source: TEST_SOURCE, topics: { 'national.kpi': kpi(), 'national.indicators': indicators() } }
}
/** A patch of data as of now, sent now (the clock is faked). */
function kpiPatch(seq: number, casesPending: number): ServerMessage {
  return { type: 'patch', seq, ts: Date.now(), topic: 'national.kpi', data: kpi({ casesPending, asOf: Date.now() }) }
}
function upstreamStatus(state: UpstreamStatus['state'], since: number, rejected: Record<string, number> = {}): UpstreamStatus {
  return { kind: 'http', state, since, ...(state === 'stale' && { reason: 'no valid data for 10 s' }), rejected }
}
function rejection(reason: Rejection['reason'], detail = 'x'): Rejection {
  return { reason, detail, at: Date.now() }
}

let fake: FakeFeed
let ds: FakeFeed['ds']
let feed: FakeFeed['feed']

beforeEach(() => {
  fake = startFakeFeed(T0)
  ;({ ds, feed } = fake)
})

afterEach(() => stopFakeFeed(fake))

describe('useFeedStore', () => {
  it('keeps a clock to the minute beside the one to the second', () => {
    vi.advanceTimersByTime(59_000)
    expect(feed.now).toBe(T0 + 59_000)
    expect(feed.minute).toBe(T0)
    vi.advanceTimersByTime(1000)
    expect(feed.minute).toBe(T0 + 60_000)
  })

  it('start() connects once, however often it is called', () => {
    feed.start(ds)
    feed.start(createFakeDataSource())
    expect(ds.connects).toBe(1)
    expect(feed.status).toBe('connecting')
  })

  it('applies a snapshot then a patch, each as a new object', () => {
    ds.emitMessage(snapshot())
    const afterSnapshot = feed.latest
    expect(afterSnapshot['national.kpi']?.casesPending).toBe(203_000)
    expect(afterSnapshot['national.indicators']?.values.actualClosureRate).toBe(91.2)
    expect(feed.receivedAt).toEqual({ 'national.kpi': T0, 'national.indicators': T0 })
    expect(feed.source).toEqual(TEST_SOURCE)

    vi.advanceTimersByTime(1500)
    ds.emitMessage(kpiPatch(1, 42))
    expect(feed.latest).not.toBe(afterSnapshot)
    expect(feed.latest['national.kpi']?.casesPending).toBe(42)
    // the untouched topic keeps its very object
    expect(feed.latest['national.indicators']).toBe(afterSnapshot['national.indicators'])
    expect(feed.receivedAt['national.kpi']).toBe(T0 + 1500)
    expect(feed.receivedAt['national.indicators']).toBe(T0)
    expect(feed.messagesAccepted).toBe(2)
    expect(feed.lastMessageAt).toBe(T0 + 1500)
  })

  it('keeps payloads as they came: not cloned, not made deeply reactive', () => {
    const data = kpi({ casesPending: 7 })
    ds.emitMessage({ type: 'patch', seq: 1, ts: TEST_TS, topic: 'national.kpi', data })
    expect(feed.latest['national.kpi']).toBe(data)
    expect(isReactive(feed.latest['national.kpi'])).toBe(false)
  })

  it('a snapshot without a topic keeps that topic\'s last value', () => {
    ds.emitMessage(snapshot())
    const kept = feed.latest['national.indicators']
    ds.emitMessage({ type: 'snapshot', seq: 5, ts: TEST_TS, source: TEST_SOURCE, topics: { 'national.kpi': kpi({ casesPending: 9 }) } })
    expect(feed.latest['national.indicators']).toBe(kept)
    expect(feed.latest['national.kpi']?.casesPending).toBe(9)
  })

  it('counts heartbeats as messages without touching the data', () => {
    ds.emitMessage(snapshot())
    const before = feed.latest
    vi.advanceTimersByTime(2000)
    ds.emitMessage({ type: 'heartbeat', seq: 1, ts: TEST_TS })
    expect(feed.latest).toBe(before)
    expect(feed.messagesAccepted).toBe(2)
    expect(feed.lastMessageAt).toBe(T0 + 2000)
  })

  it('learns the server clock offset from each frame', () => {
    expect(feed.serverOffsetMs()).toBe(0)
    ds.emitMessage({ type: 'heartbeat', seq: 0, ts: T0 + 2500 })
    expect(feed.serverOffsetMs()).toBe(2500)
    ds.emitMessage({ type: 'heartbeat', seq: 1, ts: T0 - 400 })
    expect(feed.serverOffsetMs()).toBe(-400)
  })

  it('counts rejections by reason and keeps the newest 50', () => {
    ds.emitRejected(rejection('notJson', 'first'))
    ds.emitRejected(rejection('badPayload'))
    ds.emitRejected(rejection('badPayload', 'third'))
    expect(feed.rejections.total).toBe(3)
    expect(feed.rejections.byReason).toEqual({ notJson: 1, badPayload: 2 })
    expect(feed.rejections.recent.map(r => r.detail)).toEqual(['third', 'x', 'first'])

    for (let i = 0; i < 60; i++)
      ds.emitRejected(rejection('oversized', `n${i}`))
    expect(feed.rejections.total).toBe(63)
    expect(feed.rejections.recent).toHaveLength(RECENT_REJECTIONS)
    expect(feed.rejections.recent[0]?.detail).toBe('n59')
    expect(feed.rejections.recent.at(-1)?.detail).toBe('n10')
  })

  it('follows the source status', () => {
    ds.emitStatus('live')
    expect(feed.status).toBe('live')
    ds.emitStatus('reconnecting')
    expect(feed.status).toBe('reconnecting')
  })

  it('ticks now every second and ages topics by it', () => {
    expect(feed.ageOf('national.kpi')).toBeNull()
    expect(feed.newestDataAgeMs).toBeNull()
    ds.emitMessage(snapshot())
    expect(feed.ageOf('national.kpi')).toBe(0)
    vi.advanceTimersByTime(999)
    expect(feed.now).toBe(T0)
    vi.advanceTimersByTime(1)
    expect(feed.now).toBe(T0 + 1000)
    vi.advanceTimersByTime(4000)
    ds.emitMessage(kpiPatch(1, 1))
    vi.advanceTimersByTime(3000)
    expect(feed.ageOf('national.kpi')).toBe(3000)
    expect(feed.ageOf('national.indicators')).toBe(8000)
    expect(feed.newestDataAgeMs).toBe(3000)
  })

  it('marks a topic stale after staleAfterMs, and a never-seen one only when offline', () => {
    expect(feed.staleAfterMs).toBe(10_000)
    ds.emitStatus('live')
    ds.emitMessage(snapshot())
    vi.advanceTimersByTime(10_000)
    expect(feed.isStale('national.kpi')).toBe(false)
    vi.advanceTimersByTime(1000)
    expect(feed.isStale('national.kpi')).toBe(true)
    ds.emitMessage(kpiPatch(1, 1))
    vi.advanceTimersByTime(1000)
    expect(feed.isStale('national.kpi')).toBe(false)

    expect(feed.isStale('province.stats')).toBe(false)
    ds.emitStatus('offline')
    expect(feed.isStale('province.stats')).toBe(true)
  })

  it('reports page, data age and view every 5 s while live', () => {
    feed.reportView({ profile: 'wall-32x9', width: 7680, height: 2160 })
    feed.reportPage('overview')
    expect(ds.sent).toEqual([]) // not live yet
    ds.emitMessage(snapshot())
    ds.emitStatus('live')
    expect(ds.sent).toEqual([{ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 0, profile: 'wall-32x9', width: 7680, height: 2160 } }])
    vi.advanceTimersByTime(5000)
    expect(ds.sent).toHaveLength(2)
    expect(ds.sent[1]).toMatchObject({ type: 'status', data: { dataAgeMs: 5000 } })
    feed.reportPage('battle-plan')
    expect(ds.sent[2]).toMatchObject({ type: 'status', data: { page: 'battle-plan' } })
    feed.reportView({ profile: 'wall-32x9', width: 7680, height: 2160 })
    vi.advanceTimersByTime(VIEW_REPORT_DELAY_MS)
    expect(ds.sent).toHaveLength(3) // the same view: nothing new to tell
    // a window dragged to a new size: one report for the burst, with the size it came to rest at
    for (let width = 1800; width <= 1920; width += 10)
      feed.reportView({ profile: 'wall-16x9', width, height: 1080 })
    expect(ds.sent).toHaveLength(3)
    vi.advanceTimersByTime(VIEW_REPORT_DELAY_MS)
    expect(ds.sent).toHaveLength(4)
    expect(ds.sent[3]).toMatchObject({ type: 'status', data: { page: 'battle-plan', profile: 'wall-16x9', width: 1920, height: 1080 } })
    ds.emitStatus('reconnecting')
    vi.advanceTimersByTime(10_000)
    expect(ds.sent).toHaveLength(4)
  })

  it('does not send a status the server would refuse', () => {
    feed.reportPage('Not A Page!')
    ds.emitStatus('live')
    vi.advanceTimersByTime(5000)
    expect(ds.sent).toEqual([])
  })

  it('send() goes through the source', () => {
    expect(feed.send({ v: 1, type: 'resync' })).toBe(true)
    ds.open = false
    expect(feed.send({ v: 1, type: 'resync' })).toBe(false)
    expect(ds.sent).toEqual([{ v: 1, type: 'resync' }])
  })

  it('stop() closes the source, stops the clocks and ignores later events', () => {
    ds.emitStatus('live')
    feed.stop()
    expect(ds.closes).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
    expect(feed.status).toBe('offline')
    ds.emitMessage(snapshot())
    expect(feed.messagesAccepted).toBe(0)
    expect(feed.send({ v: 1, type: 'resync' })).toBe(false)
  })
})

describe('freshness: the data\'s own age', () => {
  it('applies patches a frame apart once, the newest value with its own age, on a frame timer', () => {
    setActivePinia(createPinia())
    const framed = useFeedStore()
    const source = createFakeDataSource()
    framed.start(source, { frames: frameTimer() })
    source.emitMessage(snapshot())
    const before = framed.latest
    const asOfBefore = framed.dataAsOf['national.kpi']
    vi.advanceTimersByTime(5)
    source.emitMessage(kpiPatch(1, 1))
    vi.advanceTimersByTime(5)
    source.emitMessage(kpiPatch(2, 2))
    // nothing applied before the frame: figures and their stale marks change together
    expect(framed.latest).toBe(before)
    expect(framed.dataAsOf['national.kpi']).toBe(asOfBefore)
    vi.advanceTimersByTime(FRAME_MS)
    expect(framed.latest['national.kpi']?.casesPending).toBe(2)
    expect(framed.dataAsOf['national.kpi']).toBe(T0 + 10)
    expect(framed.receivedAt['national.kpi']).toBe(T0 + 10)
    framed.stop()
  })

  it('ages a topic by its asOf, not by when it arrived', () => {
    ds.emitStatus('live')
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: T0, source: TEST_SOURCE, topics: { 'national.kpi': kpi({ asOf: T0 - 36_000 }), 'national.indicators': indicators() } })
    expect(feed.ageOf('national.kpi')).toBe(36_000)
    expect(feed.isStale('national.kpi')).toBe(true)
    expect(feed.ageOf('national.indicators')).toBe(0)
    expect(feed.newestDataAgeMs).toBe(0)
  })

  it('measures the age on the server\'s clock, whatever the wall\'s clock says', () => {
    ds.emitStatus('live')
    // the wall's clock is 60 s behind the server's; the data is 2 s old
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: T0 + 60_000, source: TEST_SOURCE, topics: { 'national.kpi': kpi({ asOf: T0 + 58_000 }) } })
    expect(feed.ageOf('national.kpi')).toBe(2000)
    vi.advanceTimersByTime(3000)
    expect(feed.ageOf('national.kpi')).toBe(5000)
    // and 90 s ahead: data stamped "in the future" of the wall's clock is still 2 s old, not -88 s
    ds.emitMessage({ type: 'patch', seq: 1, ts: T0 + 3000 - 90_000, topic: 'national.kpi', data: kpi({ asOf: T0 + 3000 - 92_000 }) })
    expect(feed.ageOf('national.kpi')).toBe(2000)
    expect(feed.isStale('national.kpi')).toBe(false)
  })

  it('ages data stamped ahead of the frame that carried it from that frame, never below zero', () => {
    ds.emitStatus('live')
    // a source whose clock runs a minute ahead of the server's
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: T0, source: TEST_SOURCE, topics: { 'national.kpi': kpi({ asOf: T0 + 60_000 }) } })
    expect(feed.ageOf('national.kpi')).toBe(0)
    vi.advanceTimersByTime(12_000)
    expect(feed.ageOf('national.kpi')).toBe(12_000)
    expect(feed.isStale('national.kpi')).toBe(true)
  })


  it('ages the data of a source on a demo clock by its real age, not by the hours the clock is set back', () => {
    ds.emitStatus('live')
    // the courts run three hours behind the real time; their data is 2 s old
    const source = { ...TEST_SOURCE, clockOffsetMs: -3 * 3_600_000 }
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: T0, source, topics: { 'national.kpi': kpi({ asOf: T0 - 3 * 3_600_000 - 2000 }) } })
    expect(feed.ageOf('national.kpi')).toBe(2000)
    expect(feed.isStale('national.kpi')).toBe(false)
    vi.advanceTimersByTime(1000)
    ds.emitMessage({ type: 'patch', seq: 1, ts: T0 + 1000, topic: 'national.kpi', data: kpi({ asOf: T0 + 1000 - 3 * 3_600_000 }) })
    expect(feed.ageOf('national.kpi')).toBe(0)
    expect(feed.newestDataAgeMs).toBe(0)
  })
  it('marks everything stale while the hub says its upstream is stale, with each topic\'s true age', () => {
    ds.emitStatus('live')
    ds.emitMessage(snapshot())
    vi.advanceTimersByTime(2000)
    expect(feed.isStale('national.kpi')).toBe(false)
    ds.emitMessage({ type: 'heartbeat', seq: 1, ts: Date.now(), upstream: upstreamStatus('stale', Date.now()) })
    expect(feed.upstreamStale).toBe(true)
    expect(feed.status).toBe('live')
    expect(feed.isStale('national.kpi')).toBe(true)
    expect(feed.ageOf('national.kpi')).toBe(2000)
    ds.emitMessage(kpiPatch(2, 5))
    ds.emitMessage({ type: 'heartbeat', seq: 3, ts: Date.now(), upstream: upstreamStatus('live', Date.now()) })
    expect(feed.upstreamStale).toBe(false)
    expect(feed.isStale('national.kpi')).toBe(false)
  })

  it('keeps the stale mark and the true age through a reconnect while the upstream is stalled', () => {
    ds.emitStatus('live')
    ds.emitMessage(snapshot())
    // the upstream stalls; 36 s later the connection drops and comes back
    vi.advanceTimersByTime(10_000)
    ds.emitMessage({ type: 'heartbeat', seq: 1, ts: Date.now(), upstream: upstreamStatus('stale', Date.now()) })
    vi.advanceTimersByTime(26_000)
    ds.emitStatus('reconnecting')
    ds.emitStatus('live')
    // the hub re-sends what it last had, as of T0, in a fresh snapshot
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: Date.now(), source: TEST_SOURCE, topics: { 'national.kpi': kpi(), 'national.indicators': indicators() }, upstream: upstreamStatus('stale', T0 + 10_000) })
    expect(feed.isStale('national.kpi')).toBe(true)
    expect(feed.ageOf('national.kpi')).toBe(36_000)
    expect(feed.newestDataAgeMs).toBe(36_000)
    vi.advanceTimersByTime(10_000)
    expect(feed.ageOf('national.kpi')).toBe(46_000)
    expect(feed.isStale('national.kpi')).toBe(true)
  })

  it('keeps the hub\'s upstream rejects, and the same object while nothing changed', () => {
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: T0, source: TEST_SOURCE, topics: {}, upstream: upstreamStatus('live', T0, { badPayload: 2 }) })
    const first = feed.upstream
    expect(first?.rejected).toEqual({ badPayload: 2 })
    ds.emitMessage({ type: 'heartbeat', seq: 1, ts: T0, upstream: upstreamStatus('live', T0, { badPayload: 2 }) })
    expect(feed.upstream).toBe(first)
    ds.emitMessage({ type: 'heartbeat', seq: 2, ts: T0, upstream: upstreamStatus('live', T0, { badPayload: 3 }) })
    expect(feed.upstream?.rejected).toEqual({ badPayload: 3 })
    // a heartbeat from a hub that does not send it changes nothing
    ds.emitMessage({ type: 'heartbeat', seq: 3, ts: T0 })
    expect(feed.upstream?.rejected).toEqual({ badPayload: 3 })
  })
})

describe('exposeDiagnostics', () => {
  it('offers live read-only counters on window.__wall.feed and keeps other keys', () => {
    const target: { __wall?: Record<string, unknown> } = { __wall: { control: 'kept' } }
    const exposed = exposeDiagnostics(feed, target)
    expect(target.__wall?.control).toBe('kept')
    expect(target.__wall?.feed).toBe(exposed)
    ds.emitStatus('live')
    ds.emitMessage(snapshot())
    ds.emitRejected(rejection('notJson'))
    expect(exposed.messagesAccepted).toBe(1)
    expect(exposed.status).toBe('live')
    expect(exposed.rejections.total).toBe(1)
    expect(exposed.lastMessageAt).toBe(T0)
    expect(() => {
      (exposed as { messagesAccepted: number }).messagesAccepted = 5
    }).toThrow()
  })

  it('is wanted in a dev build, or in a production build only when the page set __wallDiagnostics', () => {
    expect(diagnosticsWanted({}, true)).toBe(true)
    expect(diagnosticsWanted({}, false)).toBe(false)
    expect(diagnosticsWanted({ __wallDiagnostics: 'yes' }, false)).toBe(false)
    expect(diagnosticsWanted({ __wallDiagnostics: true }, false)).toBe(true)
  })
})
