/**
 * The operator's side of the control channel (`/control-feed`): the token, the socket, the wall state
 * the server owns, and commands that resolve on the server's ack.
 *
 * The terminal never changes the wall state itself: it sends a command and waits for the server's
 * `state` frame, so every terminal shows what the walls show, never what it hoped they would.
 *
 * Connection:
 * - `connecting`   a socket is being opened, or is open and the server's `hello` has not come yet;
 * - `open`         `hello` received: wall state, walls and pages are current;
 * - `closed`       the connection dropped; another attempt follows after a backoff delay;
 * - `unauthorized` closed with 4401 (token missing or wrong): no retry, a new token is needed;
 * - `forbidden`    closed with 4403 (origin not allowed): no retry, the server's configuration decides.
 */
import { shallowRef, ref, computed, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { tryOnScopeDispose } from '@vueuse/core'
import type { BackoffOptions } from '~/logic/backoff'
import { resolveFeedUrl } from '~/datasource/websocket'
import { takeQueryToken, tokenTarget } from '~/net/token'
import { createReconnectingSocket, type SocketTarget, type SocketTimers, type WebSocketConstructor } from '~/net/reconnectingSocket'
import {
  CLOSE_CODES,
  CONTROL_PATH,
  CONTROL_SUBPROTOCOL,
  controlCommandFrame,
  controlProtocols,
  controlWallsRequestFrame,
  decodeControlServerFrame,
  type ControlCommandInput,
  type ControlCommandKind,
  type ControlErrorCode,
  type ControlPage,
  type ControlServerMessage,
  type TourSummary,
  type WallClient,
  type WallState,
} from '~/protocol'

/** Where the channel stands; see the list at the top of this file. */
export type ControlConnection = 'connecting' | 'open' | 'unauthorized' | 'forbidden' | 'closed'

/** Refusals the terminal finds on its own side, before or instead of a server's nack. */
export const LOCAL_ERROR_CODES = ['notConnected', 'timeout', 'disconnected'] as const
export type LocalErrorCode = typeof LOCAL_ERROR_CODES[number]

/** Why a command failed: a server code (nack) or a local one. The view shows `terminal.error.<code>`. */
export interface ControlError {
  code: ControlErrorCode | LocalErrorCode
  /** English detail from the server (or from the terminal), for a tooltip and the log */
  detail: string
  /** the command refused; null when the server could not read one */
  command: ControlCommandKind | null
  /** local epoch ms when it happened */
  at: number
}

/** The rejection of `send()`; carries the same fields as `lastError`. */
export class ControlCommandError extends Error implements ControlError {
  readonly code: ControlError['code']
  readonly detail: string
  readonly command: ControlCommandKind | null
  readonly at: number
  constructor(error: ControlError) {
    super(`${error.code}: ${error.detail}`)
    this.name = 'ControlCommandError'
    this.code = error.code
    this.detail = error.detail
    this.command = error.command
    this.at = error.at
  }
}

/** What an accepted command resolves to. */
export interface ControlAck {
  id: string
  /** the wall-state revision after the command */
  revision: number
}

/** The part of the WebSocket API the channel uses, with the sub-protocol argument. */
export type ControlWebSocketConstructor = WebSocketConstructor

/** The browser globals the channel reads; a test passes its own. */
export interface ControlWindow {
  location: Pick<Location, 'href'>
  history: Pick<History, 'replaceState' | 'state'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
}

/** Options; every one has a default that suits the terminal in a browser. */
export interface ControlChannelOptions {
  /**
   * Control channel path (resolved against the page: ws: for http:, wss: for https:) or an absolute ws(s):// URL.
   * @default CONTROL_PATH ('/control-feed')
   */
  url?: string
  /**
   * WebSocket constructor.
   * @default globalThis.WebSocket
   */
  WebSocket?: ControlWebSocketConstructor
  /**
   * Where the token comes from (`?token=`), where it is kept (sessionStorage) and whose address bar loses it.
   * @default globalThis.window
   */
  window?: ControlWindow
  /**
   * sessionStorage key of the token.
   * @default 'command-wall.control-token'
   */
  storageKey?: string
  /**
   * Reconnect delays: min(maxMs, baseMs · 2^n), shortened by up to `jitter` of itself.
   * @default { baseMs: 500, maxMs: 10000, jitter: 0.3 }
   */
  reconnect?: Partial<BackoffOptions>
  /**
   * A command without ack or nack for this long is rejected with 'timeout'.
   * @default 5000
   */
  commandTimeoutMs?: number
  /**
   * No frame for this long → the connection is dead: close it and reconnect. The server sends
   * the walls list every 2 s, so a healthy channel is never this quiet.
   * @default 10000
   */
  silenceTimeoutMs?: number
  /**
   * Connect at once; otherwise call `connect()`.
   * @default true
   */
  immediate?: boolean
  /**
   * Random source for the jitter.
   * @default Math.random
   */
  random?: () => number
  /**
   * Local clock, ms.
   * @default Date.now
   */
  now?: () => number
  /**
   * Timers.
   * @default globalThis.setTimeout / globalThis.clearTimeout
   */
  timers?: SocketTimers
}

/** Options of one `send()`. */
export interface SendOptions {
  /**
   * Ask the server to apply the command only at the revision the terminal shows, so an operator
   * acting on a picture that changed meanwhile gets 'staleRevision' instead of a surprise.
   * @default true
   */
  expectRevision?: boolean
}

/** What useControlChannel returns: the server's picture as read-only refs, and the ways to act on it. */
export interface ControlChannel {
  connection: Readonly<Ref<ControlConnection>>
  /** the server's wall state; null before the first `hello` */
  wallState: Readonly<ShallowRef<WallState | null>>
  /** one page of the walls connected to /feed, as the server last listed them */
  walls: Readonly<ShallowRef<readonly WallClient[]>>
  /** every wall connected, of which `walls` is the page from `wallsOffset` */
  wallCount: Readonly<Ref<number>>
  wallsOffset: Readonly<Ref<number>>
  /** the pages the server accepts, in registry order */
  pages: Readonly<ShallowRef<readonly ControlPage[]>>
  /** the guided tours the server loaded */
  tours: Readonly<ShallowRef<readonly TourSummary[]>>
  /** server clock minus local clock, ms, from the last frame that carried the server's time */
  serverTimeOffset: Readonly<Ref<number>>
  /** the latest refusal (nack, timeout, not connected); null after clearError() */
  lastError: Readonly<ShallowRef<ControlError | null>>
  /** the reason the server gave when it closed the connection last, e.g. 'token missing' */
  closeReason: Readonly<Ref<string | null>>
  /** a token is known (from the URL or this tab's storage) */
  hasToken: ComputedRef<boolean>
  /** commands sent and not yet answered */
  pending: Readonly<Ref<number>>
  /** The server's clock now, estimated from the local one. */
  serverNow: () => number
  /** Ask for the page of the walls list from `offset` on; the server keeps sending that page. */
  showWalls: (offset: number) => void
  /** Send one command; resolves on ack, rejects with ControlCommandError on nack, timeout or disconnect. */
  send: (command: ControlCommandInput, options?: SendOptions) => Promise<ControlAck>
  /** Use this token from now on (kept for this tab) and connect again with it. */
  setToken: (token: string) => void
  connect: () => void
  /** Close for good: no reconnect until connect(). */
  close: () => void
  clearError: () => void
}

const OPEN = 1
const DEFAULT_STORAGE_KEY = 'command-wall.control-token'

/** The token from `?token=`, else from this tab's storage; the query parameter is stored and removed from the address bar. */
export function takeToken(win: ControlWindow | undefined, storageKey: string = DEFAULT_STORAGE_KEY): string | null {
  return takeQueryToken(win, 'token', storageKey)
}

function defaultWindow(): ControlWindow | undefined {
  return typeof window === 'undefined' ? undefined : window
}

export function useControlChannel(options: ControlChannelOptions = {}): ControlChannel {
  const {
    url = CONTROL_PATH,
    storageKey = DEFAULT_STORAGE_KEY,
    commandTimeoutMs = 5000,
    silenceTimeoutMs = 10_000,
    immediate = true,
    random = Math.random,
    now = Date.now,
  } = options
  const win = options.window ?? defaultWindow()

  const connection = ref<ControlConnection>('connecting')
  const wallState = shallowRef<WallState | null>(null)
  const walls = shallowRef<readonly WallClient[]>([])
  const wallCount = ref(0)
  const wallsOffset = ref(0)
  const pages = shallowRef<readonly ControlPage[]>([])
  const tours = shallowRef<readonly TourSummary[]>([])
  const serverTimeOffset = ref(0)
  const lastError = shallowRef<ControlError | null>(null)
  const closeReason = ref<string | null>(null)
  const token = ref<string | null>(takeToken(win, storageKey))
  const pending = ref(0)

  interface Pending {
    command: ControlCommandKind
    resolve: (ack: ControlAck) => void
    reject: (error: ControlCommandError) => void
    timer: ReturnType<typeof setTimeout>
  }
  const waiting = new Map<string, Pending>()

  let nextId = 0
  // Ids unique across reloads of the tab, so a late ack from an earlier page can never match.
  const idPrefix = now().toString(36)

  function fail(error: Omit<ControlError, 'at'>): ControlCommandError {
    const full: ControlError = { ...error, at: now() }
    lastError.value = full
    return new ControlCommandError(full)
  }

  function settle(id: string): Pending | undefined {
    const entry = waiting.get(id)
    if (entry) {
      waiting.delete(id)
      clearTimeout(entry.timer)
      pending.value = waiting.size
    }
    return entry
  }

  function rejectAll(code: LocalErrorCode, detail: string): void {
    for (const [id, entry] of [...waiting]) {
      settle(id)
      entry.reject(fail({ code, detail, command: entry.command }))
    }
  }

  function syncClock(serverTime: number): void {
    serverTimeOffset.value = serverTime - now()
  }

  function onMessage(message: ControlServerMessage): void {
    switch (message.type) {
      case 'hello':
        syncClock(message.serverTime)
        wallState.value = message.wallState
        walls.value = message.walls
        wallCount.value = message.wallCount
        wallsOffset.value = message.wallsOffset
        pages.value = message.pages
        tours.value = message.tours
        link.markLive()
        closeReason.value = null
        connection.value = 'open'
        return
      case 'state':
        syncClock(message.serverTime)
        // A state older than the one shown would undo a change on screen; revisions only grow.
        if (!wallState.value || message.wallState.revision >= wallState.value.revision)
          wallState.value = message.wallState
        return
      case 'walls':
        syncClock(message.serverTime)
        walls.value = message.walls
        wallCount.value = message.wallCount
        wallsOffset.value = message.wallsOffset
        return
      case 'ack':
        settle(message.id)?.resolve({ id: message.id, revision: message.revision })
        return
      case 'nack': {
        const entry = message.id === null ? undefined : settle(message.id)
        const error = fail({ code: message.code, detail: message.message, command: entry?.command ?? null })
        entry?.reject(error)
      }
    }
  }

  function target(): SocketTarget {
    // No token: connect anyway, the server's 4401 is the one authority on whether one is needed.
    return tokenTarget(resolveFeedUrl(url, win?.location), token.value, { protocols: controlProtocols, param: 'token', bare: [CONTROL_SUBPROTOCOL] })
  }

  const link = createReconnectingSocket({
    target,
    WebSocket: options.WebSocket,
    timers: options.timers,
    silenceTimeoutMs,
    reconnect: { baseMs: 500, maxMs: 10_000, jitter: 0.3, ...options.reconnect },
    // The server's hello is the handshake: the backoff starts again from there.
    stableAfterMs: 0,
    random,
    now,
  })

  link.events.on('attempt', () => {
    connection.value = 'connecting'
  })
  link.events.on('message', (data) => {
    const decoded = decodeControlServerFrame(data)
    // A frame the terminal cannot read is skipped, and is no proof of life: a server that sends only
    // such frames (a hello grown past the limit) is silent as far as the watchdog knows, and the
    // terminal reconnects instead of waiting forever in 'connecting'.
    if (!decoded.ok)
      return
    link.alive()
    onMessage(decoded.message)
  })
  // The close event that follows an error carries the code; an error alone says nothing more.
  link.events.on('down', ({ code, reason }) => dropped(code, reason))

  function dropped(code: number | null, reason: string): void {
    closeReason.value = reason || null
    rejectAll('disconnected', `connection closed${code === null ? '' : ` (${code})`} before the server answered`)
    if (code === CLOSE_CODES.unauthorized) {
      // Retrying with the same token only fills the server's log: wait for a new one.
      link.stop()
      connection.value = 'unauthorized'
      if (token.value !== null) {
        try {
          win?.sessionStorage.removeItem(storageKey)
        }
        catch {}
      }
      return
    }
    if (code === CLOSE_CODES.forbiddenOrigin) {
      link.stop()
      connection.value = 'forbidden'
      return
    }
    connection.value = 'closed'
  }

  function connect(): void {
    link.connect()
  }

  function close(): void {
    link.stop(1000, 'terminal closed')
    rejectAll('disconnected', 'the terminal closed the connection')
    connection.value = 'closed'
  }

  function send(command: ControlCommandInput, sendOptions: SendOptions = {}): Promise<ControlAck> {
    const ws = link.socket
    if (!ws || ws.readyState !== OPEN || connection.value !== 'open')
      return Promise.reject(fail({ code: 'notConnected', detail: 'not connected to the server', command: command.kind }))
    const id = `${idPrefix}-${++nextId}`
    const revision = sendOptions.expectRevision === false ? undefined : wallState.value?.revision
    return new Promise<ControlAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (settle(id))
          reject(fail({ code: 'timeout', detail: `no answer within ${commandTimeoutMs} ms`, command: command.kind }))
      }, commandTimeoutMs)
      waiting.set(id, { command: command.kind, resolve, reject, timer })
      pending.value = waiting.size
      try {
        ws.send(controlCommandFrame(id, command, revision))
      }
      catch (error) {
        settle(id)
        reject(fail({ code: 'notConnected', detail: error instanceof Error ? error.message : String(error), command: command.kind }))
      }
    })
  }

  function showWalls(offset: number): void {
    const ws = link.socket
    const wanted = Math.max(0, Math.floor(offset))
    wallsOffset.value = wanted
    if (ws && ws.readyState === OPEN && connection.value === 'open') {
      try {
        ws.send(controlWallsRequestFrame(wanted))
      }
      catch {}
    }
  }

  function setToken(next: string): void {
    const trimmed = next.trim()
    if (trimmed === '')
      return
    token.value = trimmed
    try {
      win?.sessionStorage.setItem(storageKey, trimmed)
    }
    catch {}
    close()
    connect()
  }

  if (immediate)
    connect()
  tryOnScopeDispose(close)

  return {
    connection,
    wallState,
    walls,
    wallCount,
    wallsOffset,
    pages,
    tours,
    serverTimeOffset,
    lastError,
    closeReason,
    hasToken: computed(() => token.value !== null),
    pending,
    serverNow: () => now() + serverTimeOffset.value,
    showWalls,
    send,
    setToken,
    connect,
    close,
    clearError() {
      lastError.value = null
    },
  }
}
