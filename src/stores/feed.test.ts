// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { isReactive } from 'vue'
import { createWebSocketSource } from '~/datasource/websocket'
import type { ServerMessage, UpstreamStatus } from '~/protocol'
import { FEED_URL, OFFLINE_AFTER_MS, RECONNECT_MS, useFeedHub } from '~/test/feed-hub'
import { frames, indicators, kpi, TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import { FRAME_MS, frameTimer } from './coalesce'
import { diagnosticsWanted, exposeDiagnostics } from './expose'
import { type FeedStore, RECENT_REJECTIONS, VIEW_REPORT_DELAY_MS } from './feed'

const T0 = TEST_TS
const hub = useFeedHub({ at: T0, timers: 'all' })

/** The hub's snapshot of the national figures, as of TEST_TS. */
function snapshot(): Promise<void> {
  return hub.snapshot({ 'national.kpi': kpi(), 'national.indicators': indicators() }, { ts: TEST_TS })
}
/** A patch of data as of now, sent now (the clock is faked). */
function kpiPatch(casesPending: number): Promise<void> {
  return hub.patch('national.kpi', kpi({ casesPending, asOf: Date.now() }))
}
function upstreamStatus(state: UpstreamStatus['state'], since: number, rejected: Record<string, number> = {}): UpstreamStatus {
  return { kind: 'http', state, since, ...(state === 'stale' && { reason: 'no valid data for 10 s' }), rejected }
}
/** A national.kpi patch whose `field` is negative: its envelope is fine, its payload is not. */
function badKpiPatch(field: 'casesPending' | 'casesReceivedYtd') {
  return (seq: number) => JSON.stringify({ v: 1, type: 'patch', seq, ts: TEST_TS, topic: 'national.kpi', data: { ...kpi(), [field]: -1 } })
}

let feed: FeedStore

beforeEach(() => {
  feed = hub.store
})

describe('useFeedStore', () => {
  it('keeps a clock to the minute beside the one to the second', () => {
    vi.advanceTimersByTime(59_000)
    expect(feed.now).toBe(T0 + 59_000)
    expect(feed.minute).toBe(T0)
    vi.advanceTimersByTime(1000)
    expect(feed.minute).toBe(T0 + 60_000)
  })

  it('start() connects once, however often it is called', async () => {
    feed.start(hub.source)
    feed.start(createWebSocketSource({ url: FEED_URL }))
    await hub.settle()
    expect(hub.connections).toHaveLength(1)
    expect(feed.status).toBe('connecting')
  })

  it('applies a snapshot then a patch, each as a new object', async () => {
    await snapshot()
    const afterSnapshot = feed.latest
    expect(afterSnapshot['national.kpi']?.casesPending).toBe(203_000)
    expect(afterSnapshot['national.indicators']?.values.actualClosureRate).toBe(91.2)
    expect(feed.receivedAt).toEqual({ 'national.kpi': T0, 'national.indicators': T0 })
    expect(feed.source).toEqual(TEST_SOURCE)

    vi.advanceTimersByTime(1500)
    await kpiPatch(42)
    expect(feed.latest).not.toBe(afterSnapshot)
    expect(feed.latest['national.kpi']?.casesPending).toBe(42)
    // the untouched topic keeps its very object
    expect(feed.latest['national.indicators']).toBe(afterSnapshot['national.indicators'])
    expect(feed.receivedAt['national.kpi']).toBe(T0 + 1500)
    expect(feed.receivedAt['national.indicators']).toBe(T0)
    expect(feed.messagesAccepted).toBe(2)
    expect(feed.lastMessageAt).toBe(T0 + 1500)
  })

  it('keeps payloads as the source gave them: not cloned, not made deeply reactive', async () => {
    const given: ServerMessage[] = []
    hub.source.on('message', message => given.push(message))
    await snapshot()
    await hub.patch('national.kpi', kpi({ casesPending: 7 }), { ts: TEST_TS })
    const patch = given.at(-1)
    expect(patch?.type === 'patch' && patch.data).toEqual(kpi({ casesPending: 7 }))
    expect(feed.latest['national.kpi']).toBe(patch?.type === 'patch' && patch.data)
    expect(isReactive(feed.latest['national.kpi'])).toBe(false)
  })

  it('a snapshot without a topic keeps that topic\'s last value', async () => {
    await snapshot()
    const kept = feed.latest['national.indicators']
    await hub.snapshot({ 'national.kpi': kpi({ casesPending: 9 }) }, { seq: 5, ts: TEST_TS })
    expect(feed.latest['national.indicators']).toBe(kept)
    expect(feed.latest['national.kpi']?.casesPending).toBe(9)
  })

  it('counts heartbeats as messages without touching the data', async () => {
    await snapshot()
    const before = feed.latest
    vi.advanceTimersByTime(2000)
    await hub.heartbeat({ ts: TEST_TS })
    expect(feed.latest).toBe(before)
    expect(feed.messagesAccepted).toBe(2)
    expect(feed.lastMessageAt).toBe(T0 + 2000)
  })

  it('learns the server clock offset from each frame', async () => {
    expect(feed.serverOffsetMs()).toBe(0)
    await hub.heartbeat({ ts: T0 + 2500 })
    expect(feed.serverOffsetMs()).toBe(2500)
    await hub.heartbeat({ ts: T0 - 400 })
    expect(feed.serverOffsetMs()).toBe(-400)
  })

  it('counts rejections by reason and keeps the newest 50', async () => {
    await snapshot()
    await hub.send('first')
    await hub.send(frames.badPatch)
    await hub.send(badKpiPatch('casesReceivedYtd'))
    expect(feed.rejections.total).toBe(3)
    expect(feed.rejections.byReason).toEqual({ notJson: 1, badPayload: 2 })
    expect(feed.rejections.recent.map(r => r.detail)).toEqual([
      expect.stringMatching(/^casesReceivedYtd: /),
      expect.stringMatching(/^casesPending: /),
      'not JSON: first',
    ])

    for (let i = 0; i < 60; i++)
      await hub.send(`n${i}`)
    expect(feed.rejections.total).toBe(63)
    expect(feed.rejections.byReason).toEqual({ notJson: 61, badPayload: 2 })
    expect(feed.rejections.recent).toHaveLength(RECENT_REJECTIONS)
    expect(feed.rejections.recent[0]?.detail).toBe('not JSON: n59')
    expect(feed.rejections.recent.at(-1)?.detail).toBe('not JSON: n10')
  })

  it('follows the source status', async () => {
    await hub.snapshot({})
    expect(feed.status).toBe('live')
    await hub.drop()
    expect(feed.status).toBe('reconnecting')
  })

  it('ticks now every second and ages topics by it', async () => {
    expect(feed.ageOf('national.kpi')).toBeNull()
    expect(feed.newestDataAgeMs).toBeNull()
    await snapshot()
    expect(feed.ageOf('national.kpi')).toBe(0)
    vi.advanceTimersByTime(999)
    expect(feed.now).toBe(T0)
    vi.advanceTimersByTime(1)
    expect(feed.now).toBe(T0 + 1000)
    vi.advanceTimersByTime(4000)
    await kpiPatch(1)
    vi.advanceTimersByTime(3000)
    expect(feed.ageOf('national.kpi')).toBe(3000)
    expect(feed.ageOf('national.indicators')).toBe(8000)
    expect(feed.newestDataAgeMs).toBe(3000)
  })

  it('marks a topic stale after staleAfterMs, and a never-seen one only when offline', async () => {
    expect(feed.staleAfterMs).toBe(10_000)
    await snapshot()
    vi.advanceTimersByTime(10_000)
    expect(feed.isStale('national.kpi')).toBe(false)
    vi.advanceTimersByTime(1000)
    expect(feed.isStale('national.kpi')).toBe(true)
    await kpiPatch(1)
    vi.advanceTimersByTime(1000)
    expect(feed.isStale('national.kpi')).toBe(false)

    expect(feed.isStale('province.stats')).toBe(false)
    await hub.drop()
    vi.advanceTimersByTime(OFFLINE_AFTER_MS)
    expect(feed.status).toBe('offline')
    expect(feed.isStale('province.stats')).toBe(true)
  })

  it('reports page, data age and view every 5 s while live', async () => {
    feed.reportView({ profile: 'wall-32x9', width: 7680, height: 2160 })
    feed.reportPage('overview')
    await hub.settle()
    expect(hub.received).toEqual([]) // not live yet
    await snapshot()
    expect(hub.received).toEqual([{ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 0, profile: 'wall-32x9', width: 7680, height: 2160 } }])
    vi.advanceTimersByTime(5000)
    await hub.settle()
    expect(hub.received).toHaveLength(2)
    expect(hub.received[1]).toMatchObject({ type: 'status', data: { dataAgeMs: 5000 } })
    feed.reportPage('battle-plan')
    await hub.settle()
    expect(hub.received[2]).toMatchObject({ type: 'status', data: { page: 'battle-plan' } })
    feed.reportView({ profile: 'wall-32x9', width: 7680, height: 2160 })
    vi.advanceTimersByTime(VIEW_REPORT_DELAY_MS)
    await hub.settle()
    expect(hub.received).toHaveLength(3) // the same view: nothing new to tell
    // a window dragged to a new size: one report for the burst, with the size it came to rest at
    for (let width = 1800; width <= 1920; width += 10)
      feed.reportView({ profile: 'wall-16x9', width, height: 1080 })
    await hub.settle()
    expect(hub.received).toHaveLength(3)
    vi.advanceTimersByTime(VIEW_REPORT_DELAY_MS)
    await hub.settle()
    expect(hub.received).toHaveLength(4)
    expect(hub.received[3]).toMatchObject({ type: 'status', data: { page: 'battle-plan', profile: 'wall-16x9', width: 1920, height: 1080 } })
    await hub.drop()
    vi.advanceTimersByTime(10_000)
    await hub.settle()
    expect(hub.received).toHaveLength(4)
  })

  it('does not send a status the server would refuse', async () => {
    feed.reportPage('Not A Page!')
    await hub.snapshot({})
    vi.advanceTimersByTime(5000)
    await hub.settle()
    expect(hub.received).toEqual([])
  })

  it('send() goes through the source', async () => {
    expect(feed.send({ v: 1, type: 'resync' })).toBe(true)
    await hub.drop()
    expect(feed.send({ v: 1, type: 'resync' })).toBe(false)
    expect(hub.received).toEqual([{ v: 1, type: 'resync' }])
  })

  it('stop() closes the source, stops the clocks and ignores later frames', async () => {
    await snapshot()
    feed.stop()
    await hub.settle()
    expect(hub.connections.map(c => c.closed)).toEqual([{ code: 1000, reason: 'closed by the wall' }])
    expect(vi.getTimerCount()).toBe(0)
    expect(feed.status).toBe('offline')
    await snapshot()
    expect(feed.messagesAccepted).toBe(1)
    expect(feed.send({ v: 1, type: 'resync' })).toBe(false)
  })
})

describe('freshness: the data\'s own age', () => {
  it('applies patches a frame apart once, the newest value with its own age, on a frame timer', async () => {
    const framed = await hub.start({ frames: frameTimer() })
    await snapshot()
    const before = framed.latest
    const asOfBefore = framed.dataAsOf['national.kpi']
    vi.advanceTimersByTime(5)
    await kpiPatch(1)
    vi.advanceTimersByTime(5)
    await kpiPatch(2)
    // nothing applied before the frame: figures and their stale marks change together
    expect(framed.latest).toBe(before)
    expect(framed.dataAsOf['national.kpi']).toBe(asOfBefore)
    vi.advanceTimersByTime(FRAME_MS)
    expect(framed.latest['national.kpi']?.casesPending).toBe(2)
    expect(framed.dataAsOf['national.kpi']).toBe(T0 + 10)
    expect(framed.receivedAt['national.kpi']).toBe(T0 + 10)
  })

  it('ages a topic by its asOf, not by when it arrived', async () => {
    await hub.snapshot({ 'national.kpi': kpi({ asOf: T0 - 36_000 }), 'national.indicators': indicators() }, { ts: T0 })
    expect(feed.ageOf('national.kpi')).toBe(36_000)
    expect(feed.isStale('national.kpi')).toBe(true)
    expect(feed.ageOf('national.indicators')).toBe(0)
    expect(feed.newestDataAgeMs).toBe(0)
  })

  it('measures the age on the server\'s clock, whatever the wall\'s clock says', async () => {
    // the wall's clock is 60 s behind the server's; the data is 2 s old
    await hub.snapshot({ 'national.kpi': kpi({ asOf: T0 + 58_000 }) }, { ts: T0 + 60_000 })
    expect(feed.ageOf('national.kpi')).toBe(2000)
    vi.advanceTimersByTime(3000)
    expect(feed.ageOf('national.kpi')).toBe(5000)
    // and 90 s ahead: data stamped "in the future" of the wall's clock is still 2 s old, not -88 s
    await hub.patch('national.kpi', kpi({ asOf: T0 + 3000 - 92_000 }), { ts: T0 + 3000 - 90_000 })
    expect(feed.ageOf('national.kpi')).toBe(2000)
    expect(feed.isStale('national.kpi')).toBe(false)
  })

  it('ages data stamped ahead of the frame that carried it from that frame, never below zero', async () => {
    // a source whose clock runs a minute ahead of the server's
    await hub.snapshot({ 'national.kpi': kpi({ asOf: T0 + 60_000 }) }, { ts: T0 })
    expect(feed.ageOf('national.kpi')).toBe(0)
    vi.advanceTimersByTime(12_000)
    expect(feed.ageOf('national.kpi')).toBe(12_000)
    expect(feed.isStale('national.kpi')).toBe(true)
  })

  it('ages the data of a source on a demo clock by its real age, not by the hours the clock is set back', async () => {
    // the courts run three hours behind the real time; their data is 2 s old
    const source = { ...TEST_SOURCE, clockOffsetMs: -3 * 3_600_000 }
    await hub.snapshot({ 'national.kpi': kpi({ asOf: T0 - 3 * 3_600_000 - 2000 }) }, { ts: T0, source })
    expect(feed.ageOf('national.kpi')).toBe(2000)
    expect(feed.isStale('national.kpi')).toBe(false)
    vi.advanceTimersByTime(1000)
    await hub.patch('national.kpi', kpi({ asOf: T0 + 1000 - 3 * 3_600_000 }), { ts: T0 + 1000 })
    expect(feed.ageOf('national.kpi')).toBe(0)
    expect(feed.newestDataAgeMs).toBe(0)
  })

  it('marks everything stale while the hub says its upstream is stale, with each topic\'s true age', async () => {
    await snapshot()
    vi.advanceTimersByTime(2000)
    expect(feed.isStale('national.kpi')).toBe(false)
    await hub.heartbeat({ upstream: upstreamStatus('stale', Date.now()) })
    expect(feed.upstreamStale).toBe(true)
    expect(feed.status).toBe('live')
    expect(feed.isStale('national.kpi')).toBe(true)
    expect(feed.ageOf('national.kpi')).toBe(2000)
    await kpiPatch(5)
    await hub.heartbeat({ upstream: upstreamStatus('live', Date.now()) })
    expect(feed.upstreamStale).toBe(false)
    expect(feed.isStale('national.kpi')).toBe(false)
  })

  it('keeps the stale mark and the true age through a reconnect while the upstream is stalled', async () => {
    await snapshot()
    // the upstream stalls; 36 s later the connection drops and comes back
    vi.advanceTimersByTime(10_000)
    await hub.heartbeat({ upstream: upstreamStatus('stale', Date.now()) })
    vi.advanceTimersByTime(26_000 - RECONNECT_MS)
    await hub.drop()
    await hub.reconnect()
    expect(Date.now()).toBe(T0 + 36_000)
    // the hub re-sends what it last had, as of T0, in a fresh snapshot
    await hub.snapshot({ 'national.kpi': kpi(), 'national.indicators': indicators() }, { upstream: upstreamStatus('stale', T0 + 10_000) })
    expect(feed.status).toBe('live')
    expect(feed.isStale('national.kpi')).toBe(true)
    expect(feed.ageOf('national.kpi')).toBe(36_000)
    expect(feed.newestDataAgeMs).toBe(36_000)
    vi.advanceTimersByTime(10_000)
    expect(feed.ageOf('national.kpi')).toBe(46_000)
    expect(feed.isStale('national.kpi')).toBe(true)
  })

  it('keeps the hub\'s upstream rejects, and the same object while nothing changed', async () => {
    await hub.snapshot({}, { ts: T0, upstream: upstreamStatus('live', T0, { badPayload: 2 }) })
    const first = feed.upstream
    expect(first?.rejected).toEqual({ badPayload: 2 })
    await hub.heartbeat({ ts: T0, upstream: upstreamStatus('live', T0, { badPayload: 2 }) })
    expect(feed.upstream).toBe(first)
    await hub.heartbeat({ ts: T0, upstream: upstreamStatus('live', T0, { badPayload: 3 }) })
    expect(feed.upstream?.rejected).toEqual({ badPayload: 3 })
    // a heartbeat from a hub that does not send it changes nothing
    await hub.heartbeat({ ts: T0 })
    expect(feed.upstream?.rejected).toEqual({ badPayload: 3 })
  })
})

describe('exposeDiagnostics', () => {
  it('offers live read-only counters on window.__wall.feed and keeps other keys', async () => {
    const target: { __wall?: Record<string, unknown> } = { __wall: { control: 'kept' } }
    const exposed = exposeDiagnostics(feed, target)
    expect(target.__wall?.control).toBe('kept')
    expect(target.__wall?.feed).toBe(exposed)
    await snapshot()
    await hub.send('not json')
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
