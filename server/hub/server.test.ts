import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import {
  clientFrame,
  CLOSE_CODES,
  decodeServerFrame,
  MAX_FRAME_BYTES,
  TOPICS,
  type Topic,
  type TopicPayloads,
  type WallState,
} from '#protocol'
import { battlePlanAt } from '../../mock-server/simulator/battleplan.ts'
import { Simulation } from '../../mock-server/simulator/model.ts'
import { createSimulatorUpstream } from '../upstream/simulator.ts'
import { createWallServer, type WallServer, type WallServerOptions } from './server.ts'
import type { Upstream, UpstreamListener } from '../upstream/index.ts'

const HEARTBEAT_MS = 200
const quiet = () => {}

/** An upstream the test drives by hand. */
function fakeUpstream() {
  const simulation = new Simulation({ seed: 1, start: Date.now() })
  const listeners = new Set<UpstreamListener>()
  const upstream = {
    info: { name: 'test source', simulated: true },
    started: false,
    snapshot: (): Partial<TopicPayloads> => ({
      'national.kpi': simulation.counters().kpi,
      'province.stats': simulation.counters().provinces,
      'national.indicators': simulation.indicators(),
      'battleplan.milestones': battlePlanAt(Date.now()),
    }),
    subscribe(listener: UpstreamListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() { upstream.started = true },
    stop() { upstream.started = false },
    emit(topic: string, payload: unknown) {
      for (const listener of listeners)
        listener(topic, payload)
    },
    kpi: (casesReceivedYtd: number) => ({ ...simulation.counters().kpi, casesReceivedYtd }),
    provinces: () => simulation.counters().provinces,
  }
  return upstream satisfies Upstream
}

interface Frame { type: string, seq: number, ts: number, topic?: string, data?: any, topics?: any, source?: any }

/** A wall-side test client that records every frame. */
function connect(port: number, path = '/feed', options: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, options)
  const raw: string[] = []
  const frames: Frame[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data) => {
    raw.push(data.toString())
    frames.push(JSON.parse(data.toString()))
    waiters.forEach(w => w())
  })
  const closed = new Promise<{ code: number, reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  ws.on('error', quiet)
  /** the first frame from index `from` on that matches */
  function waitFor(match: (f: Frame) => boolean, from = 0, timeoutMs = 3000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = frames.slice(from).find(match)
        if (found) {
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${frames.map(f => f.type).join(',')}`))
      }, timeoutMs)
      waiters.add(check)
      check()
    })
  }
  return { ws, raw, frames, closed, waitFor, opened: new Promise(resolve => ws.once('open', resolve)) }
}

/**
 * The wall's rule (docs/protocol.md §5): a snapshot carries the hub's seq of the moment, and every
 * frame after it carries the previous seq + 1.
 */
const seqsAreConsecutive = (frames: Frame[]) => frames.every((f, i) => i === 0 || f.type === 'snapshot' || f.seq === frames[i - 1]!.seq + 1)

async function start(options: Partial<WallServerOptions> & { upstream: Upstream }): Promise<{ server: WallServer, port: number, base: string }> {
  const server = createWallServer({ heartbeatMs: HEARTBEAT_MS, port: 0, log: quiet, ...options })
  const { port } = await server.listen()
  return { server, port, base: `http://127.0.0.1:${port}` }
}

const dist = mkdtempSync(join(tmpdir(), 'wall-dist-'))
const INDEX_HTML = '<!doctype html><html><body><div id="app"></div><script src="/assets/app-3f2a.js"></script></body></html>'
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), INDEX_HTML)
writeFileSync(join(dist, 'assets', 'app-3f2a.js'), 'console.log("wall")')

describe('wall server and feed hub', () => {
  const upstream = fakeUpstream()
  let server: WallServer
  let port: number
  let base: string

  beforeAll(async () => {
    ({ server, port, base } = await start({ upstream, distDir: dist, pingIntervalMs: 60_000 }))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dist, { recursive: true, force: true })
  })

  it('starts the upstream and sends a valid snapshot first, with every topic', async () => {
    expect(upstream.started).toBe(true)
    const wall = connect(port)
    const first = await wall.waitFor(() => true)
    expect(first).toMatchObject({ type: 'snapshot', seq: server.hub.stats().seq, source: { name: 'test source', simulated: true, heartbeatMs: HEARTBEAT_MS } })
    const decoded = decodeServerFrame(wall.raw[0])
    expect(decoded.rejections).toEqual([])
    expect(Object.keys(first.topics).sort()).toEqual(['battleplan.milestones', 'national.indicators', 'national.kpi', 'province.stats', 'wall.state'])
    expect(Object.keys(first.topics).every(topic => (TOPICS as string[]).includes(topic))).toBe(true)
    expect(first.topics['wall.state']).toMatchObject({ page: 'overview', revision: 0, blackout: false, banner: null, playlist: { items: [], running: false } })
    wall.ws.close()
  })

  it('sends patches with seq going up by exactly one, and heartbeats in the silences', async () => {
    const wall = connect(port)
    const snapshot = await wall.waitFor(f => f.type === 'snapshot')
    for (const n of [1, 2, 3])
      upstream.emit('national.kpi', upstream.kpi(n))
    const third = await wall.waitFor(f => f.type === 'patch' && f.data.casesReceivedYtd === 3)
    expect(third).toMatchObject({ seq: snapshot.seq + 3, topic: 'national.kpi' })
    const lastPatchAt = Date.now()
    const heartbeat = await wall.waitFor(f => f.type === 'heartbeat')
    expect(heartbeat.seq).toBe(snapshot.seq + 4)
    // What handing each frame to every wall took is kept for /healthz.
    const { broadcastMs } = server.hub.stats()
    expect(broadcastMs.samples).toBeGreaterThanOrEqual(4)
    expect(broadcastMs.p99).toBeGreaterThanOrEqual(broadcastMs.p50)
    expect(Date.now() - lastPatchAt).toBeGreaterThanOrEqual(HEARTBEAT_MS - 50)
    await wall.waitFor(f => f.type === 'heartbeat', 5)
    expect(seqsAreConsecutive(wall.frames)).toBe(true)
    for (const text of wall.raw)
      expect(decodeServerFrame(text).rejections).toEqual([])
    wall.ws.close()
  })

  it('answers resync with a fresh snapshot holding the latest data', async () => {
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    upstream.emit('national.kpi', upstream.kpi(4242))
    await wall.waitFor(f => f.type === 'patch')
    const from = wall.frames.length
    wall.ws.send(clientFrame({ v: 1, type: 'resync' }))
    const snapshot = await wall.waitFor(f => f.type === 'snapshot', from)
    expect(snapshot.topics['national.kpi'].casesReceivedYtd).toBe(4242)
    // The hub's seq of the moment: the wall expects exactly the next broadcast frame after it.
    expect(snapshot.seq).toBeGreaterThanOrEqual(wall.frames[from - 1]!.seq)
    expect(seqsAreConsecutive(wall.frames)).toBe(true)
    wall.ws.close()
  })

  it('stores what a wall reports about itself, for the control terminal', async () => {
    let changes = 0
    const unsubscribe = server.hub.onClientsChanged(() => changes++)
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    expect(changes).toBeGreaterThanOrEqual(1)
    const afterConnect = changes
    wall.ws.send(clientFrame({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 1200, profile: 'wall-32x9', width: 7680, height: 2160 } }))
    await expect.poll(() => server.hub.clients().find(c => c.status?.profile === 'wall-32x9')).toMatchObject({
      status: { page: 'overview', dataAgeMs: 1200, width: 7680 },
      remoteAddress: expect.stringContaining('127.0.0.1'),
    })
    const info = server.hub.clients().find(c => c.status?.profile === 'wall-32x9')!
    expect(info.id).toMatch(/^wall-\d+$/)
    expect(info.lastSeenAt).toBeGreaterThanOrEqual(info.connectedAt)
    expect(changes).toBeGreaterThan(afterConnect)
    const afterStatus = changes
    wall.ws.close()
    await expect.poll(() => changes).toBeGreaterThan(afterStatus)
    unsubscribe()
  })

  it('closes a wall that sends garbage with 4400, and keeps serving the others', async () => {
    const bad = connect(port)
    const good = connect(port)
    await bad.waitFor(f => f.type === 'snapshot')
    await good.waitFor(f => f.type === 'snapshot')
    bad.ws.send('this is not json')
    expect(await bad.closed).toMatchObject({ code: CLOSE_CODES.protocolViolation, reason: expect.stringMatching(/^notJson/) })
    upstream.emit('national.kpi', upstream.kpi(99))
    expect(await good.waitFor(f => f.type === 'patch' && f.data.casesReceivedYtd === 99)).toBeTruthy()

    const wrongShape = connect(port)
    await wrongShape.waitFor(f => f.type === 'snapshot')
    wrongShape.ws.send(JSON.stringify({ v: 1, type: 'reboot' }))
    expect(await wrongShape.closed).toMatchObject({ code: 4400, reason: expect.stringMatching(/^badEnvelope/) })
    expect(good.ws.readyState).toBe(WebSocket.OPEN)
    good.ws.close()
  })

  it('closes a wall that sends a binary frame with 4400', async () => {
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    wall.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await wall.closed).toMatchObject({ code: 4400, reason: expect.stringMatching(/^binaryFrame/) })
  })

  it('closes a wall that sends a frame over the size limit with 1009', async () => {
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    wall.ws.send('x'.repeat(MAX_FRAME_BYTES + 1))
    expect((await wall.closed).code).toBe(CLOSE_CODES.tooBig)
  })

  it('closes a wall that floods the server with 4429', async () => {
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    for (let i = 0; i < 30; i++)
      wall.ws.send(clientFrame({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: null, profile: 'x', width: 1, height: 1 } }))
    expect((await wall.closed).code).toBe(CLOSE_CODES.rateLimited)
  })

  it('lets a wall send its rate again once the bucket has refilled, and closes it past that with 4429', async () => {
    let clock = Date.now()
    const own = await start({ upstream: fakeUpstream(), distDir: dist, pingIntervalMs: 60_000, clientMessagesPerSecond: 20, now: () => clock })
    try {
      const wall = connect(own.port)
      await wall.waitFor(f => f.type === 'snapshot')
      const status = clientFrame({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: null, profile: 'x', width: 1, height: 1 } })
      /** send `count` frames, the last a resync, and wait for its snapshot: the server has read them all */
      const burst = async (count: number): Promise<void> => {
        const from = wall.frames.length
        for (let i = 1; i < count; i++)
          wall.ws.send(status)
        wall.ws.send(clientFrame({ v: 1, type: 'resync' }))
        await wall.waitFor(f => f.type === 'snapshot', from)
      }
      // A full bucket: twenty at once.
      await burst(20)
      // Half a second on the hub's clock refills ten.
      clock += 500
      await burst(10)
      expect(wall.ws.readyState).toBe(WebSocket.OPEN)
      // The bucket is empty and the clock stands still: the next frame is one too many.
      wall.ws.send(status)
      expect((await wall.closed).code).toBe(CLOSE_CODES.rateLimited)
    }
    finally {
      await own.server.close()
    }
  })

  it('drops and counts upstream payloads that fail validation, sending nothing', async () => {
    const wall = connect(port)
    const snapshot = await wall.waitFor(f => f.type === 'snapshot')
    const before = server.hub.stats().upstreamRejected
    upstream.emit('national.kpi', { ...upstream.kpi(1), casesReceivedYtd: -5 })
    upstream.emit('national.kpi', { ...upstream.kpi(1), casesReceivedYtd: Number.NaN })
    upstream.emit('weather', { sunny: true })
    upstream.emit('wall.state', { page: 'hijack' })
    upstream.emit('national.kpi', upstream.kpi(7))
    const patch = await wall.waitFor(f => f.type === 'patch')
    // Nothing refused took a seq: the next frame after the snapshot is this patch.
    expect(patch).toMatchObject({ seq: snapshot.seq + 1, data: { casesReceivedYtd: 7 } })
    const after = server.hub.stats().upstreamRejected
    expect((after.badPayload ?? 0) - (before.badPayload ?? 0)).toBe(2)
    expect((after.unknownTopic ?? 0) - (before.unknownTopic ?? 0)).toBe(1)
    expect((after.ownedByHub ?? 0) - (before.ownedByHub ?? 0)).toBe(1)
    wall.ws.close()
  })

  it('broadcasts a new wall state and puts it in later snapshots', async () => {
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    const next: WallState = { ...server.hub.getWallState(), revision: 1, page: 'battle-plan', banner: '全国执行工作视频会议 15:00', updatedAt: Date.now() }
    server.hub.setWallState(next)
    expect(await wall.waitFor(f => f.type === 'patch' && f.topic === 'wall.state')).toMatchObject({ data: { revision: 1, page: 'battle-plan' } })
    expect(() => server.hub.setWallState({ ...next, page: 'Not A Page!' })).toThrow()
    expect(server.hub.getWallState().revision).toBe(1)
    const late = connect(port)
    expect((await late.waitFor(f => f.type === 'snapshot')).topics['wall.state']).toMatchObject({ revision: 1, banner: '全国执行工作视频会议 15:00' })
    wall.ws.close()
    late.ws.close()
  })

  it('answers /healthz with 200 JSON', async () => {
    const response = await fetch(`${base}/healthz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = await response.json()
    expect(body).toMatchObject({ ok: true, clients: expect.any(Number), uptime: expect.any(Number), walls: expect.any(Array) })
  })

  it('says in /healthz how long each wall has been silent, for the kiosk watchdog', async () => {
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    const body = await (await fetch(`${base}/healthz`)).json() as { walls: { id: string, silentMs: number, address: string | null }[] }
    expect(body.walls.length).toBeGreaterThan(0)
    for (const w of body.walls) {
      expect(w.silentMs).toBeGreaterThanOrEqual(0)
      expect(w.silentMs).toBeLessThan(60_000)
    }
    wall.ws.close()
  })

  it('serves the app: / redirects, pages get index.html, assets are cached for good', async () => {
    const root = await fetch(`${base}/?profile=wall-32x9`, { redirect: 'manual' })
    expect(root.status).toBe(302)
    expect(root.headers.get('location')).toBe('/wall?profile=wall-32x9')
    for (const page of ['/wall', '/wall/', '/wall/overview', '/control', '/control/pages/1']) {
      const response = await fetch(`${base}${page}`)
      expect(response.status, page).toBe(200)
      expect(await response.text()).toBe(INDEX_HTML)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(response.headers.get('cache-control')).toBe('no-cache')
    }
    const asset = await fetch(`${base}/assets/app-3f2a.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404)
    expect((await fetch(`${base}/walls`)).status).toBe(404)
    expect((await fetch(`${base}/wall`, { method: 'POST' })).status).toBe(405)
  })

  it('refuses a WebSocket on any path other than /feed', async () => {
    const stranger = new WebSocket(`ws://127.0.0.1:${port}/control-feed`)
    const status = await new Promise<number>((resolve) => {
      stranger.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      stranger.on('error', () => resolve(-1))
    })
    expect(status).toBe(404)
  })

  it('lets another file add an upgrade route', async () => {
    server.upgradeRoutes.set('/echo', (_request, socket) => {
      socket.end('HTTP/1.1 418 I\'m a teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    })
    const client = new WebSocket(`ws://127.0.0.1:${port}/echo`)
    const status = await new Promise<number>((resolve) => {
      client.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      client.on('error', () => resolve(-1))
    })
    expect(status).toBe(418)
    server.upgradeRoutes.delete('/echo')
  })
})

describe('wall server without a built app', () => {
  it('answers pages with 503 and a hint when dist/ is missing, and still serves the feed', async () => {
    const { server, port, base } = await start({ upstream: fakeUpstream(), distDir: join(tmpdir(), 'no-such-dist-dir') })
    const page = await fetch(`${base}/wall`)
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('npm run build')
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    const wall = connect(port)
    expect((await wall.waitFor(() => true)).type).toBe('snapshot')
    wall.ws.close()
    await server.close()
  })

  it('runs feed-only when told to', async () => {
    const { server, port, base } = await start({ upstream: fakeUpstream(), distDir: null })
    const page = await fetch(`${base}/wall`)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('feed-only')
    const wall = connect(port)
    expect((await wall.waitFor(() => true)).type).toBe('snapshot')
    wall.ws.close()
    await server.close()
  })
})

describe('feed hub under stress', () => {
  it('skips patches to a wall that stops reading, then resyncs it with a snapshot once it drains', async () => {
    const upstream = fakeUpstream()
    const maxBufferedBytes = 64 * 1024
    const { server, port } = await start({ upstream, distDir: null, maxBufferedBytes, heartbeatMs: 100 })
    const slow = connect(port)
    await slow.waitFor(f => f.type === 'snapshot')
    const socket = (slow.ws as unknown as { _socket: Socket })._socket
    socket.pause()
    const provinces = upstream.provinces()
    for (let i = 0; i < 3000; i++)
      upstream.emit('province.stats', { ...provinces, asOf: provinces.asOf + i })
    const [info] = server.hub.clients()
    expect(info!.patchesSkipped).toBeGreaterThan(0)
    // What the server holds for it stays near the limit, however much the upstream sends.
    expect(info!.bufferedBytes).toBeLessThan(maxBufferedBytes + 64 * 1024)
    socket.resume()
    const from = slow.frames.length
    const resync = await slow.waitFor(f => f.type === 'snapshot', Math.max(1, from), 5000)
    expect(resync.topics['province.stats'].asOf).toBe(provinces.asOf + 2999)
    expect(seqsAreConsecutive(slow.frames)).toBe(true)
    await server.close()
  })

  it('drops a wall that stops answering pings', async () => {
    const { server, port } = await start({ upstream: fakeUpstream(), distDir: null, pingIntervalMs: 100, heartbeatMs: 5000 })
    const deaf = connect(port, '/feed', { autoPong: false })
    await deaf.waitFor(f => f.type === 'snapshot')
    expect((await deaf.closed).code).toBe(1006)
    await expect.poll(() => server.hub.stats().clients).toBe(0)
    await server.close()
  })

  it('closes every wall with 1001 on shutdown', async () => {
    const { server, port } = await start({ upstream: fakeUpstream(), distDir: null })
    const wall = connect(port)
    await wall.waitFor(f => f.type === 'snapshot')
    await server.close()
    expect((await wall.closed).code).toBe(CLOSE_CODES.goingAway)
  })

  it('carries the simulator end to end: every frame valid, every topic within a few seconds', async () => {
    const upstream = createSimulatorUpstream({ seed: 3, messagesPerSecond: 20 })
    const { server, port } = await start({ upstream, distDir: null })
    const wall = connect(port)
    const seen = new Set<Topic>()
    await wall.waitFor((f) => {
      if (f.type === 'patch')
        seen.add(f.topic as Topic)
      return seen.size === 4
    }, 0, 5000)
    for (const text of wall.raw)
      expect(decodeServerFrame(text).rejections).toEqual([])
    expect(seqsAreConsecutive(wall.frames)).toBe(true)
    await server.close()
  })
})
