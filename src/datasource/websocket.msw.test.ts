// @vitest-environment happy-dom
/**
 * The source against msw's WebSocket interception (src/test/feed-hub.ts): real WebSocket events,
 * real message timing, nothing faked inside the source. What a frame does to it: going live,
 * rejections, the sequence and resync. Its connection's life (backoff, watchdog, offline,
 * failover) is in websocket.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Rejection, ServerMessage } from '~/protocol'
import { FEED_URL, useFeedHub } from '~/test/feed-hub'
import { frames, TEST_SOURCE } from '~/test/fixtures'
import type { ConnectionStatus, DataSource } from './types'
import { createWebSocketSource } from './websocket'

const hub = useFeedHub({ timers: 'all' })

let messages: ServerMessage[]
let rejections: Rejection[]
let statuses: ConnectionStatus[]

/** Record what `source` gives from now on. */
function listen(source: DataSource): void {
  messages = []
  rejections = []
  statuses = []
  source.on('message', m => messages.push(m))
  source.on('rejected', r => rejections.push(r))
  source.on('status', s => statuses.push(s))
}

beforeEach(() => listen(hub.source))

describe('createWebSocketSource over a WebSocket', () => {
  it('connects to the page\'s feed address, and goes live on the first snapshot', async () => {
    await hub.start({ timers: 'all', dataSource: { url: '/feed', location: { href: 'http://wall.test/wall?profile=x' } } })
    listen(hub.source)
    expect(hub.source.kind).toBe('websocket')
    expect(hub.connections.map(c => c.url)).toEqual([FEED_URL])
    expect(hub.source.status).toBe('connecting')
    await hub.send(frames.snapshot(0))
    expect(hub.source.status).toBe('live')
    expect(statuses).toEqual(['live'])
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ type: 'snapshot', seq: 0, source: TEST_SOURCE })
  })

  it('calling connect() twice opens one socket', async () => {
    hub.source.connect()
    await hub.settle()
    expect(hub.connections).toHaveLength(1)
  })

  it('rejects bad frames without closing the socket, and keeps going', async () => {
    await hub.send(frames.snapshot(0))
    await hub.send('not json {')
    await hub.send(JSON.stringify({ v: 2, type: 'patch', seq: 2, ts: 1, topic: 'national.kpi', data: {} }))
    await hub.send(frames.badPatch(3))
    await hub.send(JSON.stringify({ v: 1, type: 'patch', seq: 4, ts: 1, topic: 'no.such.topic', data: {} }))
    await hub.send(new ArrayBuffer(4))
    await hub.send(frames.kpiPatch(6, 42))
    expect(rejections.map(r => r.reason)).toEqual(['notJson', 'unsupportedVersion', 'badPayload', 'unknownTopic', 'binaryFrame'])
    expect(rejections[2]?.detail).toMatch(/casesPending/)
    expect(hub.connections[0]?.closed).toBeNull()
    expect(hub.source.status).toBe('live')
    // Bad frames used up their seq numbers: the good patch after them is in order, so it is applied.
    expect(hub.received).toEqual([])
    expect(messages.at(-1)).toMatchObject({ type: 'patch', seq: 6, topic: 'national.kpi', data: { casesPending: 42 } })
  })

  it('keeps the good topics of a snapshot and rejects the bad one', async () => {
    await hub.send(JSON.stringify({
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
    expect(hub.source.status).toBe('live')
  })

  it('send() is false until the socket is open, then writes the frame', async () => {
    const source = createWebSocketSource({ url: FEED_URL })
    source.connect()
    try {
      expect(source.send({ v: 1, type: 'resync' })).toBe(false)
      await hub.settle()
      expect(source.send({ v: 1, type: 'resync' })).toBe(true)
      await hub.settle()
      expect(hub.received).toEqual([{ v: 1, type: 'resync' }])
      await hub.drop()
      expect(source.send({ v: 1, type: 'resync' })).toBe(false)
    }
    finally {
      source.close()
    }
  })
})

describe('sequence', () => {
  it('on a gap sends resync and drops patches until the next snapshot', async () => {
    await hub.send(frames.snapshot(0))
    await hub.send(frames.kpiPatch(1, 1))
    await hub.send(frames.kpiPatch(3, 3)) // seq 2 is missing
    expect(hub.received).toEqual([{ v: 1, type: 'resync' }])
    await hub.send(frames.kpiPatch(4, 4))
    await hub.send(frames.heartbeat(5))
    await hub.send(frames.kpiPatch(7, 7)) // another gap while waiting: no second resync
    expect(hub.received).toHaveLength(1)
    await hub.send(frames.snapshot(8))
    await hub.send(frames.kpiPatch(9, 9))
    expect(messages.map(m => `${m.type}:${m.seq}`)).toEqual(['snapshot:0', 'patch:1', 'heartbeat:5', 'snapshot:8', 'patch:9'])
    expect(hub.connections[0]?.closed).toBeNull()
    expect(hub.source.status).toBe('live')
  })

  it('a patch before any snapshot asks for one and is dropped', async () => {
    await hub.send(frames.kpiPatch(5))
    expect(hub.received).toEqual([{ v: 1, type: 'resync' }])
    expect(messages).toEqual([])
    expect(hub.source.status).toBe('connecting')
    await hub.send(frames.snapshot(6))
    await hub.send(frames.kpiPatch(7))
    expect(messages.map(m => m.type)).toEqual(['snapshot', 'patch'])
  })

  it('reconnects when a resync goes unanswered', async () => {
    await hub.start({ timers: 'all', dataSource: { heartbeatTimeoutMs: 6000 } })
    listen(hub.source)
    await hub.send(frames.snapshot(0))
    await hub.send(frames.kpiPatch(2))
    expect(hub.received).toHaveLength(1)
    // Patches keep coming, so the heartbeat watchdog alone would never notice.
    for (let seq = 3; seq < 5; seq++) {
      vi.advanceTimersByTime(2000)
      await hub.send(frames.kpiPatch(seq))
    }
    expect(hub.connections[0]?.closed).toBeNull()
    vi.advanceTimersByTime(2000)
    await hub.settle()
    expect(hub.connections[0]?.closed).not.toBeNull()
    expect(hub.source.status).toBe('reconnecting')
  })

  it('a new connection starts its own sequence', async () => {
    await hub.send(frames.snapshot(40))
    await hub.drop()
    await hub.reconnect()
    await hub.send(frames.snapshot(0))
    await hub.send(frames.kpiPatch(1))
    expect(hub.received).toEqual([])
    expect(messages.map(m => `${m.type}:${m.seq}`)).toEqual(['snapshot:40', 'snapshot:0', 'patch:1'])
  })
})
