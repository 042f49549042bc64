/**
 * The control channel under hostile load: the walls list stays under the terminal's frame limit,
 * wrong tokens lock an address out, commands are rate limited per token across connections, a
 * token offered as a sub-protocol is never echoed.
 */
import type { Socket } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import {
  CLOSE_CODES,
  controlCommandFrame,
  controlProtocols,
  controlWallsRequestFrame,
  decodeControlServerFrame,
  MAX_CONTROL_FRAME_BYTES,
  type ControlServerMessage,
  type WallState,
} from '#protocol'
import { resolveLimits } from '../limits.ts'
import { wallsPage, type ControlEndpoint, type ControlEndpointOptions, type ControlHub, type ControlHubWall } from './endpoint.ts'
import { readAudit } from './persist.ts'
import { quietLog, useEndpointServer } from './testing.ts'

const TOKEN = 'test-token-0123456789abcdef'
const PAGES = [{ id: 'overview', title: { zh: '总览', en: 'Overview' } }, { id: 'trends', title: { zh: '趋势', en: 'Trends' } }]

function manyWalls(n: number): ControlHubWall[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `wall-${i + 1}`,
    remoteAddress: `::ffff:192.168.${i >> 8}.${i & 255}`,
    connectedAt: 1_750_000_000_000 + i,
    lastSeenAt: 1_750_000_001_000 + i,
    status: { page: 'overview', dataAgeMs: 123_456, profile: 'x'.repeat(40), width: 99_999, height: 99_999 },
  }))
}

function fakeHub(walls: ControlHubWall[]): ControlHub {
  let state: WallState | null = null
  return {
    getWallState: () => state!,
    setWallState(next) {
      state = next
    },
    clients: () => walls,
  }
}

const rig = useEndpointServer('wall-control-limits-')

function start(overrides: Partial<ControlEndpointOptions> = {}, walls = manyWalls(3)): ControlEndpoint {
  return rig.start({ hub: fakeHub(walls), config: { allowedOrigins: ['same-origin'], commandsPerSecond: 1000 }, pages: PAGES, token: TOKEN, ...overrides })
}

interface Client { ws: WebSocket, frames: ControlServerMessage[], raw: string[], closed: Promise<{ code: number, reason: string }> }

function connect(protocols = controlProtocols(TOKEN)): Client {
  const ws = new WebSocket(`${rig.base}/control-feed`, protocols)
  const client: Client = { ws, frames: [], raw: [], closed: new Promise(resolve => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))) }
  ws.on('error', () => {})
  ws.on('message', (data) => {
    client.raw.push(String(data))
    const decoded = decodeControlServerFrame(String(data))
    if (decoded.ok)
      client.frames.push(decoded.message)
  })
  return client
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined && value !== false)
      return value
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

describe('walls list under the frame limit', () => {
  it('pages a thousand walls with long statuses so that every page fits the frame limit', () => {
    const all = manyWalls(1000)
    for (const offset of [0, 40, 500, 999, 5000]) {
      const page = wallsPage(all, offset, resolveLimits().wallsPageSize)
      expect(page.wallCount).toBe(1000)
      expect(page.walls.length).toBeGreaterThan(0)
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(MAX_CONTROL_FRAME_BYTES - 4096)
    }
    expect(wallsPage(all, 5000, 40).wallsOffset).toBe(960)
    expect(wallsPage([], 10, 40)).toEqual({ walls: [], wallCount: 0, wallsOffset: 0 })
  })

  it('greets with a hello the terminal can decode however many walls there are, and sends the page asked for', async () => {
    start({}, manyWalls(1000))
    const terminal = connect()
    const hello = await until(() => terminal.frames.find(f => f.type === 'hello'), 'hello')
    expect(hello).toMatchObject({ wallCount: 1000, wallsOffset: 0 })
    expect(terminal.raw.every(raw => Buffer.byteLength(raw) <= MAX_CONTROL_FRAME_BYTES)).toBe(true)
    terminal.ws.send(controlWallsRequestFrame(400))
    const page = await until(() => terminal.frames.find(f => f.type === 'walls' && f.wallsOffset === 400), 'page at 400')
    expect(page.type === 'walls' && page.walls[0]?.id).toBe('wall-401')
    terminal.ws.close()
  })

  it('rebuilds the list at most once per window however many walls report, and not at all without a terminal', async () => {
    const hub = fakeHub(manyWalls(10))
    const clients = vi.spyOn(hub, 'clients')
    start({ hub, wallsIntervalMs: 60_000 })
    for (let i = 0; i < 1000; i++)
      rig.endpoint!.notifyWallsChanged()
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(clients).not.toHaveBeenCalled()
    const terminal = connect()
    await until(() => terminal.frames.find(f => f.type === 'hello'), 'hello')
    clients.mockClear()
    for (let i = 0; i < 1000; i++)
      rig.endpoint!.notifyWallsChanged()
    await until(() => terminal.frames.find(f => f.type === 'walls'), 'walls')
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(clients.mock.calls.length).toBeLessThanOrEqual(2)
    terminal.ws.close()
  })
})

describe('a terminal that does not read', () => {
  it('is skipped for walls lists, then dropped at the next frame it must get, while a reading terminal carries on', async () => {
    const log = quietLog()
    start({ log, wallsIntervalMs: 10, limits: { ...resolveLimits(), controlMaxBufferedBytes: 64 * 1024 } }, manyWalls(1000))
    const serverSockets: Socket[] = []
    rig.http.prependListener('upgrade', (_req, socket: Socket) => serverSockets.push(socket))
    const slow = connect()
    await until(() => slow.frames.find(f => f.type === 'hello'), 'hello')
    const operator = connect()
    await until(() => operator.frames.find(f => f.type === 'hello'), 'hello')
    // the slow terminal stops reading: once the kernel's buffers are full, every frame for it stays
    // in the server's memory, as corking its socket makes happen at once
    const stuck = serverSockets[0]!
    stuck.cork()
    let most = 0
    for (let i = 0; i < 100; i++) {
      rig.endpoint!.notifyWallsChanged()
      await new Promise(resolve => setTimeout(resolve, 12))
      most = Math.max(most, stuck.writableLength)
    }
    const dropped = () => log.warn.mock.calls.some(([message]) => message === 'control terminal not reading; dropped')
    // a hundred walls lists of some 12 KB each: what is queued stays within the bound plus one list
    expect(most).toBeGreaterThan(64 * 1024)
    expect(most).toBeLessThan(64 * 1024 + MAX_CONTROL_FRAME_BYTES)
    expect(dropped()).toBe(false)
    expect(operator.frames.filter(f => f.type === 'walls').length).toBeGreaterThan(10)
    // a state change must reach every terminal: the one that does not read is dropped instead
    operator.ws.send(controlCommandFrame('c1', { kind: 'showPage', page: 'trends' }))
    await until(() => operator.frames.find(f => f.type === 'ack'), 'the operator\'s ack')
    await until(() => dropped(), 'the slow terminal dropped')
    expect(await slow.closed).toMatchObject({ code: 1006 })
    expect(operator.ws.readyState).toBe(WebSocket.OPEN)
    operator.ws.close()
  })
})

describe('who gets in, under attack', () => {
  it('never echoes a token offered as the only sub-protocol', async () => {
    start()
    const responses: string[] = []
    const ws = new WebSocket(`${rig.base}/control-feed`, [`token.${TOKEN}`])
    ws.on('upgrade', res => responses.push(JSON.stringify(res.headers)))
    ws.on('unexpected-response', (_req, res) => responses.push(JSON.stringify(res.headers)))
    await new Promise(resolve => ws.once('error', resolve))
    expect(responses.join('')).not.toContain(TOKEN)
  })

  it('locks an address out after repeated wrong tokens, the right token included, and logs the refusals once per window', async () => {
    const log = quietLog()
    start({ log, limits: { ...resolveLimits(), lockoutFreeFailures: 3, lockoutBaseMs: 60_000 } })
    for (let i = 0; i < 4; i++)
      expect(await connect(controlProtocols(`wrong-${i}`)).closed).toMatchObject({ code: CLOSE_CODES.unauthorized })
    const locked = await connect().closed
    expect(locked.code).toBe(CLOSE_CODES.rateLimited)
    expect(locked.reason).toMatch(/locked out/)
    const refusals = log.warn.mock.calls.filter(([message]) => message === 'control connection refused')
    expect(refusals.length).toBeLessThanOrEqual(2)
  })

  it('caps control connections per address', async () => {
    start({ limits: { ...resolveLimits(), controlConnectionsPerAddress: 2 } })
    const a = connect()
    const b = connect()
    await until(() => a.frames.length > 0 && b.frames.length > 0, 'two hellos')
    expect(await connect().closed).toMatchObject({ code: CLOSE_CODES.rateLimited })
    a.ws.close()
    await a.closed
    const c = connect()
    await until(() => c.frames.find(f => f.type === 'hello'), 'hello after a slot freed')
    b.ws.close()
    c.ws.close()
  })

  it('limits commands per token across connections, and audits only what changed the wall', async () => {
    start({ limits: { ...resolveLimits(), commandsPerSecondPerToken: 5, controlConnectionsPerAddress: 20 } })
    const terminals = Array.from({ length: 10 }, () => connect())
    await until(() => terminals.every(t => t.frames.some(f => f.type === 'hello')), 'hellos')
    let n = 0
    for (const terminal of terminals) {
      for (let i = 0; i < 5; i++)
        terminal.ws.send(controlCommandFrame(`c${n++}`, { kind: 'showPage', page: n % 2 ? 'trends' : 'overview' }))
    }
    await until(() => terminals.every(t => t.frames.filter(f => f.type === 'ack' || f.type === 'nack').length === 5), 'answers')
    const answers = terminals.flatMap(t => t.frames.filter(f => f.type === 'ack' || f.type === 'nack'))
    const acks = answers.filter(f => f.type === 'ack').length
    // the bucket holds twice the rate; a little refill during the burst is allowed
    expect(acks).toBeLessThanOrEqual(12)
    expect(answers.filter(f => f.type === 'nack' && f.code === 'rateLimited').length).toBeGreaterThanOrEqual(38)
    expect(readAudit(rig.dir, 100).length).toBeLessThanOrEqual(acks)
    terminals.forEach(t => t.ws.close())
  })
})
