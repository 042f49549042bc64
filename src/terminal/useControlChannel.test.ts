// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, type EffectScope } from 'vue'
import { createDefaultWallState } from '~/control/state'
import {
  CLOSE_CODES,
  CONTROL_SUBPROTOCOL,
  controlAckFrame,
  controlHelloFrame,
  controlNackFrame,
  controlStateFrame,
  controlWallsFrame,
  type ControlPage,
  type WallClient,
  type WallState,
} from '~/protocol'
import { useMswSocket } from '~/test/msw-socket'
import { ControlCommandError, takeToken, useControlChannel, type ControlChannel, type ControlChannelOptions, type ControlWindow } from './useControlChannel'

/** The server's end of the control channel. */
const server = useMswSocket('ws://wall.test/control-feed')

const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)
const PAGES: ControlPage[] = [
  { id: 'overview', title: { zh: '全国总览', en: 'National Overview' } },
  { id: 'province', title: { zh: '省份聚焦', en: 'Province Focus' } },
]
const WALL: WallClient = { id: 'w1', address: '10.0.0.5', connectedAt: T0 - 60_000, lastSeenAt: T0 - 1000, status: null }

function state(revision: number, overrides: Partial<WallState> = {}): WallState {
  return { ...createDefaultWallState(T0), revision, ...overrides }
}

/** A window at the given address, with a working sessionStorage and a recorded history. */
function fakeWindow(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored))
  const replaced: string[] = []
  const win: ControlWindow & { replaced: string[], storage: Map<string, string> } = {
    location: {
      get href() {
        return href
      },
    },
    history: {
      state: { back: null, current: '/control' },
      replaceState(_data: unknown, _unused: string, url?: string | URL | null) {
        href = new URL(String(url), href).href
        replaced.push(String(url))
      },
    },
    sessionStorage: {
      getItem: key => storage.get(key) ?? null,
      setItem: (key, value) => {
        storage.set(key, value)
      },
      removeItem: (key) => {
        storage.delete(key)
      },
    },
    replaced,
    storage,
  }
  return win
}

let scope: EffectScope
let now: number

/** The channel, its socket not yet open (`await server.settle()` opens it). */
function start(options: ControlChannelOptions = {}): ControlChannel {
  scope = effectScope()
  const channel = scope.run(() => useControlChannel({
    window: fakeWindow('http://wall.test/control?token=secret-token-123'),
    random: () => 0,
    now: () => now,
    ...options,
  }))
  if (!channel)
    throw new Error('no channel')
  return channel
}

/** Let the newest socket open, and greet it as the server does. */
async function hello(wallState: WallState = state(3), serverTime = now): Promise<void> {
  await server.settle()
  await server.send(controlHelloFrame(serverTime, wallState, [WALL], PAGES))
}

/** Time passes for the channel's clock and its timers alike. */
function elapse(ms: number): void {
  now += ms
  vi.advanceTimersByTime(ms)
}

/**
 * The last second of a 10 s silence: the watchdog closes the first connection, and the 500 ms
 * backoff later a second one opens.
 */
async function expectSilenceDropsAndReconnects(): Promise<void> {
  elapse(1_000)
  await server.settle()
  expect(server.connections[0]?.closed).not.toBeNull()
  vi.advanceTimersByTime(500)
  await server.settle()
  expect(server.connections).toHaveLength(2)
}

/** However long `ms` is, the channel opens no other connection. */
async function expectNoRetry(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms)
  await server.settle()
  expect(server.connections).toHaveLength(1)
}

/** The frames the channel sent, newest last. */
function sent(): { id: string, [key: string]: unknown }[] {
  return server.received as { id: string }[]
}

beforeEach(() => {
  vi.useFakeTimers()
  now = T0
})

afterEach(() => {
  scope?.stop()
  vi.useRealTimers()
})

describe('takeToken', () => {
  it('takes ?token= once, keeps it for the tab and removes it from the address bar', () => {
    const win = fakeWindow('http://wall.test/control?lang=en&token=abc-DEF_123#top')
    expect(takeToken(win, 'key')).toBe('abc-DEF_123')
    expect(win.storage.get('key')).toBe('abc-DEF_123')
    expect(win.replaced).toEqual(['/control?lang=en#top'])
    expect(win.location.href).toBe('http://wall.test/control?lang=en#top')
    // After the reload the address has no token; the tab's storage still has it.
    expect(takeToken(win, 'key')).toBe('abc-DEF_123')
    expect(win.replaced).toHaveLength(1)
  })

  it('finds none when neither the address nor the storage has one', () => {
    expect(takeToken(fakeWindow('http://wall.test/control'), 'key')).toBeNull()
    expect(takeToken(undefined)).toBeNull()
  })
})

describe('useControlChannel', () => {
  it('offers the token as a sub-protocol on /control-feed, never in the URL', async () => {
    start()
    await server.settle()
    expect(server.connections[0]).toMatchObject({ url: 'ws://wall.test/control-feed', protocols: [CONTROL_SUBPROTOCOL, 'token.secret-token-123'] })
  })

  it('falls back to ?token= for a token a sub-protocol cannot carry', async () => {
    start({ window: fakeWindow('http://wall.test/control', { 'command-wall.control-token': 'with space/slash' }) })
    await server.settle()
    const [connection] = server.connections
    expect(connection?.protocols).toEqual([CONTROL_SUBPROTOCOL])
    expect(new URL(connection!.url).searchParams.get('token')).toBe('with space/slash')
  })

  it('takes hello, state and walls frames into its refs', async () => {
    const channel = start()
    expect(channel.connection.value).toBe('connecting')
    await hello(state(3, { page: 'overview' }), now + 1500)
    expect(channel.connection.value).toBe('open')
    expect(channel.wallState.value?.revision).toBe(3)
    expect(channel.pages.value.map(p => p.id)).toEqual(['overview', 'province'])
    expect(channel.walls.value).toHaveLength(1)
    expect(channel.serverTimeOffset.value).toBe(1500)
    expect(channel.serverNow()).toBe(now + 1500)

    await server.send(controlStateFrame(now + 1500, state(4, { page: 'province', focusUnitId: '440000' })))
    expect(channel.wallState.value).toMatchObject({ revision: 4, page: 'province', focusUnitId: '440000' })
    // A late frame with an older revision does not undo the newer one.
    await server.send(controlStateFrame(now + 1500, state(3)))
    expect(channel.wallState.value?.revision).toBe(4)

    await server.send(controlWallsFrame(now + 1500, []))
    expect(channel.walls.value).toEqual([])
  })

  it('resolves send() on the ack with the same id, sending the revision it saw', async () => {
    const channel = start()
    await hello(state(7))
    const acked = channel.send({ kind: 'showPage', page: 'province' })
    expect(channel.pending.value).toBe(1)
    await server.settle()
    const frame = sent()[0]!
    expect(frame).toMatchObject({ v: 1, type: 'command', expectRevision: 7, command: { kind: 'showPage', page: 'province' } })
    // An ack for someone else's command is not ours.
    await server.send(controlAckFrame('other-id', 8))
    expect(channel.pending.value).toBe(1)
    await server.send(controlAckFrame(frame.id, 8))
    await expect(acked).resolves.toEqual({ id: frame.id, revision: 8 })
    expect(channel.pending.value).toBe(0)
    expect(channel.lastError.value).toBeNull()
  })

  it('leaves the revision out when asked to', async () => {
    const channel = start()
    await hello()
    void channel.send({ kind: 'setBanner', text: null }, { expectRevision: false }).catch(() => {})
    await server.settle()
    expect(sent()[0]).toMatchObject({ type: 'command', command: { kind: 'setBanner' } })
    expect(sent()[0]).not.toHaveProperty('expectRevision')
  })

  it('rejects send() on a nack and keeps the code in lastError', async () => {
    const channel = start()
    await hello(state(2))
    // the refusal is caught as it comes, not after the frame that brings it
    const refused = channel.send({ kind: 'showPage', page: 'no-such-page' }).catch((e: unknown) => e)
    await server.settle()
    await server.send(controlNackFrame(sent()[0]!.id, 'unknownPage', 'page "no-such-page" is not registered', 2))
    const error = await refused
    expect(error).toBeInstanceOf(ControlCommandError)
    expect(error).toMatchObject({ code: 'unknownPage', command: 'showPage' })
    expect(channel.lastError.value).toMatchObject({ code: 'unknownPage', detail: 'page "no-such-page" is not registered', command: 'showPage' })
    channel.clearError()
    expect(channel.lastError.value).toBeNull()
  })

  it('reports a staleRevision nack as such', async () => {
    const channel = start()
    await hello(state(5))
    const refused = expect(channel.send({ kind: 'setBlackout', on: true })).rejects.toMatchObject({ code: 'staleRevision' })
    await server.settle()
    await server.send(controlStateFrame(now, state(6)))
    await server.send(controlNackFrame(sent()[0]!.id, 'staleRevision', 'the wall state is at revision 6, not 5', 6))
    await refused
    expect(channel.wallState.value?.revision).toBe(6)
  })

  it('refuses to send while not connected, and times out an unanswered command', async () => {
    const channel = start({ commandTimeoutMs: 3000 })
    await expect(channel.send({ kind: 'playlistStart' })).rejects.toMatchObject({ code: 'notConnected' })
    await hello()
    const unanswered = channel.send({ kind: 'playlistStart' })
    vi.advanceTimersByTime(3000)
    await expect(unanswered).rejects.toMatchObject({ code: 'timeout', command: 'playlistStart' })
    expect(channel.pending.value).toBe(0)
  })

  it('rejects pending commands when the connection drops, and reconnects with backoff', async () => {
    const channel = start({ reconnect: { baseMs: 500, maxMs: 8000, jitter: 0 } })
    await hello()
    const pending = expect(channel.send({ kind: 'playlistPause' })).rejects.toMatchObject({ code: 'disconnected' })
    await server.close(1006)
    await pending
    expect(channel.connection.value).toBe('closed')
    expect(server.connections).toHaveLength(1)
    vi.advanceTimersByTime(499)
    await server.settle()
    expect(server.connections).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await server.settle()
    expect(server.connections).toHaveLength(2)
    expect(channel.connection.value).toBe('connecting')
    // Fails again: the next delay doubles.
    await server.close(1006)
    vi.advanceTimersByTime(999)
    await server.settle()
    expect(server.connections).toHaveLength(2)
    vi.advanceTimersByTime(1)
    await server.settle()
    expect(server.connections).toHaveLength(3)
    await hello()
    expect(channel.connection.value).toBe('open')
  })

  it('stops on 4401 without a retry loop, and forgets the refused token', async () => {
    const win = fakeWindow('http://wall.test/control?token=stale-token')
    const channel = start({ window: win })
    expect(win.storage.get('command-wall.control-token')).toBe('stale-token')
    await server.settle()
    await server.close(CLOSE_CODES.unauthorized, 'token wrong')
    expect(channel.connection.value).toBe('unauthorized')
    expect(channel.closeReason.value).toBe('token wrong')
    expect(win.storage.has('command-wall.control-token')).toBe(false)
    await expectNoRetry(120_000)
  })

  it('asks without a token when it has none, and takes the 4401 that follows', async () => {
    server.refuse({ code: CLOSE_CODES.unauthorized, reason: 'token missing' })
    const channel = start({ window: fakeWindow('http://wall.test/control') })
    expect(channel.hasToken.value).toBe(false)
    await server.settle()
    expect(server.connections[0]?.protocols).toEqual([CONTROL_SUBPROTOCOL])
    expect(channel.connection.value).toBe('unauthorized')
    await expectNoRetry(60_000)
  })

  it('connects again with a token the operator pastes', async () => {
    server.refuse({ code: CLOSE_CODES.unauthorized, reason: 'token missing' })
    const win = fakeWindow('http://wall.test/control')
    const channel = start({ window: win })
    await server.settle()
    expect(channel.connection.value).toBe('unauthorized')
    server.refuse(null)
    channel.setToken('  pasted-token  ')
    await server.settle()
    expect(server.connections).toHaveLength(2)
    expect(server.connections[1]?.protocols).toEqual([CONTROL_SUBPROTOCOL, 'token.pasted-token'])
    expect(win.storage.get('command-wall.control-token')).toBe('pasted-token')
    await hello()
    expect(channel.connection.value).toBe('open')
  })

  it('stops on 4403: the origin is the server\'s decision', async () => {
    server.refuse({ code: CLOSE_CODES.forbiddenOrigin, reason: 'origin not allowed' })
    const channel = start()
    await server.settle()
    expect(channel.connection.value).toBe('forbidden')
    await expectNoRetry(60_000)
  })

  it('drops a connection that has gone silent and opens another', async () => {
    start({ silenceTimeoutMs: 10_000, reconnect: { baseMs: 500, jitter: 0 } })
    await hello()
    elapse(9_000)
    await server.send(controlWallsFrame(now, [WALL]))
    elapse(9_000)
    await server.settle()
    expect(server.connections[0]?.closed).toBeNull()
    await expectSilenceDropsAndReconnects()
  })

  it('skips frames it cannot read', async () => {
    const channel = start()
    await hello(state(1))
    await server.send('{"v":1,"type":"state","wallState":"nonsense"}')
    await server.send('not json')
    expect(channel.wallState.value?.revision).toBe(1)
    expect(channel.connection.value).toBe('open')
  })

  it('does not take frames it cannot read as a sign of life: it reconnects', async () => {
    const channel = start({ silenceTimeoutMs: 10_000, reconnect: { baseMs: 500, jitter: 0 } })
    await server.settle()
    // A hello grown past the frame limit, then more of the same: nothing the terminal can use.
    for (let i = 0; i < 9; i++) {
      elapse(1_000)
      await server.send(`{"v":1,"type":"walls","pad":"${'x'.repeat(17 * 1024)}"}`)
    }
    expect(channel.connection.value).toBe('connecting')
    await expectSilenceDropsAndReconnects()
  })

  it('keeps the count of all walls and asks the server for another page', async () => {
    const channel = start()
    await hello()
    await server.send(controlWallsFrame(now, { walls: [WALL], wallCount: 1000, wallsOffset: 0 }))
    expect(channel.wallCount.value).toBe(1000)
    channel.showWalls(40)
    expect(channel.wallsOffset.value).toBe(40)
    await server.settle()
    expect(server.received.at(-1)).toEqual({ v: 1, type: 'walls', offset: 40 })
    await server.send(controlWallsFrame(now, { walls: [WALL], wallCount: 999, wallsOffset: 40 }))
    expect(channel.wallCount.value).toBe(999)
    expect(channel.wallsOffset.value).toBe(40)
  })

  it('offers command-wall and the token as sub-protocols', async () => {
    start()
    await server.settle()
    expect(server.connections[0]?.protocols).toEqual(['command-wall', 'token.secret-token-123'])
  })

  it('closes its socket when its scope ends', async () => {
    start()
    await hello()
    scope.stop()
    await server.settle()
    expect(server.connections[0]?.closed?.code).toBe(1000)
    await expectNoRetry(60_000)
  })
})
