import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CLOSE_CODES, type WallState } from '#protocol'
import {
  CONTROL_SUBPROTOCOL,
  controlCommandFrame,
  controlProtocols,
  decodeControlServerFrame,
  MAX_CONTROL_FRAME_BYTES,
  type ControlCommandInput,
  type ControlServerMessage,
  type WallClient,
} from '#protocol'
import type { ControlEndpoint, ControlEndpointOptions, ControlHub } from './endpoint.ts'
import { AUDIT_FILE, readAudit, WALL_STATE_FILE } from './persist.ts'
import { quietLog, useEndpointServer } from './testing.ts'

const TOKEN = 'test-token-0123456789abcdef'
const PAGES = [
  { id: 'overview', title: { zh: '总览', en: 'Overview' } },
  { id: 'province', title: { zh: '省级', en: 'Province' } },
  { id: 'trends', title: { zh: '趋势', en: 'Trends' } },
]
const WALL: WallClient = {
  id: 'wall-1',
  address: '10.1.1.20',
  connectedAt: 1_750_000_000_000,
  lastSeenAt: 1_750_000_001_000,
  status: { page: 'overview', dataAgeMs: 800, profile: 'wall-32x9', width: 7680, height: 2160 },
}

/** The same wall as the hub describes it (its FeedClientInfo), extra counters included. */
const HUB_WALL = {
  id: WALL.id,
  remoteAddress: WALL.address,
  connectedAt: WALL.connectedAt,
  lastSeenAt: WALL.lastSeenAt,
  status: WALL.status,
  framesSent: 3,
  patchesSkipped: 0,
}

/** What the wall hub does for the control endpoint: hold the state, "broadcast" it, list walls. */
function fakeHub(): ControlHub & { broadcasts: WallState[] } {
  let state: WallState | null = null
  const broadcasts: WallState[] = []
  return {
    broadcasts,
    getWallState() {
      if (!state)
        throw new Error('read before the endpoint set a state')
      return state
    },
    setWallState(next) {
      state = next
      broadcasts.push(next)
    },
    clients: () => [HUB_WALL],
  }
}

/** The server's message of one type. */
type Answer<T extends ControlServerMessage['type']> = Extract<ControlServerMessage, { type: T }>

/** A control client: every decoded frame, and helpers to wait for one. */
class Terminal {
  readonly frames: ControlServerMessage[] = []
  readonly closed: Promise<{ code: number, reason: string }>
  readonly opened: Promise<void>
  private waiters: (() => void)[] = []

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const decoded = decodeControlServerFrame(String(data))
      if (!decoded.ok)
        throw new Error(`undecodable frame: ${decoded.message}`)
      this.frames.push(decoded.message)
      for (const wake of this.waiters.splice(0))
        wake()
    })
    this.opened = new Promise(resolve => ws.once('open', () => resolve()))
    this.closed = new Promise(resolve => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })))
  }

  /** The first frame (oldest first) that matches, taken out of `frames`; waits up to 5 s for it. */
  async take(match: (m: ControlServerMessage) => boolean): Promise<ControlServerMessage> {
    const deadline = Date.now() + 5000
    for (;;) {
      const index = this.frames.findIndex(match)
      if (index >= 0)
        return this.frames.splice(index, 1)[0]!
      if (Date.now() > deadline)
        throw new Error(`no matching frame; have ${JSON.stringify(this.frames.map(m => m.type))}`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
  }

  async next<T extends ControlServerMessage['type']>(type: T, where: (m: Answer<T>) => boolean = () => true): Promise<Answer<T>> {
    return await this.take(m => m.type === type && where(m as Answer<T>)) as Answer<T>
  }

  private seq = 0
  /** Send a command and wait for its ack or nack. */
  async command(command: ControlCommandInput, expectRevision?: number) {
    const id = `c${++this.seq}`
    this.ws.send(controlCommandFrame(id, command, expectRevision))
    return await this.take(m => (m.type === 'ack' || m.type === 'nack') && m.id === id)
  }
}

const rig = useEndpointServer('wall-control-')

function start(overrides: Partial<ControlEndpointOptions> = {}, hub: ControlHub = fakeHub()): ControlEndpoint {
  return rig.start({ hub, config: { allowedOrigins: ['same-origin'], commandsPerSecond: 50 }, pages: PAGES, token: TOKEN, ...overrides })
}

function connect(options: { protocols?: string[], query?: string, origin?: string } = {}): Terminal {
  return new Terminal(new WebSocket(`${rig.base}/control-feed${options.query ?? ''}`, options.protocols ?? controlProtocols(TOKEN),
    options.origin === undefined ? {} : { origin: options.origin }))
}

describe('control endpoint: who gets in', () => {
  it('greets a terminal with the token sub-protocol: wall state, walls, pages', async () => {
    start()
    const terminal = connect()
    const hello = await terminal.next('hello')
    expect(terminal.ws.protocol).toBe(CONTROL_SUBPROTOCOL)
    expect(hello.wallState).toMatchObject({ revision: 0, page: 'overview' })
    expect(hello.walls).toEqual([WALL])
    expect(hello.pages).toEqual(PAGES)
    terminal.ws.close()
  })

  it('accepts the token as a query parameter too', async () => {
    start()
    const terminal = connect({ protocols: [], query: `?token=${TOKEN}` })
    expect((await terminal.next('hello')).type).toBe('hello')
    terminal.ws.close()
  })

  it.each([
    ['no token', { protocols: [CONTROL_SUBPROTOCOL] }, CLOSE_CODES.unauthorized, 'token missing'],
    ['a wrong token', { protocols: controlProtocols('nope') }, CLOSE_CODES.unauthorized, 'token wrong'],
    ['a wrong query token', { protocols: [], query: '?token=nope' }, CLOSE_CODES.unauthorized, 'token wrong'],
    ['a foreign origin', { origin: 'http://evil.example' }, CLOSE_CODES.forbiddenOrigin, 'origin not allowed'],
  ])('refuses %s with a close code and logs it', async (_label, options, code, reason) => {
    const log = quietLog()
    start({ log })
    const terminal = connect(options)
    expect(await terminal.closed).toEqual({ code, reason })
    expect(terminal.frames).toEqual([])
    expect(log.warn).toHaveBeenCalledWith('control connection refused', expect.objectContaining({ address: '127.0.0.1', reason }))
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain(TOKEN)
  })

  it('lets a same-origin browser in', async () => {
    start()
    const terminal = connect({ origin: rig.base.replace('ws:', 'http:') })
    expect((await terminal.next('hello')).type).toBe('hello')
    terminal.ws.close()
  })

  it('leaves other upgrade paths alone', () => {
    const ep = start()
    const req = { url: '/feed', headers: {}, socket: {} } as never
    expect(ep.handleUpgrade(req, {} as never, Buffer.alloc(0))).toBe(false)
  })

  it('makes a token when none is configured, and prints it in the control URL', () => {
    const ep = start({ token: undefined })
    expect(ep.tokenGenerated).toBe(true)
    expect(ep.token).toMatch(/^[\w-]{43}$/)
    expect(ep.controlUrl('http://127.0.0.1:8080/')).toBe(`http://127.0.0.1:8080/control?token=${ep.token}`)
    ep.close()
    expect(start().controlUrl('http://h')).toBe('http://h/control')
  })
})

describe('control endpoint: commands', () => {
  it('applies a command: audit, state file, hub broadcast, state to every terminal, ack to the sender', async () => {
    const hub = fakeHub()
    start({}, hub)
    const sender = connect()
    const watcher = connect()
    await sender.next('hello')
    await watcher.next('hello')
    const answer = await sender.command({ kind: 'showPage', page: 'trends' })
    expect(answer).toEqual({ v: 1, type: 'ack', id: 'c1', revision: 1 })
    expect(hub.getWallState()).toMatchObject({ page: 'trends', revision: 1 })
    expect((await watcher.next('state')).wallState).toMatchObject({ page: 'trends', revision: 1 })
    expect((await sender.next('state')).wallState.revision).toBe(1)
    expect(JSON.parse(readFileSync(join(rig.dir, WALL_STATE_FILE), 'utf8'))).toMatchObject({ page: 'trends', revision: 1 })
    expect(readAudit(rig.dir)).toEqual([expect.objectContaining({ action: 'showPage', detail: { page: 'trends' }, address: '127.0.0.1', revision: 1, id: 'c1' })])
    sender.ws.close()
    watcher.ws.close()
  })

  it('answers every bad command with its code and changes nothing', async () => {
    const hub = fakeHub()
    start({}, hub)
    const terminal = connect()
    await terminal.next('hello')
    const before = hub.getWallState()
    const cases: [ControlCommandInput, string, number?][] = [
      [{ kind: 'showPage', page: 'ghost' }, 'unknownPage'],
      [{ kind: 'focusUnit', unitId: '999999' }, 'unknownUnit'],
      [{ kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: -1 }] }, 'badDwell'],
      [{ kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: 86_400 * 365 }] }, 'badDwell'],
      [{ kind: 'setBanner', text: 'x'.repeat(500) }, 'bannerTooLong'],
      [{ kind: 'playlistStart' }, 'emptyPlaylist'],
      [{ kind: 'showPage', page: 'trends' }, 'staleRevision', 41],
    ]
    for (const [command, code, expectRevision] of cases) {
      const answer = await terminal.command(command, expectRevision)
      expect(answer, code).toMatchObject({ type: 'nack', code, revision: 0 })
    }
    terminal.ws.send('{"v":1,"type":"command","id":"raw","command":{"kind":"next"}}')
    expect(await terminal.next('nack', m => m.id === 'raw')).toMatchObject({ code: 'badCommand' })
    terminal.ws.send('not json at all')
    expect(await terminal.next('nack', m => m.id === null)).toMatchObject({ code: 'badCommand' })
    expect(hub.getWallState()).toBe(before)
    expect(hub.broadcasts).toHaveLength(1) // the start-up state only
    expect(readAudit(rig.dir)).toEqual([])
    terminal.ws.close()
  })

  it('shows HTML in a banner as text', async () => {
    const hub = fakeHub()
    start({}, hub)
    const terminal = connect()
    await terminal.next('hello')
    const html = '<script>alert("x")</script>'
    expect(await terminal.command({ kind: 'setBanner', text: html })).toMatchObject({ type: 'ack' })
    expect(hub.getWallState().banner).toBe(html)
    terminal.ws.close()
  })

  it('acks a repeated command without a new revision, and audits only the one that changed the wall', async () => {
    start()
    const terminal = connect()
    await terminal.next('hello')
    expect(await terminal.command({ kind: 'setBlackout', on: true })).toMatchObject({ type: 'ack', revision: 1 })
    expect(await terminal.command({ kind: 'setBlackout', on: true })).toMatchObject({ type: 'ack', revision: 1 })
    expect(readAudit(rig.dir).map(e => e.action)).toEqual(['setBlackout'])
    terminal.ws.close()
  })

  it('refuses with persistFailed when the audit log cannot be written, leaving the state as it was', async () => {
    const hub = fakeHub()
    start({}, hub)
    mkdirSync(join(rig.dir, AUDIT_FILE)) // a directory where the log should be: every append fails
    const terminal = connect()
    await terminal.next('hello')
    expect(await terminal.command({ kind: 'showPage', page: 'trends' })).toMatchObject({ type: 'nack', code: 'persistFailed' })
    expect(hub.getWallState().page).toBe('overview')
    terminal.ws.close()
  })

  it('checks the token with every command: a terminal holding a replaced token is closed (4401)', async () => {
    const hub = fakeHub()
    const ep = start({}, hub)
    const terminal = connect()
    await terminal.next('hello')
    expect(await terminal.command({ kind: 'setBlackout', on: true })).toMatchObject({ type: 'ack' })
    ep.setToken('a-brand-new-token-0123456789')
    terminal.ws.send(controlCommandFrame('late', { kind: 'setBlackout', on: false }))
    expect(await terminal.closed).toEqual({ code: CLOSE_CODES.unauthorized, reason: 'token wrong' })
    expect(hub.getWallState().blackout).toBe(true)
  })

  it('closes a terminal that sends a frame over the size limit (1009)', async () => {
    start()
    const terminal = connect()
    await terminal.next('hello')
    terminal.ws.send('x'.repeat(MAX_CONTROL_FRAME_BYTES + 1))
    expect((await terminal.closed).code).toBe(CLOSE_CODES.tooBig)
  })
})

describe('control endpoint: rate limit', () => {
  it('nacks commands over the limit, then closes on sustained abuse (4429)', async () => {
    start({ config: { allowedOrigins: ['same-origin'], commandsPerSecond: 1, burst: 2 }, closeAfterDenied: 4 })
    const terminal = connect()
    await terminal.next('hello')
    for (let i = 0; i < 3; i++)
      terminal.ws.send(controlCommandFrame(`r${i}`, { kind: 'setBlackout', on: i % 2 === 0 }))
    expect(await terminal.next('ack', m => m.id === 'r0')).toBeTruthy()
    expect(await terminal.next('ack', m => m.id === 'r1')).toBeTruthy()
    expect(await terminal.next('nack', m => m.id === 'r2')).toMatchObject({ code: 'rateLimited' })
    for (let i = 3; i < 10; i++)
      terminal.ws.send(controlCommandFrame(`r${i}`, { kind: 'setBlackout', on: true }))
    expect(await terminal.closed).toEqual({ code: CLOSE_CODES.rateLimited, reason: 'rate limited' })
  })
})

describe('control endpoint: walls and restarts', () => {
  it('pushes the walls list to terminals on a timer and on demand', async () => {
    const ep = start({ wallsIntervalMs: 40 })
    const terminal = connect()
    await terminal.next('hello')
    expect((await terminal.next('walls')).walls).toEqual([WALL])
    ep.notifyWallsChanged()
    expect((await terminal.next('walls')).walls).toHaveLength(1)
    terminal.ws.close()
  })

  it('a restarted server keeps the wall state and the audit log, and the playlist goes on', async () => {
    const first = fakeHub()
    start({}, first)
    const terminal = connect()
    await terminal.next('hello')
    await terminal.command({ kind: 'setPlaylist', items: [{ page: 'trends', dwellSec: 5 }, { page: 'province', dwellSec: 5 }] })
    await terminal.command({ kind: 'setBanner', text: '演练' })
    const started = await terminal.command({ kind: 'playlistStart' })
    expect(started).toMatchObject({ type: 'ack', revision: 3 })
    const before = first.getWallState()
    expect(before).toMatchObject({ page: 'trends', playlist: { running: true, index: 0 } })
    rig.endpoint?.close() // the "kill": nothing is flushed on the way down that was not on disk already

    // Restarted 4.8 s later (by its clock): the first item has 200 ms left.
    const second = fakeHub()
    start({ now: () => Date.now() + 4800 }, second)
    expect(second.broadcasts[0]).toEqual(before)
    const again = connect()
    expect((await again.next('hello')).wallState).toEqual(before)
    const advanced = await again.next('state')
    expect(advanced.wallState).toMatchObject({ page: 'province', revision: 4, banner: '演练', playlist: { index: 1, running: true } })
    expect(second.getWallState().page).toBe('province')
    expect(readAudit(rig.dir).map(e => e.action)).toEqual(['setPlaylist', 'setBanner', 'playlistStart'])
    // A late duplicate of an old command, sent with the revision it was meant for, does no harm.
    expect(await again.command({ kind: 'playlistSkipTo', index: 0 }, 2)).toMatchObject({ type: 'nack', code: 'staleRevision', revision: 4 })
    again.ws.close()
  })

  it('starts from the default state, and keeps a corrupt file aside, when the saved state is unreadable', () => {
    writeFileSync(join(rig.dir, WALL_STATE_FILE), '{"revision":')
    const log = quietLog()
    const hub = fakeHub()
    start({ log }, hub)
    expect(hub.getWallState().revision).toBe(0)
    expect(log.warn).toHaveBeenCalled()
    expect(readdirSync(rig.dir).some(name => name.startsWith(`${WALL_STATE_FILE}.corrupt-`))).toBe(true)
  })
})
