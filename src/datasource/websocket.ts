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
import { clientFrame, decodeServerFrame, PROTOCOL_VERSION, SUBPROTOCOL, viewProtocols, type ClientMessage, type ServerMessage } from '~/protocol'
import { backoffDelay, type BackoffOptions } from '~/logic/backoff'
import type { ConnectionStatus, DataSource, DataSourceHandlers } from './types'

/** The part of the WebSocket API this source uses; the browser's WebSocket fits, so does a test fake. */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  send: (data: string) => void
  close: (code?: number, reason?: string) => void
}
export type WebSocketConstructor = new (url: string, protocols?: string[]) => WebSocketLike

/** The browser globals the viewer token is read from and kept in; a test passes its own. */
export interface ViewTokenWindow {
  location: Pick<Location, 'href'>
  history: Pick<History, 'replaceState' | 'state'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>
}

const VIEW_TOKEN_KEY = 'command-wall.view-token'

/**
 * The wall's viewer token (WALL_VIEW_TOKEN on the server): from `?view=` once, kept in this tab's
 * sessionStorage and removed from the address bar so it is neither bookmarked nor shown on the wall;
 * a reload takes it from storage. Null when there is none.
 */
export function takeViewToken(win: ViewTokenWindow | undefined, storageKey = VIEW_TOKEN_KEY): string | null {
  if (!win)
    return null
  const url = new URL(win.location.href)
  const fromQuery = url.searchParams.get('view')
  if (fromQuery !== null) {
    url.searchParams.delete('view')
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`)
    if (fromQuery !== '') {
      try {
        win.sessionStorage.setItem(storageKey, fromQuery)
      }
      catch {}
      return fromQuery
    }
  }
  try {
    return win.sessionStorage.getItem(storageKey) || null
  }
  catch {
    return null
  }
}

// A sub-protocol is an HTTP token; a token with other characters travels as `?view=` instead.
const SUBPROTOCOL_SAFE = /^[!#$%&'*+\-.^\w`|~]+$/

/** Where and how to open the feed with a viewer token: sub-protocol `view.<token>`, else `?view=`. */
export function feedTarget(url: string, viewToken: string | null | undefined): { url: string, protocols?: string[] } {
  if (!viewToken)
    return { url }
  if (SUBPROTOCOL_SAFE.test(viewToken))
    return { url, protocols: viewProtocols(viewToken) }
  const withToken = new URL(url)
  withToken.searchParams.set('view', viewToken)
  return { url: withToken.href, protocols: [SUBPROTOCOL] }
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
}

const OPEN = 1
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
    random = Math.random,
    now = Date.now,
  } = options
  const reconnect: BackoffOptions = { baseMs: 500, maxMs: 8000, jitter: 0.3, ...options.reconnect }
  const offlineAfterMs = options.offlineAfterMs ?? 2 * heartbeatTimeoutMs
  const stableAfterMs = options.stableAfterMs ?? heartbeatTimeoutMs

  const listeners: { [K in keyof DataSourceHandlers]: Set<DataSourceHandlers[K]> } = {
    message: new Set(),
    rejected: new Set(),
    status: new Set(),
  }

  const urls: readonly string[] = typeof options.url === 'string' ? [options.url] : options.url?.length ? options.url : ['/feed']
  /** the address of the current (or next) connection attempt */
  let urlIndex = 0

  let status: ConnectionStatus = 'connecting'
  let active = false
  let socket: WebSocketLike | null = null
  /** failed connections since the last stable one; drives the backoff */
  let failures = 0
  /** when the feed went down; null while live */
  let downSince: number | null = null
  let timeoutMs = heartbeatTimeoutMs
  let lastFrameAt = 0
  /** when the pending watchdog check should run, and how many late checks in a row were given a grace */
  let watchdogDueAt = 0
  let stallGraces = 0

  // Sequence state of the current connection.
  /** seq the next frame must carry; null before the first frame */
  let expectedSeq: number | null = null
  /** false until a snapshot arrives, and again after a gap until the next one: patches are dropped meanwhile */
  let inSync = false
  let resyncSent = false

  let watchdogTimer: ReturnType<typeof setTimeout> | undefined
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let offlineTimer: ReturnType<typeof setTimeout> | undefined
  let stableTimer: ReturnType<typeof setTimeout> | undefined
  let resyncTimer: ReturnType<typeof setTimeout> | undefined

  function clearTimers(): void {
    clearTimeout(watchdogTimer)
    clearTimeout(reconnectTimer)
    clearTimeout(offlineTimer)
    clearTimeout(stableTimer)
    clearTimeout(resyncTimer)
    watchdogTimer = reconnectTimer = offlineTimer = stableTimer = resyncTimer = undefined
  }

  function setStatus(next: ConnectionStatus): void {
    if (next === status)
      return
    status = next
    for (const handler of listeners.status)
      handler(next)
  }

  function emitMessage(message: ServerMessage): void {
    for (const handler of listeners.message)
      handler(message)
  }

  function armWatchdog(ms: number): void {
    watchdogDueAt = now() + ms
    watchdogTimer = setTimeout(checkWatchdog, ms)
  }

  // The watchdog is re-armed lazily: a frame only stamps lastFrameAt, so the hot path sets no timers.
  // A watchdog that fires long after it was due means the page's main thread was held up (a long
  // software-rendered frame, a busy kiosk): the frames that arrived meanwhile may still wait in the
  // queue behind this timer. They get a short grace, a few times in a row at most, before the
  // connection is called silent.
  function checkWatchdog(): void {
    const at = now()
    const idle = at - lastFrameAt
    const late = at - watchdogDueAt
    if (idle >= timeoutMs && late >= STALL_GRACE_MS && stallGraces < MAX_STALL_GRACES) {
      stallGraces++
      armWatchdog(STALL_GRACE_MS)
      return
    }
    if (idle >= timeoutMs) {
      drop()
      return
    }
    stallGraces = 0
    armWatchdog(timeoutMs - idle)
  }

  function detach(ws: WebSocketLike): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null
  }

  function open(): void {
    reconnectTimer = undefined
    expectedSeq = null
    inSync = false
    resyncSent = false
    timeoutMs = heartbeatTimeoutMs
    const Ctor = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined)
    if (!Ctor)
      throw new Error('no WebSocket implementation: pass options.WebSocket')
    let ws: WebSocketLike
    try {
      const target = feedTarget(resolveFeedUrl(urls[urlIndex]!, options.location ?? globalThis.location), options.viewToken)
      ws = target.protocols ? new Ctor(target.url, target.protocols) : new Ctor(target.url)
    }
    catch {
      // A malformed URL is a failed attempt like any other: retry with backoff rather than stop the wall.
      failed()
      return
    }
    socket = ws
    ws.onmessage = event => onFrame(event.data)
    ws.onclose = () => drop()
    ws.onerror = () => drop()
    // The watchdog also bounds a connection attempt that hangs without opening or failing.
    lastFrameAt = now()
    stallGraces = 0
    armWatchdog(timeoutMs)
  }

  /** Leave the current connection (closed, errored, silent or out of sync) and schedule the next attempt. */
  function drop(): void {
    if (!socket)
      return
    const ws = socket
    socket = null
    // Detach first: a dead TCP connection may take minutes to report its close.
    detach(ws)
    try {
      ws.close()
    }
    catch {}
    clearTimeout(watchdogTimer)
    clearTimeout(stableTimer)
    clearTimeout(resyncTimer)
    failed()
  }

  function failed(): void {
    failures++
    // Its hub is gone or unreachable: the next attempt goes to the next hub.
    urlIndex = (urlIndex + 1) % urls.length
    if (downSince === null) {
      downSince = now()
      offlineTimer = setTimeout(() => setStatus('offline'), offlineAfterMs)
    }
    if (status !== 'offline')
      setStatus('reconnecting')
    reconnectTimer = setTimeout(open, backoffDelay(failures - 1, reconnect, random))
  }

  function goLive(): void {
    downSince = null
    clearTimeout(offlineTimer)
    stableTimer = setTimeout(() => {
      failures = 0
    }, stableAfterMs)
    setStatus('live')
  }

  function requestResync(): void {
    resyncSent = true
    send({ v: PROTOCOL_VERSION, type: 'resync' })
    // Should the answer never come, a new connection always starts with a snapshot.
    resyncTimer = setTimeout(drop, timeoutMs)
  }

  function onFrame(raw: unknown): void {
    lastFrameAt = now()
    const { message, rejections } = decodeServerFrame(raw, lastFrameAt)
    for (const rejection of rejections) {
      for (const handler of listeners.rejected)
        handler(rejection)
    }
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
      clearTimeout(resyncTimer)
      timeoutMs = Math.max(heartbeatTimeoutMs, 2 * message.source.heartbeatMs)
      emitMessage(message)
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
    emitMessage(message)
  }

  function send(message: ClientMessage): boolean {
    if (!socket || socket.readyState !== OPEN)
      return false
    try {
      socket.send(clientFrame(message))
      return true
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
      failures = 0
      downSince = now()
      offlineTimer = setTimeout(() => setStatus('offline'), offlineAfterMs)
      setStatus('connecting')
      open()
    },
    close() {
      active = false
      clearTimers()
      if (socket) {
        const ws = socket
        socket = null
        detach(ws)
        try {
          ws.close(1000, 'closed by the wall')
        }
        catch {}
      }
      setStatus('offline')
    },
    send,
    on(event, handler) {
      const set = listeners[event] as Set<typeof handler>
      set.add(handler)
      return () => set.delete(handler)
    },
  }
}
