/**
 * One reconnecting WebSocket: the connection machine shared by the wall's feed
 * (`~/datasource/websocket`) and the operator's control channel (`~/terminal/useControlChannel`).
 *
 * It owns what both need and nothing else:
 * - **backoff**: after a failed or dropped connection the next attempt waits
 *   min(maxMs, baseMs · 2^n), shortened by up to `jitter` of itself (`~/logic/backoff`);
 * - **watchdog**: no proof of life for `silenceTimeoutMs` → the connection is dropped and retried.
 *   The owner decides what proves life: it calls `alive()` for a frame it could read, so an
 *   undecodable frame keeps nobody waiting on a dead server;
 * - **stable reset**: `markLive()` once the owner's handshake is done; live for `stableAfterMs`
 *   → the backoff starts again from `baseMs` (0: at once);
 * - **injectable globals**: `WebSocket` and the timers, read at each use so an interceptor or a
 *   fake clock installed later still applies.
 *
 * What the frames mean, and what the user sees of the connection, stays with the owner. Events go
 * out on one `mitt` emitter (`events`); every `on` needs its `off`, and `stop()` keeps the handlers.
 */
import mitt, { type Emitter } from 'mitt'
import { backoffDelay, type BackoffOptions } from '~/logic/backoff'

/** The part of the WebSocket API used here; the browser's WebSocket fits, so does a test fake. */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  send: (data: string) => void
  close: (code?: number, reason?: string) => void
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike

/** Where one attempt connects; computed anew for each attempt (failover, a new token). */
export interface SocketTarget {
  url: string
  /** sub-protocols; left out of the constructor call when undefined */
  protocols?: string[]
}

/** The timer functions used; a test passes a fake clock's. */
export interface SocketTimers {
  setTimeout: (callback: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

/** Why a connection went down. */
export interface SocketDown {
  /** the close code; null when the socket did not close by itself (silence, a failed attempt, `drop()`) */
  code: number | null
  reason: string
}

// A type alias, not an interface: mitt needs the index signature a type literal has.
export type ReconnectingSocketEvents = {
  /** an attempt starts: the target is known, the socket not made yet */
  attempt: SocketTarget
  /** the socket opened */
  open: undefined
  /** a frame arrived; the owner decodes it and calls `alive()` when it proves the server is there */
  message: unknown
  /** the socket reported an error; a close usually follows. The owner may `drop()` at once. */
  error: undefined
  /** the connection went down; another attempt follows after the backoff unless the owner calls `stop()` now */
  down: SocketDown
  /** the next attempt is scheduled in this many ms */
  retry: number
}

export interface ReconnectingSocketOptions {
  /** Where to connect; called at each attempt. A throw counts as a failed attempt. */
  target: () => SocketTarget
  /**
   * WebSocket constructor, read at each attempt.
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketConstructor
  /**
   * Timers.
   * @default globalThis.setTimeout / globalThis.clearTimeout, read at each call
   */
  timers?: SocketTimers
  /**
   * No `alive()` for this long → drop and reconnect. Also bounds an attempt that hangs without
   * opening or failing. `setSilenceTimeout()` changes it until the next attempt.
   */
  silenceTimeoutMs: number
  /**
   * A watchdog check this late means the main thread was held up; frames queued behind it get
   * this long to arrive, `maxStallGraces` times in a row at most. 0: no grace.
   * @default 0
   */
  stallGraceMs?: number
  /** @default 3 */
  maxStallGraces?: number
  /**
   * Reconnect delays.
   * @default { baseMs: 500, maxMs: 8000, jitter: 0.3 }
   */
  reconnect?: Partial<BackoffOptions>
  /**
   * After `markLive()`, live this long → the backoff starts again from `baseMs`; 0 resets at once.
   * @default silenceTimeoutMs
   */
  stableAfterMs?: number
  /**
   * Random source for the jitter.
   * @default Math.random
   */
  random?: () => number
  /**
   * Clock, ms.
   * @default Date.now
   */
  now?: () => number
}

export interface ReconnectingSocket {
  readonly events: Emitter<ReconnectingSocketEvents>
  /** the current socket; null between connections */
  readonly socket: WebSocketLike | null
  /** connected or trying to be: between `connect()` and `stop()` */
  readonly active: boolean
  /** failed connections since the last stable one */
  readonly failures: number
  /** Start (or, when waiting for a retry, try now); a no-op while a socket is up. Resets the backoff. */
  connect: () => void
  /** Close for good, with this code and reason; no `down` event, no retry until `connect()`. */
  stop: (code?: number, reason?: string) => void
  /** Leave the current connection (silent, out of sync, errored) and retry after the backoff. */
  drop: (reason?: string) => void
  /** The server is there: feeds the watchdog. */
  alive: () => void
  /** The handshake is done: start the stable-connection clock. */
  markLive: () => void
  /** Watchdog timeout for the current connection (e.g. from the server's announced heartbeat). */
  setSilenceTimeout: (ms: number) => void
  /** Send on the current socket; false when there is none or it is not open. May throw as WebSocket.send does. */
  send: (data: string) => boolean
}

const OPEN = 1

const globalTimers: SocketTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: handle => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createReconnectingSocket(options: ReconnectingSocketOptions): ReconnectingSocket {
  const {
    timers = globalTimers,
    stallGraceMs = 0,
    maxStallGraces = 3,
    random = Math.random,
    now = Date.now,
  } = options
  const reconnect: BackoffOptions = { baseMs: 500, maxMs: 8000, jitter: 0.3, ...options.reconnect }
  const stableAfterMs = options.stableAfterMs ?? options.silenceTimeoutMs
  const events = mitt<ReconnectingSocketEvents>()

  let socket: WebSocketLike | null = null
  let active = false
  let failures = 0
  let timeoutMs = options.silenceTimeoutMs
  let lastLifeAt = 0
  /** when the pending watchdog check should run, and how many late checks in a row were given a grace */
  let watchdogDueAt = 0
  let stallGraces = 0
  let watchdogTimer: unknown
  let reconnectTimer: unknown
  let stableTimer: unknown

  function clear(handle: unknown): void {
    if (handle !== undefined)
      timers.clearTimeout(handle)
  }

  function clearTimers(): void {
    clear(watchdogTimer)
    clear(reconnectTimer)
    clear(stableTimer)
    watchdogTimer = reconnectTimer = stableTimer = undefined
  }

  function armWatchdog(ms: number): void {
    watchdogDueAt = now() + ms
    watchdogTimer = timers.setTimeout(checkWatchdog, ms)
  }

  // Re-armed lazily: a frame only stamps lastLifeAt, so the hot path sets no timers. A check that
  // runs long after it was due means the main thread was held up (a long software-rendered frame,
  // a busy kiosk): frames that arrived meanwhile may still wait in the queue behind this timer.
  function checkWatchdog(): void {
    watchdogTimer = undefined
    const at = now()
    const idle = at - lastLifeAt
    if (idle >= timeoutMs && stallGraceMs > 0 && at - watchdogDueAt >= stallGraceMs && stallGraces < maxStallGraces) {
      stallGraces++
      armWatchdog(stallGraceMs)
      return
    }
    if (idle >= timeoutMs) {
      drop('no frame from the server')
      return
    }
    stallGraces = 0
    armWatchdog(timeoutMs - idle)
  }

  function detach(ws: WebSocketLike): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null
  }

  function release(code?: number, reason?: string): void {
    const ws = socket
    socket = null
    if (!ws)
      return
    // Detach first: a dead TCP connection may take minutes to report its close.
    detach(ws)
    try {
      if (code === undefined)
        ws.close()
      else
        ws.close(code, reason)
    }
    catch {}
  }

  function open(): void {
    reconnectTimer = undefined
    timeoutMs = options.silenceTimeoutMs
    let ws: WebSocketLike
    try {
      const target = options.target()
      events.emit('attempt', target)
      const Ctor = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined)
      if (!Ctor)
        throw new Error('no WebSocket implementation: pass options.WebSocket')
      ws = target.protocols ? new Ctor(target.url, target.protocols) : new Ctor(target.url)
    }
    catch (error) {
      // A malformed address is a failed attempt like any other: retry with backoff rather than stop.
      down({ code: null, reason: error instanceof Error ? error.message : String(error) })
      return
    }
    socket = ws
    ws.onopen = () => events.emit('open')
    ws.onmessage = event => events.emit('message', event.data)
    ws.onclose = event => lost({ code: event.code, reason: event.reason })
    ws.onerror = () => events.emit('error')
    lastLifeAt = now()
    stallGraces = 0
    armWatchdog(timeoutMs)
  }

  function lost(why: SocketDown): void {
    release()
    down(why)
  }

  function down(why: SocketDown): void {
    clear(watchdogTimer)
    clear(stableTimer)
    watchdogTimer = stableTimer = undefined
    events.emit('down', why)
    // The owner may have stopped (a refusal no retry will change) or started again meanwhile.
    if (!active || socket || reconnectTimer !== undefined)
      return
    const delay = backoffDelay(failures, reconnect, random)
    failures++
    reconnectTimer = timers.setTimeout(open, delay)
    events.emit('retry', delay)
  }

  function drop(reason = ''): void {
    if (!socket)
      return
    lost({ code: null, reason })
  }

  return {
    events,
    get socket() {
      return socket
    },
    get active() {
      return active
    },
    get failures() {
      return failures
    },
    connect() {
      if (active && socket)
        return
      active = true
      clearTimers()
      failures = 0
      open()
    },
    stop(code = 1000, reason = '') {
      active = false
      clearTimers()
      release(code, reason)
    },
    drop,
    alive() {
      lastLifeAt = now()
    },
    markLive() {
      clear(stableTimer)
      stableTimer = undefined
      if (stableAfterMs <= 0) {
        failures = 0
        return
      }
      stableTimer = timers.setTimeout(() => {
        stableTimer = undefined
        failures = 0
      }, stableAfterMs)
    },
    setSilenceTimeout(ms) {
      timeoutMs = ms
    },
    send(data) {
      if (!socket || socket.readyState !== OPEN)
        return false
      socket.send(data)
      return true
    },
  }
}
