/**
 * The feed over a WebSocket: validates every frame, keeps the sequence, reconnects with backoff.
 *
 * Failover: given several feed addresses (the hubs of one deployment), it connects to the first
 * and moves to the next whenever a connection fails or drops; every connection starts with a
 * snapshot, so the new hub's state and sequence replace the old one's.
 *
 * Status:
 * - `connecting`   from connect() until the first snapshot;
 * - `live`         a snapshot has arrived on the current connection;
 * - `reconnecting` the connection dropped (closed, errored, or silent for the heartbeat timeout);
 * - `offline`      the feed has been down longer than `offlineAfterMs` (default 2 × heartbeat
 *                  timeout = 12 s), counted from the drop, or from connect() when it never came up.
 *                  A short blip shows 'reconnecting'; a dead feed shows 'offline'. Retrying goes on
 *                  forever, with the delay capped at `reconnect.maxMs`, and the next snapshot makes it live.
 */
import { clientFrame, decodeServerFrame, PROTOCOL_VERSION, viewProtocols, type ClientMessage } from '~/protocol'
import mitt from 'mitt'
import type { BackoffOptions } from '~/logic/backoff'
import { createReconnectingSocket, type SocketTimers, type WebSocketConstructor as SocketConstructor, type WebSocketLike } from '~/net/reconnectingSocket'
import { takeQueryToken, tokenTarget, type TokenWindow } from '~/net/token'
import type { ConnectionStatus, DataSource, DataSourceEvents } from './types'

export type { WebSocketLike } from '~/net/reconnectingSocket'
export type WebSocketConstructor = new (url: string, protocols?: string[]) => WebSocketLike

/** The browser globals the viewer token is read from and kept in; a test passes its own. */
export type ViewTokenWindow = TokenWindow

const VIEW_TOKEN_KEY = 'command-wall.view-token'

/** The wall's viewer token (WALL_VIEW_TOKEN on the server) from `?view=` once, then from this tab's storage. */
export function takeViewToken(win: ViewTokenWindow | undefined, storageKey = VIEW_TOKEN_KEY): string | null {
  return takeQueryToken(win, 'view', storageKey)
}

/** Where and how to open the feed with a viewer token: sub-protocol `view.<token>`, else `?view=`. */
export function feedTarget(url: string, viewToken: string | null | undefined): { url: string, protocols?: string[] } {
  return tokenTarget(url, viewToken, { protocols: viewProtocols, param: 'view' })
}

/** Options; every one has a default that suits a wall in the browser. */
export interface WebSocketSourceOptions {
  /**
   * Feed URL: a path resolved against the page (ws: for http:, wss: for https:) or an absolute
   * ws(s):// URL; or several, tried in turn (failover between hubs).
   * @default '/feed'
   */
  url?: string | readonly string[]
  /**
   * The viewer token the server asks for when WALL_VIEW_TOKEN is set (see takeViewToken).
   * @default null
   */
  viewToken?: string | null
  /**
   * Page location used to resolve a relative `url`.
   * @default globalThis.location
   */
  location?: Pick<Location, 'href'>
  /**
   * WebSocket constructor, read at each connection attempt so an interceptor installed later still applies.
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketConstructor
  /**
   * No frame for this long → close the socket and reconnect. Raised to 2 × the server's announced
   * heartbeat interval when that is longer, so a slow-heartbeat server is not dropped in a loop.
   * @default 6000
   */
  heartbeatTimeoutMs?: number
  /**
   * Reconnect delays: min(maxMs, baseMs · 2^n), shortened by up to `jitter` of itself.
   * @default { baseMs: 500, maxMs: 8000, jitter: 0.3 }
   */
  reconnect?: Partial<BackoffOptions>
  /**
   * Down this long → status 'offline'.
   * @default 2 × heartbeatTimeoutMs
   */
  offlineAfterMs?: number
  /**
   * Live this long → the backoff starts again from baseMs. A server that accepts and then
   * drops at once therefore does not get hammered at the base delay.
   * @default heartbeatTimeoutMs
   */
  stableAfterMs?: number
  /**
   * Random source for the jitter.
   * @default Math.random
   */
  random?: () => number
  /**
   * Wall clock, ms.
   * @default Date.now
   */
  now?: () => number
  /**
   * Timers.
   * @default globalThis.setTimeout / globalThis.clearTimeout
   */
  timers?: SocketTimers
}

/** A watchdog check this late means the main thread was held up; queued frames get this long to arrive. */
const STALL_GRACE_MS = 1000
/** Late checks in a row given a grace; then the connection is dropped even on a page that keeps stalling. */
const MAX_STALL_GRACES = 3

/** Resolve '/feed' against the page: http → ws, https → wss. Absolute ws(s):// URLs pass unchanged. */
export function resolveFeedUrl(url: string, location: Pick<Location, 'href'> | undefined): string {
  if (/^wss?:\/\//i.test(url))
    return url
  if (!location)
    throw new Error(`feed URL "${url}" is relative and there is no page location to resolve it against`)
  const resolved = new URL(url, location.href)
  const scheme = resolved.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${resolved.host}${resolved.pathname}${resolved.search}`
}

export function createWebSocketSource(options: WebSocketSourceOptions = {}): DataSource {
  const {
    heartbeatTimeoutMs = 6000,
    now = Date.now,
  } = options
  const offlineAfterMs = options.offlineAfterMs ?? 2 * heartbeatTimeoutMs
  const timers = options.timers ?? {
    setTimeout: (callback: () => void, ms: number) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  }

  const events = mitt<DataSourceEvents>()

  const urls: readonly string[] = typeof options.url === 'string' ? [options.url] : options.url?.length ? options.url : ['/feed']
  /** the address of the current (or next) connection attempt */
  let urlIndex = 0

  let status: ConnectionStatus = 'connecting'
  let active = false
  /** when the feed went down; null while live */
  let downSince: number | null = null
  let timeoutMs = heartbeatTimeoutMs

  // Sequence state of the current connection.
  /** seq the next frame must carry; null before the first frame */
  let expectedSeq: number | null = null
  /** false until a snapshot arrives, and again after a gap until the next one: patches are dropped meanwhile */
  let inSync = false
  let resyncSent = false

  let offlineTimer: unknown
  let resyncTimer: unknown

  function clear(handle: unknown): void {
    if (handle !== undefined)
      timers.clearTimeout(handle)
  }

  const link = createReconnectingSocket({
    target: () => feedTarget(resolveFeedUrl(urls[urlIndex]!, options.location ?? globalThis.location), options.viewToken),
    // The source passes sub-protocols as an array only, so a constructor typed for arrays fits.
    WebSocket: options.WebSocket as SocketConstructor | undefined,
    timers,
    silenceTimeoutMs: heartbeatTimeoutMs,
    stallGraceMs: STALL_GRACE_MS,
    maxStallGraces: MAX_STALL_GRACES,
    reconnect: { baseMs: 500, maxMs: 8000, jitter: 0.3, ...options.reconnect },
    stableAfterMs: options.stableAfterMs ?? heartbeatTimeoutMs,
    random: options.random,
    now,
  })

  link.events.on('attempt', () => {
    expectedSeq = null
    inSync = false
    resyncSent = false
    timeoutMs = heartbeatTimeoutMs
  })
  // A socket error is a lost connection: the close that follows may take a long time to come.
  link.events.on('error', () => link.drop())
  link.events.on('message', onFrame)
  link.events.on('down', () => {
    clear(resyncTimer)
    resyncTimer = undefined
    // Its hub is gone or unreachable: the next attempt goes to the next hub.
    urlIndex = (urlIndex + 1) % urls.length
    if (downSince === null) {
      downSince = now()
      offlineTimer = timers.setTimeout(() => setStatus('offline'), offlineAfterMs)
    }
    if (status !== 'offline')
      setStatus('reconnecting')
  })

  function setStatus(next: ConnectionStatus): void {
    if (next === status)
      return
    status = next
    events.emit('status', next)
  }

  function goLive(): void {
    downSince = null
    clear(offlineTimer)
    offlineTimer = undefined
    link.markLive()
    setStatus('live')
  }

  function requestResync(): void {
    resyncSent = true
    send({ v: PROTOCOL_VERSION, type: 'resync' })
    // Should the answer never come, a new connection always starts with a snapshot.
    resyncTimer = timers.setTimeout(() => link.drop('no answer to resync'), timeoutMs)
  }

  function onFrame(raw: unknown): void {
    // Any frame, even one that fails validation, shows the hub is there and sending.
    link.alive()
    const { message, rejections } = decodeServerFrame(raw, now())
    for (const rejection of rejections)
      events.emit('rejected', rejection)
    if (!message) {
      // The frame arrived, it was just bad: it used up one seq, so the next one is no gap.
      if (expectedSeq !== null)
        expectedSeq++
      return
    }
    if (message.type === 'snapshot') {
      expectedSeq = message.seq + 1
      inSync = true
      resyncSent = false
      clear(resyncTimer)
      resyncTimer = undefined
      timeoutMs = Math.max(heartbeatTimeoutMs, 2 * message.source.heartbeatMs)
      link.setSilenceTimeout(timeoutMs)
      events.emit('message', message)
      if (status !== 'live')
        goLive()
      return
    }
    const inOrder = message.seq === expectedSeq
    expectedSeq = message.seq + 1
    if (!inOrder) {
      inSync = false
      if (!resyncSent)
        requestResync()
    }
    // Out of sync, a patch would show a half-applied state; heartbeats and errors are harmless.
    if (!inSync && message.type === 'patch')
      return
    events.emit('message', message)
  }

  function send(message: ClientMessage): boolean {
    try {
      return link.send(clientFrame(message))
    }
    catch {
      return false
    }
  }

  return {
    kind: 'websocket',
    get status() {
      return status
    },
    connect() {
      if (active)
        return
      active = true
      downSince = now()
      offlineTimer = timers.setTimeout(() => setStatus('offline'), offlineAfterMs)
      setStatus('connecting')
      link.connect()
    },
    close() {
      active = false
      clear(offlineTimer)
      clear(resyncTimer)
      offlineTimer = resyncTimer = undefined
      link.stop(1000, 'closed by the wall')
      setStatus('offline')
    },
    send,
    on(event, handler) {
      const listener = handler as (payload: DataSourceEvents[typeof event]) => void
      events.on(event, listener)
      return () => events.off(event, listener)
    },
  }
}
