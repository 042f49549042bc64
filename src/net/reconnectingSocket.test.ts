import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeWebSocket } from '~/test/fake-websocket'
import { createReconnectingSocket, type ReconnectingSocket, type ReconnectingSocketOptions, type SocketDown } from './reconnectingSocket'

/** The fake, remembering the sub-protocols it was offered. */
class ProtocolFakeWebSocket extends FakeWebSocket {
  constructor(url: string, readonly protocols?: string | string[]) {
    super(url)
  }
}

let link: ReconnectingSocket | undefined
let downs: SocketDown[]
let retries: number[]
let frames: unknown[]

function start(options: Partial<ReconnectingSocketOptions> = {}): ReconnectingSocket {
  link = createReconnectingSocket({
    target: () => ({ url: 'ws://wall.test/feed' }),
    WebSocket: ProtocolFakeWebSocket,
    silenceTimeoutMs: 6000,
    reconnect: { baseMs: 500, maxMs: 4000, jitter: 0 },
    ...options,
  })
  link.events.on('down', why => downs.push(why))
  link.events.on('retry', ms => retries.push(ms))
  link.events.on('message', (data) => {
    frames.push(data)
    link!.alive()
  })
  link.connect()
  return link
}

function attempts(): number {
  return FakeWebSocket.instances.length
}

beforeEach(() => {
  vi.useFakeTimers()
  FakeWebSocket.reset()
  downs = []
  retries = []
  frames = []
})

afterEach(() => {
  link?.stop()
  link = undefined
  vi.useRealTimers()
})

describe('createReconnectingSocket', () => {
  it('opens the target, with sub-protocols only when given, and passes frames on', () => {
    start({ target: () => ({ url: 'ws://wall.test/control-feed', protocols: ['control.v1'] }) })
    const ws = FakeWebSocket.last as ProtocolFakeWebSocket
    expect(ws.url).toBe('ws://wall.test/control-feed')
    expect(ws.protocols).toEqual(['control.v1'])
    ws.open()
    ws.receive('hello')
    expect(frames).toEqual(['hello'])
    expect(link!.send('ping')).toBe(true)
    expect(ws.sent).toEqual(['ping'])
  })

  it('does not send on a socket that is not open', () => {
    start()
    expect(link!.send('too early')).toBe(false)
    expect(FakeWebSocket.last.sent).toEqual([])
  })

  it('backs off exponentially up to the cap, and connect() starts again from the base', () => {
    start()
    for (const expected of [500, 1000, 2000, 4000, 4000]) {
      FakeWebSocket.last.serverClose(1006, 'gone')
      expect(retries.at(-1)).toBe(expected)
      vi.advanceTimersByTime(expected - 1)
      const before = attempts()
      vi.advanceTimersByTime(1)
      expect(attempts()).toBe(before + 1)
    }
    expect(downs[0]).toEqual({ code: 1006, reason: 'gone' })
    link!.stop()
    link!.connect()
    FakeWebSocket.last.serverClose()
    expect(retries.at(-1)).toBe(500)
  })

  it('resets the backoff only after the connection has been live for stableAfterMs', () => {
    start({ stableAfterMs: 3000 })
    FakeWebSocket.last.serverClose()
    vi.advanceTimersByTime(500)
    FakeWebSocket.last.serverClose()
    vi.advanceTimersByTime(1000)
    // Accepted, then dropped before it was stable: the delays keep growing.
    FakeWebSocket.last.open()
    link!.markLive()
    vi.advanceTimersByTime(2999)
    FakeWebSocket.last.serverClose()
    expect(retries).toEqual([500, 1000, 2000])
    vi.advanceTimersByTime(2000)
    FakeWebSocket.last.open()
    link!.markLive()
    vi.advanceTimersByTime(3000)
    FakeWebSocket.last.receive('still here')
    FakeWebSocket.last.serverClose()
    expect(retries.at(-1)).toBe(500)
  })

  it('resets the backoff at once with stableAfterMs 0', () => {
    start({ stableAfterMs: 0 })
    FakeWebSocket.last.serverClose()
    vi.advanceTimersByTime(500)
    FakeWebSocket.last.serverClose()
    vi.advanceTimersByTime(1000)
    link!.markLive()
    FakeWebSocket.last.serverClose()
    expect(retries).toEqual([500, 1000, 500])
  })

  it('drops a silent connection and reconnects; a frame the owner does not accept is no proof of life', () => {
    start()
    link!.events.off('message')
    // This owner reads nothing it is sent, so it never calls alive().
    link!.events.on('message', data => frames.push(data))
    const first = FakeWebSocket.last
    first.open()
    vi.advanceTimersByTime(3000)
    first.receive('unreadable')
    vi.advanceTimersByTime(3000)
    expect(downs).toEqual([{ code: null, reason: 'no frame from the server' }])
    expect(first.closedByClient).not.toBeNull()
    expect(frames).toEqual(['unreadable'])
    vi.advanceTimersByTime(500)
    expect(attempts()).toBe(2)
  })

  it('keeps a connection that proves it is alive', () => {
    start()
    FakeWebSocket.last.open()
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(5000)
      FakeWebSocket.last.receive(i)
    }
    expect(downs).toEqual([])
    expect(attempts()).toBe(1)
  })

  it('uses a new silence timeout until the next attempt', () => {
    start()
    FakeWebSocket.last.open()
    link!.setSilenceTimeout(20_000)
    vi.advanceTimersByTime(19_999)
    expect(downs).toEqual([])
    vi.advanceTimersByTime(1)
    expect(downs).toHaveLength(1)
    vi.advanceTimersByTime(500)
    vi.advanceTimersByTime(6000)
    expect(downs).toHaveLength(2)
  })

  it('gives a stalled main thread a grace before calling the connection silent', () => {
    let clock = 0
    const pending: Array<{ at: number, run: () => void }> = []
    start({
      now: () => clock,
      stallGraceMs: 1000,
      maxStallGraces: 2,
      timers: {
        setTimeout: (run, ms) => {
          const entry = { at: clock + ms, run }
          pending.push(entry)
          return entry
        },
        clearTimeout: entry => pending.splice(pending.indexOf(entry as typeof pending[number]) >>> 0, 1),
      },
    })
    FakeWebSocket.last.open()
    const runDue = (): void => {
      const entry = pending.shift()!
      entry.run()
    }
    // The page was held up: the check runs 10 s after it was due.
    clock = 16_000
    runDue()
    expect(downs).toEqual([])
    // The queued frame arrives in the grace.
    FakeWebSocket.last.receive('late but alive')
    clock = 17_000
    runDue()
    expect(downs).toEqual([])
    // Held up again and again: two graces, then the connection is dropped.
    clock = 40_000
    runDue()
    clock = 50_000
    runDue()
    expect(downs).toEqual([])
    clock = 60_000
    runDue()
    expect(downs).toEqual([{ code: null, reason: 'no frame from the server' }])
  })

  it('counts a target that throws as a failed attempt and retries', () => {
    let calls = 0
    start({
      target: () => {
        calls++
        if (calls === 1)
          throw new Error('bad address')
        return { url: 'ws://wall.test/feed' }
      },
    })
    expect(downs).toEqual([{ code: null, reason: 'bad address' }])
    expect(attempts()).toBe(0)
    vi.advanceTimersByTime(500)
    expect(attempts()).toBe(1)
  })

  it('takes a new target at each attempt', () => {
    const urls = ['ws://a.test/feed', 'ws://b.test/feed']
    let index = 0
    start({ target: () => ({ url: urls[index]! }) })
    link!.events.on('down', () => {
      index = (index + 1) % urls.length
    })
    FakeWebSocket.last.serverClose()
    vi.advanceTimersByTime(500)
    expect(FakeWebSocket.instances.map(ws => ws.url)).toEqual(['ws://a.test/feed', 'ws://b.test/feed'])
  })

  it('does not retry when the owner stops on the down event', () => {
    start()
    link!.events.on('down', ({ code }) => {
      if (code === 4401)
        link!.stop()
    })
    FakeWebSocket.last.serverClose(4401, 'token missing')
    expect(link!.active).toBe(false)
    expect(retries).toEqual([])
    vi.advanceTimersByTime(60_000)
    expect(attempts()).toBe(1)
  })

  it('stop() closes with the given code, sends no down event and retries nothing', () => {
    start()
    const ws = FakeWebSocket.last
    ws.open()
    link!.stop(1000, 'closed by the wall')
    expect(ws.closedByClient).toEqual({ code: 1000, reason: 'closed by the wall' })
    expect(downs).toEqual([])
    vi.advanceTimersByTime(60_000)
    expect(attempts()).toBe(1)
  })

  it('reads the WebSocket global at each attempt when none is given', () => {
    vi.stubGlobal('WebSocket', ProtocolFakeWebSocket)
    try {
      start({ WebSocket: undefined })
      expect(attempts()).toBe(1)
    }
    finally {
      vi.unstubAllGlobals()
    }
  })
})
