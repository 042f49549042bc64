/**
 * A seeded fuzz run against the real server (wall feed, control channel and static files in one
 * process), bounded to a few seconds: thousands of malformed frames and requests. The server stays
 * up, a bystander wall keeps receiving patches, and memory stays bounded.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect as connectTcp } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CONTROL_PATH, PAGES, type TopicPayloads } from '#protocol'
import { Simulation } from '../mock-server/simulator/model.ts'
import { mulberry32 } from '../mock-server/simulator/random.ts'
import { createControlEndpoint, lineLog } from './control/endpoint.ts'
import { createWallServer, type WallServer } from './hub/server.ts'
import type { Upstream, UpstreamListener } from './upstream/index.ts'

const SEED = 20_260_311
const TOKEN = 'fuzz-token-0123456789abcdef'

/** The simulator's seeded PRNG: the same seed, the same run. */
function prng(seed: number) {
  const next = mulberry32(seed)
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  return { next, int, pick }
}
const rnd = prng(SEED)

function junkText(): string {
  const pieces = [
    '{', '}', '[', ']', '"', ':', ',', '\n', '\r\n', '\u0000', '\u202E', '\\', 'null', 'true', '1e309', '-0',
    '"__proto__"', '"constructor"', '"prototype"', '"v":1', '"type":"status"', '"type":"resync"', '"type":"command"',
    '"type":"walls"', '"offset":', '"data":', '"command":{"kind":"showPage","page":"overview"}', '<script>', '😀', '\uD800',
    '2026-01-01T00:00:00.000Z [control] command address=1.2.3.4 action=showPage',
  ]
  let text = ''
  const n = 1 + rnd.int(30)
  for (let i = 0; i < n; i++)
    text += rnd.pick(pieces)
  if (rnd.next() < 0.05)
    text += 'x'.repeat(rnd.int(80_000))
  return text
}

function frame(): string | Buffer {
  const kind = rnd.int(6)
  if (kind === 0)
    return Buffer.from(Array.from({ length: rnd.int(200) }, () => rnd.int(256)))
  if (kind === 1)
    return JSON.stringify({ v: 1, type: 'status', data: { page: junkText(), dataAgeMs: rnd.next() * 1e12, profile: 'p', width: rnd.int(1e6), height: -1 } })
  if (kind === 2)
    return JSON.stringify({ v: 1, type: 'walls', offset: rnd.pick([0, -1, 1e9, 0.5, 'x', null]) })
  if (kind === 3)
    return JSON.stringify({ v: 1, type: 'command', id: junkText().slice(0, 80), command: { kind: rnd.pick(['showPage', 'focusUnit', 'setBanner', 'nope']), page: junkText(), text: junkText(), unitId: junkText() } })
  if (kind === 4)
    return '{"__proto__":{"polluted":1},"v":1,"type":"status","data":{"constructor":{"prototype":{"x":1}}}}'
  return junkText()
}

function fakeUpstream() {
  const simulation = new Simulation({ seed: 1, start: Date.now() })
  const listeners = new Set<UpstreamListener>()
  const upstream: Upstream & { emit: () => void } = {
    info: { name: 'fuzz', simulated: true },
    snapshot: (): Partial<TopicPayloads> => ({ 'national.kpi': simulation.counters().kpi }),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {},
    stop() {},
    emit() {
      const kpi = { ...simulation.counters().kpi, asOf: Date.now() }
      for (const listener of listeners)
        listener('national.kpi', kpi)
    },
  }
  return upstream
}

let dist: string
let dataDir: string
let server: WallServer
let control: ReturnType<typeof createControlEndpoint>
let host: string
const upstream = fakeUpstream()
const logged: string[] = []

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'wall-fuzz-dist-'))
  dataDir = mkdtempSync(join(tmpdir(), 'wall-fuzz-data-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>wall</title>')
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)\n'.repeat(200))
  server = createWallServer({ upstream, heartbeatMs: 500, port: 0, distDir: dist, log: line => logged.push(line) })
  control = createControlEndpoint({
    hub: server.hub,
    config: { allowedOrigins: ['same-origin'], commandsPerSecond: 10 },
    dataDir,
    pages: PAGES.map(p => ({ id: p.id, title: p.titles })),
    token: TOKEN,
    log: lineLog(line => logged.push(line)),
  })
  server.upgradeRoutes.set(CONTROL_PATH, (req, socket, head) => void control.handleUpgrade(req, socket, head))
  server.hub.onClientsChanged(() => control.notifyWallsChanged())
  const { port } = await server.listen()
  host = `127.0.0.1:${port}`
})

afterAll(async () => {
  control.close()
  await server.close()
  rmSync(dist, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

function httpRequest(path: string, method: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`http://${host}${path}`, { method, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', () => resolve(-1))
    })
    req.on('error', () => resolve(-1))
    req.setTimeout(3000, () => req.destroy())
    req.end()
  })
}

function rawRequest(text: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port: Number(host.split(':')[1]) }, () => socket.end(text))
    socket.on('data', () => {})
    socket.on('error', () => resolve())
    socket.on('close', () => resolve())
    socket.setTimeout(3000, () => socket.destroy())
  })
}

/** Open a socket, send frames as fast as it allows, close. Resolves with how many were sent. */
function hammer(path: string, protocols: string[], frames: number): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${host}${path}`, protocols)
    let sent = 0
    ws.on('error', () => {})
    ws.on('open', () => {
      for (let i = 0; i < frames && ws.readyState === WebSocket.OPEN; i++) {
        ws.send(frame())
        sent++
      }
      setTimeout(() => ws.terminate(), 20)
    })
    ws.on('close', () => resolve(sent))
    setTimeout(() => {
      ws.terminate()
      resolve(sent)
    }, 3000)
  })
}

describe('fuzzing the real server', () => {
  it(`stays up under thousands of malformed frames and requests (seed ${SEED}), a bystander wall keeps receiving, memory bounded`, async () => {
    const bystander = new WebSocket(`ws://${host}/feed`, ['command-wall'])
    let bystanderFrames = 0
    bystander.on('message', () => bystanderFrames++)
    await new Promise(resolve => bystander.once('open', resolve))
    const ticker = setInterval(() => upstream.emit(), 50)
    const rssBefore = process.memoryUsage().rss

    let frames = 0
    let requests = 0
    const deadline = Date.now() + 5000
    const ranges = ['bytes=100-50', 'bytes=0-', 'bytes=-5', 'bytes=99999999-', 'bytes=0-99999999', 'bytes=a-b', 'bytes=0-1,3-4', '', 'bytes=', `bytes=${'9'.repeat(30)}-1`]
    const encodings = ['br', 'gzip', 'br;q=0, gzip;q=1', '*', 'identity', 'x'.repeat(2000), 'gzip, deflate, br, zstd']
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND']
    const paths = ['/wall', '/control', '/assets/app.js', '/assets/../index.html', '/%', '/%E0%A4%A', '/healthz', '/feed', '/control-feed', `/${'a'.repeat(5000)}`, '/wall?view=x&token=y', '//etc/passwd']
    while (Date.now() < deadline) {
      const batch: Promise<unknown>[] = []
      for (let i = 0; i < 6; i++)
        batch.push(hammer('/feed', rnd.pick([['command-wall'], [], ['view.x'], ['command-wall', 'token.x']]), 10 + rnd.int(80)).then((n) => { frames += n }))
      batch.push(hammer(CONTROL_PATH, rnd.next() < 0.7 ? ['command-wall', `token.${TOKEN}`] : ['command-wall', `token.${junkText().replace(/\W/g, '')}x`], 1 + rnd.int(40)).then((n) => { frames += n }))
      for (let i = 0; i < 60; i++) {
        const headers: Record<string, string> = {}
        if (rnd.next() < 0.6)
          headers.Range = rnd.pick(ranges)
        if (rnd.next() < 0.6)
          headers['Accept-Encoding'] = rnd.pick(encodings)
        if (rnd.next() < 0.05)
          headers['X-Big'] = 'b'.repeat(20_000 + rnd.int(70_000))
        batch.push(httpRequest(rnd.pick(paths), rnd.pick(methods), headers).then(() => { requests++ }))
      }
      batch.push(rawRequest(rnd.pick([
        'GET / HTTP/1.1\r\n\r\n',
        'GARBAGE\r\n\r\n',
        'GET /wall HTTP/1.1\r\nHost: x\r\nRange: bytes=100-50\r\n\r\n',
        `GET /wall HTTP/1.1\r\nHost: x\r\n${'X: y\r\n'.repeat(3000)}\r\n`,
        'GET /feed HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: bad\r\n\r\n',
        '\u0000\u0001\u0002\r\n\r\n',
      ])).then(() => { requests++ }))
      await Promise.all(batch)
    }
    clearInterval(ticker)

    expect(frames).toBeGreaterThan(2000)
    expect(requests).toBeGreaterThan(1000)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // still up, still serving
    const health = await fetch(`http://${host}/healthz`)
    expect(health.status).toBe(200)
    expect((await health.json() as { errors: number }).errors).toBe(0)
    // the bystander kept receiving all along and is still connected
    expect(bystander.readyState).toBe(WebSocket.OPEN)
    expect(bystanderFrames).toBeGreaterThan(50)
    const before = bystanderFrames
    upstream.emit()
    await new Promise(resolve => setTimeout(resolve, 200))
    expect(bystanderFrames).toBeGreaterThan(before)
    // memory bounded (the test process holds the clients too)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024)
    // no line of the log was forged by a frame
    expect(logged.some(line => /^\d{4}-\d\d-\d\dT.*\[control\] command address=1\.2\.3\.4/.test(line))).toBe(false)
    expect(logged.every(line => !line.includes('\n'))).toBe(true)
    bystander.close()
  }, 30_000)
})
