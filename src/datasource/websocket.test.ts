import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Rejection, ServerMessage } from '~/protocol'
import { FakeWebSocket } from '~/test/fake-websocket'
import { frames, TEST_SOURCE } from '~/test/fixtures'
import type { ConnectionStatus, DataSource } from './types'
import { createWebSocketSource, resolveFeedUrl, type WebSocketSourceOptions } from './websocket'

let source: DataSource
/** the source to close after the test; unset when the test made none */
let current: DataSource | undefined
let messages: ServerMessage[]
let rejections: Rejection[]
let statuses: ConnectionStatus[]

function start(options: WebSocketSourceOptions = {}): DataSource {
  source = createWebSocketSource({
    url: 'ws://wall.test/feed',
    WebSocket: FakeWebSocket,
    heartbeatTimeoutMs: 6000,
    reconnect: { baseMs: 500, maxMs: 8000, jitter: 0.3 },
    // No jitter unless a test asks for it: delays are then exactly the nominal ones.
    random: () => 0,
    ...options,
  })
  source.on('message', m => messages.push(m))
  source.on('rejected', r => rejections.push(r))
  source.on('status', s => statuses.push(s))
  current = source
  source.connect()
  return source
}

/** Open the newest socket and send it a snapshot: the source is live. */
function goLive(seq = 0): FakeWebSocket {
  const ws = FakeWebSocket.last
  ws.open()
  ws.receive(frames.snapshot(seq))
  return ws
}

/** Fail the newest socket and return the ms until the source opened its next one. */
function failAndMeasureDelay(): number {
  const before = FakeWebSocket.instances.length
  FakeWebSocket.last.fail()
  let waited = 0
  while (FakeWebSocket.instances.length === before) {
    vi.advanceTimersByTime(1)
    waited++
    if (waited > 60_000)
      throw new Error('no reconnect within a minute')
  }
  return waited
}

beforeEach(() => {
  vi.useFakeTimers()
  FakeWebSocket.reset()
  messages = []
  rejections = []
  statuses = []
})

afterEach(() => {
  current?.close()
  current = undefined
  vi.useRealTimers()
})

describe('resolveFeedUrl', () => {
  it('turns a path into ws: or wss: after the page protocol', () => {
    expect(resolveFeedUrl('/feed', { href: 'https://wall.example/wall?profile=x' })).toBe('wss://wall.example/feed')
    expect(resolveFeedUrl('/feed', { href: 'http://127.0.0.1:8080/wall' })).toBe('ws://127.0.0.1:8080/feed')
    expect(resolveFeedUrl('wss://other.example/feed', undefined)).toBe('wss://other.example/feed')
    expect(() => resolveFeedUrl('/feed', undefined)).toThrow(/relative/)
  })
})

describe('createWebSocketSource', () => {
  it('connects, and goes live on the first snapshot', () => {
    start({ url: '/feed', location: { href: 'https://wall.example/wall' } })
    expect(source.kind).toBe('websocket')
    expect(FakeWebSocket.instances).toHaveLength(1)
    expect(FakeWebSocket.last.url).toBe('wss://wall.example/feed')
    expect(source.status).toBe('connecting')
    FakeWebSocket.last.open()
    expect(source.status).toBe('connecting')
    FakeWebSocket.last.receive(frames.snapshot(0))
    expect(source.status).toBe('live')
    expect(statuses).toEqual(['live'])
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ type: 'snapshot', seq: 0, source: TEST_SOURCE })
  })

  it('calling connect() twice opens one socket', () => {
    start()
    source.connect()
    expect(FakeWebSocket.instances).toHaveLength(1)
  })

  it('rejects bad frames without closing the socket, and keeps going', () => {
    start()
    const ws = goLive(0)
    ws.receive('not json {')
    ws.receive(JSON.stringify({ v: 2, type: 'patch', seq: 2, ts: 1, topic: 'national.kpi', data: {} }))
    ws.receive(frames.badPatch(3))
    ws.receive(JSON.stringify({ v: 1, type: 'patch', seq: 4, ts: 1, topic: 'no.such.topic', data: {} }))
    ws.receive(new ArrayBuffer(4))
    ws.receive(frames.kpiPatch(6, 42))
    expect(rejections.map(r => r.reason)).toEqual(['notJson', 'unsupportedVersion', 'badPayload', 'unknownTopic', 'binaryFrame'])
    expect(rejections[2]?.detail).toMatch(/casesPending/)
    expect(ws.closedByClient).toBeNull()
    expect(source.status).toBe('live')
    // Bad frames used up their seq numbers: the good patch after them is in order, so it is applied.
    expect(ws.sentMessages).toEqual([])
    expect(messages.at(-1)).toMatchObject({ type: 'patch', seq: 6, topic: 'national.kpi', data: { casesPending: 42 } })
  })

  it('keeps the good topics of a snapshot and rejects the bad one', () => {
    start()
    FakeWebSocket.last.open()
    FakeWebSocket.last.receive(JSON.stringify({
      v: 1,
      type: 'snapshot',
      seq: 0,
      ts: 1,
      source: TEST_SOURCE,
      topics: { 'national.kpi': { broken: true }, 'national.indicators': JSON.parse(frames.snapshot(0)).topics['national.indicators'] },
    }))
    expect(rejections).toHaveLength(1)
    expect(rejections[0]).toMatchObject({ reason: 'badPayload', topic: 'national.kpi' })
    const snapshot = messages[0]
    expect(snapshot?.type === 'snapshot' && Object.keys(snapshot.topics)).toEqual(['national.indicators'])
    expect(source.status).toBe('live')
  })

  it('send() is false until the socket is open, then writes the frame', () => {
    start()
    expect(source.send({ v: 1, type: 'resync' })).toBe(false)
    FakeWebSocket.last.open()
    expect(source.send({ v: 1, type: 'resync' })).toBe(true)
    expect(FakeWebSocket.last.sentMessages).toEqual([{ v: 1, type: 'resync' }])
    FakeWebSocket.last.serverClose()
    expect(source.send({ v: 1, type: 'resync' })).toBe(false)
  })

  describe('reconnecting', () => {
    it('backs off exponentially up to the cap', () => {
      start()
      const delays = Array.from({ length: 7 }, () => failAndMeasureDelay())
      expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
    })

    it('jitter shortens each delay by up to its share and never passes the cap', () => {
      let r = 0.999
      start({ random: () => r })
      const shortest = Array.from({ length: 6 }, () => failAndMeasureDelay())
      // 1 − 0.3 × 0.999 of the nominal delay
      expect(shortest).toEqual([350, 700, 1401, 2801, 5602, 5602])
      r = 0.5
      const middle = Array.from({ length: 2 }, () => failAndMeasureDelay())
      expect(middle).toEqual([6800, 6800])
      for (const delay of [...shortest, ...middle])
        expect(delay).toBeLessThanOrEqual(8000)
    })

    it('starts again from the base delay after a stable live connection', () => {
      start()
      expect([failAndMeasureDelay(), failAndMeasureDelay(), failAndMeasureDelay()]).toEqual([500, 1000, 2000])
      goLive()
      vi.advanceTimersByTime(5000) // stableAfterMs defaults to the heartbeat timeout
      FakeWebSocket.last.receive(frames.heartbeat(1))
      vi.advanceTimersByTime(1000)
      expect(failAndMeasureDelay()).toBe(500)
    })

    it('does not reset the backoff for a connection that dies at once', () => {
      start()
      expect([failAndMeasureDelay(), failAndMeasureDelay()]).toEqual([500, 1000])
      goLive()
      expect(failAndMeasureDelay()).toBe(2000)
    })

    it('a silent connection is closed after the heartbeat timeout and replaced', () => {
      start()
      const ws = goLive()
      // Frames keep it alive…
      for (let seq = 1; seq <= 10; seq++) {
        vi.advanceTimersByTime(2000)
        ws.receive(frames.heartbeat(seq))
      }
      expect(FakeWebSocket.instances).toHaveLength(1)
      expect(ws.closedByClient).toBeNull()
      // …silence does not.
      vi.advanceTimersByTime(5999)
      expect(source.status).toBe('live')
      vi.advanceTimersByTime(1)
      expect(ws.closedByClient).not.toBeNull()
      expect(source.status).toBe('reconnecting')
      vi.advanceTimersByTime(500)
      expect(FakeWebSocket.instances).toHaveLength(2)
      goLive()
      expect(source.status).toBe('live')
    })

    /**
     * A page clock apart from the timers: `tick` moves both, `stall` only the clock, as a main
     * thread held up by a long frame sees it (no timer runs, time passes).
     */
    function stallingClock() {
      let clock = 0
      return {
        now: () => clock,
        tick: (ms: number) => {
          clock += ms
          vi.advanceTimersByTime(ms)
        },
        stall: (ms: number) => {
          clock += ms
        },
      }
    }

    it('a page held up past the heartbeat timeout reads the frames that waited before calling the connection silent', () => {
      const page = stallingClock()
      start({ now: page.now })
      const ws = goLive()
      page.tick(2000)
      page.stall(8000)
      // the overdue watchdog runs first (4 s later by the timers, 12 s by the clock)…
      page.tick(4000)
      expect(ws.closedByClient).toBeNull()
      expect(source.status).toBe('live')
      // …then the frames that arrived meanwhile
      ws.receive(frames.heartbeat(1))
      page.tick(1000)
      expect(ws.closedByClient).toBeNull()
      expect(source.status).toBe('live')
      // a connection that is really silent is still dropped
      page.tick(6000)
      expect(ws.closedByClient).not.toBeNull()
      expect(source.status).toBe('reconnecting')
    })

    it('a page that keeps stalling still drops a silent connection after a few graces', () => {
      const page = stallingClock()
      start({ now: page.now })
      const ws = goLive()
      page.stall(7000)
      page.tick(6000)
      for (let grace = 1; grace <= 3; grace++) {
        expect(ws.closedByClient).toBeNull()
        page.stall(7000)
        page.tick(1000)
      }
      expect(ws.closedByClient).not.toBeNull()
      expect(source.status).toBe('reconnecting')
    })

    it('a connection that never opens is given up after the heartbeat timeout', () => {
      start()
      vi.advanceTimersByTime(6000)
      expect(FakeWebSocket.instances[0]?.closedByClient).not.toBeNull()
      vi.advanceTimersByTime(500)
      expect(FakeWebSocket.instances).toHaveLength(2)
    })

    it('waits longer when the server announces a slower heartbeat', () => {
      start()
      const ws = FakeWebSocket.last
      ws.open()
      ws.receive(frames.snapshot(0, { ...TEST_SOURCE, heartbeatMs: 5000 }))
      vi.advanceTimersByTime(9999)
      expect(source.status).toBe('live')
      vi.advanceTimersByTime(1)
      expect(source.status).toBe('reconnecting')
    })
  })

  describe('status', () => {
    it('goes connecting → reconnecting → offline, keeps retrying, and comes back live', () => {
      start()
      expect(source.status).toBe('connecting')
      FakeWebSocket.last.fail()
      expect(statuses).toEqual(['reconnecting'])
      // Down since connect(): offline after 2 × the heartbeat timeout.
      vi.advanceTimersByTime(11_999)
      expect(source.status).toBe('reconnecting')
      vi.advanceTimersByTime(1)
      expect(source.status).toBe('offline')
      const attempts = FakeWebSocket.instances.length
      vi.advanceTimersByTime(60_000)
      expect(FakeWebSocket.instances.length).toBeGreaterThan(attempts)
      expect(source.status).toBe('offline')
      goLive()
      expect(statuses).toEqual(['reconnecting', 'offline', 'live'])
    })

    it('a short drop shows reconnecting, not offline', () => {
      start()
      goLive()
      FakeWebSocket.last.serverClose(1001)
      expect(source.status).toBe('reconnecting')
      vi.advanceTimersByTime(500)
      const ws = goLive()
      for (let seq = 1; seq <= 10; seq++) {
        vi.advanceTimersByTime(2000)
        ws.receive(frames.heartbeat(seq))
      }
      expect(statuses).toEqual(['live', 'reconnecting', 'live'])
    })

    it('offline is counted from the drop, not from the first connect', () => {
      start()
      const ws = goLive()
      for (let seq = 1; seq <= 15; seq++) {
        vi.advanceTimersByTime(2000)
        ws.receive(frames.heartbeat(seq))
      }
      ws.fail()
      vi.advanceTimersByTime(11_999)
      expect(source.status).toBe('reconnecting')
      vi.advanceTimersByTime(1)
      expect(source.status).toBe('offline')
    })
  })

  describe('sequence', () => {
    it('on a gap sends resync and drops patches until the next snapshot', () => {
      start()
      const ws = goLive(0)
      ws.receive(frames.kpiPatch(1, 1))
      ws.receive(frames.kpiPatch(3, 3)) // seq 2 is missing
      expect(ws.sentMessages).toEqual([{ v: 1, type: 'resync' }])
      ws.receive(frames.kpiPatch(4, 4))
      ws.receive(frames.heartbeat(5))
      ws.receive(frames.kpiPatch(7, 7)) // another gap while waiting: no second resync
      expect(ws.sentMessages).toHaveLength(1)
      ws.receive(frames.snapshot(8))
      ws.receive(frames.kpiPatch(9, 9))
      expect(messages.map(m => `${m.type}:${m.seq}`)).toEqual(['snapshot:0', 'patch:1', 'heartbeat:5', 'snapshot:8', 'patch:9'])
      expect(ws.closedByClient).toBeNull()
      expect(source.status).toBe('live')
    })

    it('a patch before any snapshot asks for one and is dropped', () => {
      start()
      const ws = FakeWebSocket.last
      ws.open()
      ws.receive(frames.kpiPatch(5))
      expect(ws.sentMessages).toEqual([{ v: 1, type: 'resync' }])
      expect(messages).toEqual([])
      expect(source.status).toBe('connecting')
      ws.receive(frames.snapshot(6))
      ws.receive(frames.kpiPatch(7))
      expect(messages.map(m => m.type)).toEqual(['snapshot', 'patch'])
    })

    it('reconnects when a resync goes unanswered', () => {
      start()
      const ws = goLive(0)
      ws.receive(frames.kpiPatch(2))
      expect(ws.sentMessages).toHaveLength(1)
      // Patches keep coming, so the heartbeat watchdog alone would never notice.
      for (let seq = 3; seq < 5; seq++) {
        vi.advanceTimersByTime(2000)
        ws.receive(frames.kpiPatch(seq))
      }
      expect(ws.closedByClient).toBeNull()
      vi.advanceTimersByTime(2000)
      expect(ws.closedByClient).not.toBeNull()
      expect(source.status).toBe('reconnecting')
    })

    it('a new connection starts its own sequence', () => {
      start()
      goLive(40)
      FakeWebSocket.last.serverClose()
      vi.advanceTimersByTime(500)
      const ws = goLive(0)
      ws.receive(frames.kpiPatch(1))
      expect(ws.sentMessages).toEqual([])
      expect(messages.map(m => `${m.type}:${m.seq}`)).toEqual(['snapshot:40', 'snapshot:0', 'patch:1'])
    })
  })

  describe('failover between hubs', () => {
    const hubs = ['ws://hub-b.test/feed', 'ws://hub-a.test/feed']

    it('moves to the next hub when its own goes away, takes its snapshot and its sequence', () => {
      start({ url: hubs })
      expect(FakeWebSocket.last.url).toBe(hubs[0])
      const b = goLive(700)
      b.receive(frames.kpiPatch(701))
      b.serverClose()
      vi.advanceTimersByTime(500)
      expect(FakeWebSocket.last.url).toBe(hubs[1])
      // Hub A numbers its frames its own way: its snapshot sets the sequence, no resync is asked.
      const a = goLive(12)
      a.receive(frames.kpiPatch(13))
      expect(a.sentMessages).toEqual([])
      expect(messages.map(m => `${m.type}:${m.seq}`)).toEqual(['snapshot:700', 'patch:701', 'snapshot:12', 'patch:13'])
      expect(source.status).toBe('live')
    })

    it('tries every hub in turn while none answers, and stays with the one that does', () => {
      start({ url: hubs })
      FakeWebSocket.last.fail()
      vi.advanceTimersByTime(500)
      expect(FakeWebSocket.last.url).toBe(hubs[1])
      FakeWebSocket.last.fail()
      vi.advanceTimersByTime(1000)
      expect(FakeWebSocket.last.url).toBe(hubs[0])
      goLive(3)
      vi.advanceTimersByTime(5000)
      expect(FakeWebSocket.instances.map(ws => ws.url)).toEqual([hubs[0], hubs[1], hubs[0]])
    })
  })

  describe('close()', () => {
    it('leaves no timers and no socket when live', () => {
      start()
      const ws = goLive()
      expect(vi.getTimerCount()).toBeGreaterThan(0)
      source.close()
      expect(vi.getTimerCount()).toBe(0)
      expect(ws.closedByClient).toEqual({ code: 1000, reason: 'closed by the wall' })
      expect(source.status).toBe('offline')
      expect(source.send({ v: 1, type: 'resync' })).toBe(false)
    })

    it('leaves no timers while reconnecting or waiting for a resync', () => {
      start()
      const ws = goLive()
      ws.receive(frames.kpiPatch(5))
      source.close()
      expect(vi.getTimerCount()).toBe(0)

      start()
      FakeWebSocket.last.fail()
      source.close()
      expect(vi.getTimerCount()).toBe(0)
      vi.advanceTimersByTime(60_000)
      expect(FakeWebSocket.instances).toHaveLength(2)
    })

    it('stops emitting once closed', () => {
      start()
      const ws = goLive()
      source.close()
      const count = messages.length
      ws.onmessage?.({ data: frames.heartbeat(1) } as MessageEvent)
      expect(messages).toHaveLength(count)
    })
  })
})
