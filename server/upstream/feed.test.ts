import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { PROTOCOL_VERSION } from '#protocol'
import { kpi } from '../../src/test/fixtures.ts'
import { waitUntil } from './testing.ts'
import type { UpstreamHealth } from './index.ts'
import { connectFeedUpstream, createFeedUpstream, feedUpstreamKind, type FeedUpstream } from './feed.ts'

const SOURCE = { name: 'Simulator (seed 1)', simulated: true, heartbeatMs: 200 }
const snapshot = (seq: number, topics: Record<string, unknown>) => JSON.stringify({ v: PROTOCOL_VERSION, type: 'snapshot', seq, ts: Date.now(), source: SOURCE, topics })
const patch = (seq: number, topic: string, data: unknown) => JSON.stringify({ v: PROTOCOL_VERSION, type: 'patch', seq, ts: Date.now(), topic, data })

/** A stand-in upstream hub: a real ws server whose sockets the test drives frame by frame. */
async function fakeHub(port = 0) {
  const server = new WebSocketServer({ host: '127.0.0.1', port })
  await once(server, 'listening')
  const sockets: WebSocket[] = []
  const received: string[] = []
  server.on('connection', (socket) => {
    sockets.push(socket)
    socket.on('message', data => received.push(data.toString()))
  })
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/feed`,
    port: (server.address() as AddressInfo).port,
    sockets,
    received,
    close: () => new Promise<void>((resolve) => {
      for (const socket of server.clients)
        socket.terminate()
      server.close(() => resolve())
    }),
  }
}

let cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.reverse())
    await fn()
  cleanup = []
})

function watch(upstream: FeedUpstream) {
  const topics: [string, unknown][] = []
  const health: UpstreamHealth[] = []
  upstream.subscribe((topic, payload) => topics.push([topic, payload]))
  upstream.onHealth?.(h => health.push(h))
  return { topics, health }
}

describe('feed upstream', () => {
  it('passes on the upstream hub\'s topics, but not its wall state, and validates every payload', async () => {
    const hub = await fakeHub()
    cleanup.push(hub.close)
    const upstream = createFeedUpstream({ url: hub.url, log: () => {} })
    cleanup.push(() => upstream.stop())
    const { topics } = watch(upstream)
    upstream.start()
    await waitUntil(() => hub.sockets.length === 1, 'a connection')
    const socket = hub.sockets[0] as WebSocket
    socket.send(snapshot(0, { 'national.kpi': kpi(), 'wall.state': { whatever: true } }))
    socket.send(patch(1, 'national.kpi', { ...kpi(), casesPending: -1 }))
    socket.send(patch(2, 'national.kpi', { ...kpi(), casesPending: 42 }))
    await waitUntil(() => topics.length >= 2, 'two payloads')
    expect(topics.map(([topic]) => topic)).toEqual(['national.kpi', 'national.kpi'])
    expect((topics[1]?.[1] as { casesPending: number }).casesPending).toBe(42)
    expect(upstream.stats().dropped['national.kpi: badPayload']).toBe(1)
  })

  it('asks for a resync when a frame is missing', async () => {
    const hub = await fakeHub()
    cleanup.push(hub.close)
    const upstream = createFeedUpstream({ url: hub.url, log: () => {} })
    cleanup.push(() => upstream.stop())
    upstream.start()
    await waitUntil(() => hub.sockets.length === 1, 'a connection')
    hub.sockets[0]?.send(snapshot(0, {}))
    hub.sockets[0]?.send(patch(3, 'national.kpi', kpi()))
    await waitUntil(() => hub.received.length >= 1, 'a resync')
    expect(JSON.parse(hub.received[0] as string)).toEqual({ v: PROTOCOL_VERSION, type: 'resync' })
  })

  it('reports the link down, reconnects with backoff, and reports it healthy on the next snapshot', async () => {
    const hub = await fakeHub()
    const upstream = createFeedUpstream({ url: hub.url, reconnectMinMs: 50, reconnectMaxMs: 200, log: () => {} })
    cleanup.push(() => upstream.stop())
    const { health } = watch(upstream)
    upstream.start()
    await waitUntil(() => hub.sockets.length === 1, 'a connection')
    hub.sockets[0]?.send(snapshot(0, { 'national.kpi': kpi() }))
    await waitUntil(() => upstream.snapshot()['national.kpi'], 'the first snapshot')
    await hub.close()
    await waitUntil(() => health.some(h => !h.ok), 'unhealthy')
    expect(health[0]?.reason).toMatch(/closed \(1006\)/)
    const again = await fakeHub(hub.port)
    cleanup.push(again.close)
    await waitUntil(() => again.sockets.length === 1, 'a reconnection', 10_000)
    again.sockets[0]?.send(snapshot(0, {}))
    await waitUntil(() => health.at(-1)?.ok === true, 'healthy again')
    expect(health.map(h => h.ok)).toEqual([false, true])
  })

  it('drops a link that goes silent for three heartbeats', async () => {
    const hub = await fakeHub()
    cleanup.push(hub.close)
    const upstream = createFeedUpstream({ url: hub.url, reconnectMinMs: 5_000, log: () => {} })
    cleanup.push(() => upstream.stop())
    const { health } = watch(upstream)
    upstream.start()
    await waitUntil(() => hub.sockets.length === 1, 'a connection')
    hub.sockets[0]?.send(snapshot(0, {}))
    await waitUntil(() => health.some(h => !h.ok), 'silence noticed', 3_000)
    expect(health[0]?.reason).toMatch(/no frame .* for 3 heartbeats/)
  })

  it('learns the upstream hub\'s name and simulated flag before the hub starts', async () => {
    const hub = await fakeHub()
    cleanup.push(hub.close)
    hub.sockets.length = 0
    const connected = connectFeedUpstream(hub.url, 3_000, () => {})
    await waitUntil(() => hub.sockets.length === 1, 'the probe')
    hub.sockets[0]?.send(snapshot(0, {}))
    const upstream = await connected
    expect(upstream.info).toEqual({ name: `feed ${hub.url} (Simulator (seed 1))`, simulated: true })
    const unreachable = await connectFeedUpstream('ws://127.0.0.1:9/feed', 200, () => {})
    expect(unreachable.info.simulated).toBe(true)
    expect(unreachable.info.name).toMatch(/not reached at start/)
  })

  it('checks its settings with clear messages', async () => {
    expect(() => feedUpstreamKind.create({ kind: 'feed' })).toThrow('upstream (feed): url is required (UPSTREAM_URL=ws://host:port/feed)')
    expect(() => feedUpstreamKind.create({ kind: 'feed', url: 'http://x:1/feed' })).toThrow('must start with ws:// or wss://')
  })
})
