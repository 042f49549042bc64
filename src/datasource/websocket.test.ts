/**
 * The source's connection over a WebSocket the test drives by hand (src/test/fake-websocket.ts):
 * reconnect delays to the millisecond, the silence watchdog, offline, failover between hubs,
 * close(). What frames do to it (going live, rejections, the sequence) is in websocket.msw.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServerMessage } from '~/protocol'
import { FakeWebSocket } from '~/test/fake-websocket'
import { frames, TEST_SOURCE } from '~/test/fixtures'
import type { ConnectionStatus, DataSource } from './types'
import { createWebSocketSource, resolveFeedUrl, type WebSocketSourceOptions } from './websocket'

let source: DataSource
/** the source to close after the test; unset when the test made none */
let current: DataSource | undefined
let messages: ServerMessage[]
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

/** `count` heartbeats on `ws`, one every 2 s, as the hub sends them. */
function heartbeats(ws: FakeWebSocket, count: number): void {
  for (let seq = 1; seq <= count; seq++) {
    vi.advanceTimersByTime(2000)
    ws.receive(frames.heartbeat(seq))
  }
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
      heartbeats(ws, 10)
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
      heartbeats(ws, 10)
      expect(statuses).toEqual(['live', 'reconnecting', 'live'])
    })

    it('offline is counted from the drop, not from the first connect', () => {
      start()
      const ws = goLive()
      heartbeats(ws, 15)
      ws.fail()
      vi.advanceTimersByTime(11_999)
      expect(source.status).toBe('reconnecting')
      vi.advanceTimersByTime(1)
      expect(source.status).toBe('offline')
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
