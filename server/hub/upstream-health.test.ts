/**
 * The hub's judgement of its upstream: stale after a silence, stale at once when the upstream
 * reports a fault, live again with the next valid payload; rejects counted by reason; an upstream
 * that throws never takes the server down. The walls hear of it in snapshots and heartbeats.
 */
import { EventEmitter } from 'node:events'
import type { IncomingMessage } from 'node:http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { decodeServerFrame, type ServerMessage, type TopicPayloads, type UpstreamStatus } from '#protocol'
import { Simulation } from '../../mock-server/simulator/model.ts'
import type { Upstream, UpstreamHealth, UpstreamListener } from '../upstream/index.ts'
import { UPSTREAM_REPORT_EVERY_MS, UPSTREAM_SILENCE_MS, upstreamSilenceMs } from './config.ts'
import { createFeedHub, type FeedHub } from './hub.ts'
import { createWallServer } from './server.ts'

const T0 = Date.UTC(2026, 2, 5, 2, 0, 0)
const SILENCE_MS = 3000
const quiet = () => {}

/** An upstream the test drives: payloads, health reports, and calls that throw on demand. */
function controlledUpstream(options: { throwIn?: 'snapshot' | 'subscribe' | 'start', expectedIntervalMs?: number } = {}) {
  const simulation = new Simulation({ seed: 7, start: T0 })
  const listeners = new Set<UpstreamListener>()
  const healthListeners = new Set<(health: UpstreamHealth) => void>()
  const fail = (where: string) => {
    if (options.throwIn === where)
      throw new Error(`${where} is broken`)
  }
  const upstream = {
    info: { name: 'controlled', simulated: false, ...(options.expectedIntervalMs && { expectedIntervalMs: options.expectedIntervalMs }) },
    snapshot: (): Partial<TopicPayloads> => {
      fail('snapshot')
      return { 'national.kpi': { ...simulation.counters().kpi, asOf: Date.now() } }
    },
    subscribe(listener: UpstreamListener) {
      fail('subscribe')
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      fail('start')
    },
    stop() {},
    onHealth(listener: (health: UpstreamHealth) => void) {
      healthListeners.add(listener)
      return () => healthListeners.delete(listener)
    },
    emit(topic: string, payload: unknown) {
      for (const listener of listeners)
        listener(topic, payload)
    },
    kpi: () => upstream.emit('national.kpi', { ...simulation.counters().kpi, asOf: Date.now() }),
    health(health: UpstreamHealth) {
      for (const listener of healthListeners)
        listener(health)
    },
  }
  return upstream satisfies Upstream
}

/** Just enough of a ws WebSocket for the hub: records what it is sent. */
class FakeSocket extends EventEmitter {
  readyState = 1
  bufferedAmount = 0
  sent: ServerMessage[] = []
  /** the hub sends bytes encoded once, as a text frame */
  send(data: string | Buffer) {
    const text = data.toString()
    const { message } = decodeServerFrame(text, Date.now())
    if (!message)
      throw new Error(`the hub sent an invalid frame: ${text.slice(0, 200)}`)
    this.sent.push(message)
  }

  ping() {}
  terminate() {
    this.close()
  }

  close() {
    if (this.readyState === 3)
      return
    this.readyState = 3
    this.emit('close', 1000, Buffer.alloc(0))
  }
}

function wall(hub: FeedHub): FakeSocket {
  const socket = new FakeSocket()
  hub.accept(socket as unknown as WebSocket, { socket: { remoteAddress: '127.0.0.1' } } as IncomingMessage)
  return socket
}

function upstreamOf(message: ServerMessage | undefined): UpstreamStatus | undefined {
  return message && (message.type === 'snapshot' || message.type === 'heartbeat') ? message.upstream : undefined
}

const lastUpstream = (socket: FakeSocket) => upstreamOf(socket.sent.findLast(m => upstreamOf(m) !== undefined))

let hub: FeedHub | null = null

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(async () => {
  await hub?.close()
  hub = null
  vi.useRealTimers()
})

function startHub(upstream: Upstream, log: (line: string) => void = quiet): FeedHub {
  hub = createFeedHub({ upstream, heartbeatMs: 60_000, log, upstreamKind: 'test', upstreamSilenceMs: SILENCE_MS })
  hub.start()
  return hub
}

describe('upstream-stale signal', () => {
  it('calls a silent upstream stale, tells the walls at once, and is live again with its next valid payload', () => {
    const upstream = controlledUpstream()
    const lines: string[] = []
    const h = startHub(upstream, line => lines.push(line))
    const socket = wall(h)
    expect(upstreamOf(socket.sent[0])).toMatchObject({ kind: 'test', state: 'live', since: T0 })

    vi.advanceTimersByTime(SILENCE_MS - 500)
    upstream.kpi()
    vi.advanceTimersByTime(SILENCE_MS - 500)
    expect(h.upstreamStatus().state).toBe('live')

    vi.advanceTimersByTime(600)
    const stale = h.upstreamStatus()
    expect(stale).toMatchObject({ state: 'stale', since: T0 + (SILENCE_MS - 500) + SILENCE_MS, reason: 'no valid data for 3 s' })
    expect(socket.sent.at(-1)).toMatchObject({ type: 'heartbeat', upstream: stale })
    expect(lines.filter(l => l.includes('stale'))).toHaveLength(1)

    // still silent: no repeat, nothing new for the walls
    const frames = socket.sent.length
    vi.advanceTimersByTime(5 * SILENCE_MS)
    expect(socket.sent.filter((m, i) => i >= frames && m.type === 'heartbeat' && m.upstream?.state === 'stale')).toHaveLength(0)

    upstream.kpi()
    expect(h.upstreamStatus()).toMatchObject({ state: 'live', since: Date.now() })
    expect(h.upstreamStatus().reason).toBeUndefined()
    expect(lastUpstream(socket)?.state).toBe('live')
  })

  it('is stale from the moment the upstream reports a fault, whatever it still sends, and live when it is well again', () => {
    const upstream = controlledUpstream()
    const h = startHub(upstream)
    const socket = wall(h)
    upstream.health({ ok: false, reason: 'HTTP 503 from /api/national' })
    expect(h.upstreamStatus()).toMatchObject({ state: 'stale', reason: 'HTTP 503 from /api/national' })
    expect(lastUpstream(socket)).toMatchObject({ state: 'stale', reason: 'HTTP 503 from /api/national' })

    upstream.kpi()
    expect(h.upstreamStatus().state).toBe('stale')

    upstream.health({ ok: true })
    expect(h.upstreamStatus().state).toBe('live')
    expect(lastUpstream(socket)?.state).toBe('live')
  })

  it('waits for a valid payload when the upstream is well again after a long silence', () => {
    const upstream = controlledUpstream()
    const h = startHub(upstream)
    upstream.health({ ok: false, reason: 'connection refused' })
    vi.advanceTimersByTime(2 * SILENCE_MS)
    upstream.health({ ok: true })
    expect(h.upstreamStatus().state).toBe('stale')
    upstream.kpi()
    expect(h.upstreamStatus().state).toBe('live')
  })

  it('gives a wall that connects while the upstream is stale the stale state, its true start and the data as it was', () => {
    const upstream = controlledUpstream()
    const h = startHub(upstream)
    upstream.kpi()
    const asOf = Date.now()
    vi.advanceTimersByTime(SILENCE_MS + 33_000)
    const late = wall(h)
    const snapshot = late.sent[0]
    expect(snapshot?.type).toBe('snapshot')
    if (snapshot?.type !== 'snapshot')
      return
    expect(snapshot.upstream).toMatchObject({ state: 'stale', since: asOf + SILENCE_MS })
    expect(snapshot.topics['national.kpi']?.asOf).toBe(asOf)
    expect(snapshot.ts - asOf).toBe(SILENCE_MS + 33_000)
  })

  it('derives the silence from the upstream\'s expected interval, never below the default', () => {
    expect(upstreamSilenceMs(undefined)).toBe(UPSTREAM_SILENCE_MS)
    expect(upstreamSilenceMs(1000)).toBe(UPSTREAM_SILENCE_MS)
    expect(upstreamSilenceMs(30_000)).toBe(90_000)
    expect(upstreamSilenceMs(30_000, 5000)).toBe(5000)
    hub = createFeedHub({ upstream: controlledUpstream({ expectedIntervalMs: 60_000 }), heartbeatMs: 60_000, log: quiet })
    hub.start()
    vi.advanceTimersByTime(179_000)
    expect(hub.upstreamStatus().state).toBe('live')
    vi.advanceTimersByTime(1000)
    expect(hub.upstreamStatus().state).toBe('stale')
  })
})

describe('upstream rejects', () => {
  it('counts them by reason and tells the walls within the report period, once for a burst', () => {
    const upstream = controlledUpstream()
    const h = startHub(upstream)
    const socket = wall(h)
    upstream.emit('national.kpi', { asOf: -1 })
    upstream.emit('national.kpi', { asOf: -1 })
    upstream.emit('no.such.topic', {})
    upstream.emit('wall.state', {})
    expect(h.stats().upstreamRejected).toEqual({ badPayload: 2, unknownTopic: 1, ownedByHub: 1 })
    const before = socket.sent.length
    vi.advanceTimersByTime(UPSTREAM_REPORT_EVERY_MS)
    const reports = socket.sent.slice(before).filter(m => m.type === 'heartbeat')
    expect(reports).toHaveLength(1)
    expect(upstreamOf(reports[0])?.rejected).toEqual({ badPayload: 2, unknownTopic: 1, ownedByHub: 1 })
  })

  it.each(['snapshot', 'subscribe', 'start'] as const)('survives an upstream whose %s() throws: counted, logged once, stale', (where) => {
    const lines: string[] = []
    const upstream = controlledUpstream({ throwIn: where })
    const h = startHub(upstream, line => lines.push(line))
    expect(h.stats().upstreamRejected).toEqual({ [`${where}Threw`]: 1 })
    expect(h.upstreamStatus()).toMatchObject({ state: 'stale', reason: `${where}() failed: ${where} is broken` })
    expect(lines.filter(l => l.includes(`${where}() threw`))).toHaveLength(1)
    expect(wall(h).sent[0]?.type).toBe('snapshot')
  })

  it('never throws back into an upstream that hands it a payload that explodes when read', () => {
    const upstream = controlledUpstream()
    const h = startHub(upstream)
    const explosive = new Proxy({}, {
      get() {
        throw new Error('boom')
      },
      ownKeys() {
        throw new Error('boom')
      },
    })
    expect(() => upstream.emit('national.kpi', explosive)).not.toThrow()
    expect(h.stats().upstreamRejected.listenerThrew).toBe(1)
    expect(h.upstreamStatus().state).toBe('stale')
    upstream.kpi()
    expect(h.upstreamStatus().state).toBe('live')
  })
})

describe('/healthz', () => {
  it('reports the upstream\'s kind, state, since, reason and rejects', async () => {
    vi.useRealTimers()
    const upstream = controlledUpstream()
    const server = createWallServer({ upstream, heartbeatMs: 1000, port: 0, distDir: null, log: quiet, upstreamKind: 'test' })
    try {
      const { port } = await server.listen()
      upstream.health({ ok: false, reason: 'connection refused' })
      upstream.emit('national.kpi', { asOf: 'yesterday' })
      const body = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json() as { upstream: UpstreamStatus }
      expect(body.upstream).toMatchObject({ kind: 'test', state: 'stale', reason: 'connection refused', rejected: { badPayload: 1 } })
      expect(typeof body.upstream.since).toBe('number')
    }
    finally {
      await server.close()
    }
  })
})
