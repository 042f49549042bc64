/**
 * The control channel of the server: WebSocket upgrades on `/control-feed`, the operator's commands,
 * the playlist clock. The server owns the wall state: this module decides every change to it (through
 * the reducer in src/control/), saves it before anyone hears of it, and hands it to the hub, which
 * broadcasts it to the walls as the 'wall.state' topic.
 *
 * One command, start to end: rate limit → token → decode → reducer (against the hub's current state) →
 * audit line → state file → hub.setWallState → `state` to every control terminal → `ack` to the sender.
 * All of it is synchronous, so commands from several terminals and playlist advances can never
 * interleave, and an acknowledged command is on disk.
 *
 * Who gets in: the token (sub-protocol `token.<token>`, or `?token=` as a fallback) and the origin
 * (config control.allowedOrigins). A refused connection is accepted and at once closed with
 * 4401/4403 and a reason, because a browser sees no code at all for a refused upgrade; every refusal
 * is logged with the remote address, never with the token.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import {
  CLOSE_CODES,
  summarizeTour,
  UNIT_IDS,
  type Tour,
  type WallState,
  type WallStatus,
} from '#protocol'
import {
  CONTROL_PATH,
  controlAckFrame,
  controlHelloFrame,
  controlNackFrame,
  controlStateFrame,
  controlWallsFrame,
  decodeControlRequest,
  MAX_CONTROL_FRAME_BYTES,
  type ControlCommand,
  type ControlErrorCode,
  type ControlPage,
  type WallClient,
} from '#protocol'
import {
  applyCommand,
  checkOrigin,
  checkToken,
  createPlaylistClock,
  createRateLimiter,
  DEFAULT_PAGE_ID,
  generateToken,
  PLAYLIST_TIMING,
  reconcileWallState,
  selectProtocol,
  tokenFromUpgrade,
  TOUR_TIMING,
  type ClockTiming,
  type PlaylistClock,
  type RateLimiter,
  type Registry,
} from '#control'
import { appendAudit, loadWallState, saveWallState } from './persist.ts'

/** A wall connected to /feed, as the hub describes it (FeedClientInfo in hub/hub.ts fits). */
export interface ControlHubWall {
  id: string
  remoteAddress: string | null
  connectedAt: number
  lastSeenAt: number
  status: WallStatus | null
}

/** What the control endpoint needs from the wall hub (FeedHub in hub/hub.ts fits). */
export interface ControlHub {
  /** the wall state walls are shown now */
  getWallState: () => WallState
  /** replace it and broadcast it to every wall (a 'wall.state' patch) */
  setWallState: (state: WallState) => void
  /** walls connected to /feed, each with its last `status` report */
  clients: () => readonly ControlHubWall[]
}

/** The server's logger, as far as this module uses it. */
export interface ControlLog {
  info: (message: string, fields?: Record<string, unknown>) => void
  warn: (message: string, fields?: Record<string, unknown>) => void
  error: (message: string, fields?: Record<string, unknown>) => void
}

/** A ControlLog on top of a one-line writer such as the hub's `log`: `[control] message key=value …`. */
export function lineLog(write: (line: string) => void): ControlLog {
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const details = Object.entries(fields ?? {}).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    write([`[control]${level}`, message, ...details].join(' '))
  }
  return {
    info: (message, fields) => line('', message, fields),
    warn: (message, fields) => line(' warning:', message, fields),
    error: (message, fields) => line(' error:', message, fields),
  }
}

/** The `control` section of config/server.json. */
export interface ControlConfig {
  /** exact origins, or 'same-origin' (the page came from this server), or '*' */
  allowedOrigins: readonly string[]
  /** sustained commands per second per connection */
  commandsPerSecond: number
  /** commands at once before the rate applies; default twice the rate */
  burst?: number
}

export interface ControlEndpointOptions {
  hub: ControlHub
  config: ControlConfig
  /** where wall-state.json and control-audit.jsonl live (DATA_DIR) */
  dataDir: string
  /** the pages registry: what the operator can pick and what the reducer accepts */
  pages: readonly ControlPage[]
  /** WALL_CONTROL_TOKEN; when empty or undefined a random token is made and `tokenGenerated` is true */
  token?: string
  log?: ControlLog
  /** known court unit ids; default all 32 */
  units?: readonly string[]
  /** the guided tours (config/tours/); default none */
  tours?: readonly Tour[]
  /** default Date.now */
  now?: () => number
  /** how often every terminal gets the `walls` list; default 2000 ms */
  wallsIntervalMs?: number
  /** WebSocket ping period; a terminal silent for two periods is dropped; default 15000 ms */
  pingIntervalMs?: number
  /** consecutive rate-limited frames after which the connection is closed with 4429; default 3 × burst */
  closeAfterDenied?: number
}

export interface ControlEndpoint {
  /** Take an upgrade for CONTROL_PATH; false (socket untouched) for any other path. */
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean
  /** the token in force */
  readonly token: string
  /**
   * Put a new token in force (e.g. one that leaked): new connections need it, and a terminal still
   * holding the old one is closed with 4401 at its next command.
   */
  setToken: (next: string) => void
  /** true when no token was configured and this one was made at start */
  readonly tokenGenerated: boolean
  /** `<base>/control`, with `?token=` when the token was generated (print it at start, as Jupyter does) */
  controlUrl: (base: string) => string
  /** Send the `walls` list now (e.g. when a wall connects, leaves or reports its status). */
  notifyWallsChanged: () => void
  /** control terminals connected now */
  readonly connections: number
  /** Close every control connection (1001), stop the clock and the timers. */
  close: () => void
}

interface ControlConnection {
  ws: WebSocket
  address: string
  /** the token it presented, checked again with every command */
  token: string
  limiter: RateLimiter
  alive: boolean
}


/** Tokens shorter than this are accepted but warned about: they can be guessed. */
const MIN_TOKEN_LENGTH = 16

function textOf(data: RawData): string {
  if (Array.isArray(data))
    return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}

function idOf(raw: string): string | null {
  try {
    const json: unknown = JSON.parse(raw)
    return typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string' && json.id.length <= 64
      ? json.id
      : null
  }
  catch {
    return null
  }
}

function detailOf(command: ControlCommand): Record<string, unknown> {
  const { kind: _kind, ...detail } = command
  return detail
}

function wallClients(hub: ControlHub): WallClient[] {
  return hub.clients().slice(0, 256).map(wall => ({
    id: wall.id.slice(0, 64),
    address: (wall.remoteAddress ?? 'unknown').slice(0, 64),
    connectedAt: wall.connectedAt,
    lastSeenAt: wall.lastSeenAt,
    status: wall.status,
  }))
}

export function createControlEndpoint(options: ControlEndpointOptions): ControlEndpoint {
  const { hub, config, dataDir, pages } = options
  const log = options.log ?? lineLog(line => console.log(line))
  const now = options.now ?? Date.now
  if (pages.length === 0)
    throw new Error('the pages registry is empty')
  const registry: Registry = {
    pages: new Set(pages.map(page => page.id)),
    units: new Set(options.units ?? UNIT_IDS),
    tours: new Map((options.tours ?? []).map(tour => [tour.id, tour])),
  }
  const tourSummaries = (options.tours ?? []).map(summarizeTour)
  const defaultPage = registry.pages.has(DEFAULT_PAGE_ID) ? DEFAULT_PAGE_ID : pages[0]!.id

  const configured = options.token ?? ''
  const tokenGenerated = configured === ''
  let token = tokenGenerated ? generateToken() : configured
  if (!tokenGenerated && token.length < MIN_TOKEN_LENGTH)
    log.warn(`the control token is shorter than ${MIN_TOKEN_LENGTH} characters; it can be guessed`)

  const burst = Math.max(1, config.burst ?? Math.ceil(config.commandsPerSecond * 2))
  const closeAfterDenied = options.closeAfterDenied ?? burst * 3
  const connections = new Set<ControlConnection>()

  function broadcast(frame: string): void {
    for (const connection of connections) {
      if (connection.ws.readyState === WebSocket.OPEN)
        connection.ws.send(frame)
    }
  }

  function publish(state: WallState): void {
    try {
      hub.setWallState(state)
    }
    catch (error) {
      // The reducer only makes valid states; reaching this is a bug, and must not take the server down.
      log.error('the hub refused a wall state', { revision: state.revision, error: String(error) })
    }
    broadcast(controlStateFrame(now(), state))
    clock.sync()
    tourClock.sync()
  }

  function clockFor(what: string, timing: ClockTiming): PlaylistClock {
    return createPlaylistClock({
      getState: () => hub.getWallState(),
      setState(next) {
        try {
          saveWallState(dataDir, next)
        }
        catch (error) {
          log.error(`${what} advance not saved; retrying`, { error: String(error) })
          return
        }
        publish(next)
      },
      now,
      timing,
    })
  }
  const clock = clockFor('playlist', PLAYLIST_TIMING)
  // The guided tour runs on a clock of its own: a tour holds the playlist, so at most one of them advances.
  const tourClock = clockFor('tour', TOUR_TIMING)

  // Start from the saved state, repaired against today's registry, before any wall or terminal connects.
  {
    const loaded = loadWallState(dataDir, { now: now(), defaultPage, log })
    const { state, repairs } = reconcileWallState(loaded, registry, now(), defaultPage)
    for (const repair of repairs)
      log.warn(`saved wall state repaired: ${repair}`)
    if (repairs.length > 0) {
      try {
        saveWallState(dataDir, state)
      }
      catch (error) {
        log.error('repaired wall state not saved', { error: String(error) })
      }
    }
    hub.setWallState(state)
    clock.sync()
    tourClock.sync()
  }

  function send(connection: ControlConnection, frame: string): void {
    if (connection.ws.readyState === WebSocket.OPEN)
      connection.ws.send(frame)
  }

  function nack(connection: ControlConnection, id: string | null, code: ControlErrorCode, message: string): void {
    send(connection, controlNackFrame(id, code, message, hub.getWallState().revision))
  }

  function onMessage(connection: ControlConnection, data: RawData, isBinary: boolean): void {
    const raw = isBinary ? null : textOf(data)
    if (!connection.limiter.tryTake()) {
      if (connection.limiter.deniedInRow >= closeAfterDenied) {
        log.warn('control connection closed: sustained rate-limit abuse', { address: connection.address })
        connection.ws.close(CLOSE_CODES.rateLimited, 'rate limited')
        return
      }
      nack(connection, raw === null ? null : idOf(raw), 'rateLimited', `more than ${config.commandsPerSecond} commands per second`)
      return
    }
    // Checked per command, not only at connect: a long-lived terminal loses its say when the token changes.
    if (!checkToken(token, connection.token)) {
      log.warn('control command refused: token no longer valid', { address: connection.address })
      connection.ws.close(CLOSE_CODES.unauthorized, 'token wrong')
      return
    }
    const decoded = decodeControlRequest(raw)
    if (!decoded.ok) {
      nack(connection, decoded.id, decoded.code, decoded.message)
      return
    }
    const { id, command, expectRevision } = decoded.request
    const current = hub.getWallState()
    const at = now()
    const result = applyCommand(current, command, expectRevision === undefined
      ? { ...registry, now: at }
      : { ...registry, now: at, expectRevision })
    if (!result.ok) {
      log.info('command refused', { address: connection.address, action: command.kind, code: result.code })
      nack(connection, id, result.code, result.message)
      return
    }
    try {
      // Audit first: no change may reach the state file without its line in the audit log.
      appendAudit(dataDir, { at, action: command.kind, detail: detailOf(command), address: connection.address, revision: result.state.revision, id })
      if (result.changed)
        saveWallState(dataDir, result.state)
    }
    catch (error) {
      log.error('command not saved; wall state unchanged', { address: connection.address, action: command.kind, id, error: String(error) })
      nack(connection, id, 'persistFailed', 'the server could not save the change')
      return
    }
    log.info('command', { address: connection.address, action: command.kind, revision: result.state.revision })
    if (result.changed)
      publish(result.state)
    send(connection, controlAckFrame(id, result.state.revision))
  }

  function accept(ws: WebSocket, address: string, given: string): void {
    const connection: ControlConnection = {
      ws,
      address,
      token: given,
      limiter: createRateLimiter({ ratePerSec: config.commandsPerSecond, burst }),
      alive: true,
    }
    connections.add(connection)
    log.info('control terminal connected', { address, terminals: connections.size })
    ws.on('message', (data, isBinary) => onMessage(connection, data, isBinary))
    ws.on('pong', () => {
      connection.alive = true
    })
    ws.on('close', () => {
      connections.delete(connection)
      log.info('control terminal left', { address, terminals: connections.size })
    })
    send(connection, controlHelloFrame(now(), hub.getWallState(), wallClients(hub), pages, tourSummaries))
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CONTROL_FRAME_BYTES,
    handleProtocols: offered => selectProtocol(offered),
  })

  type Admission = { ok: true, token: string } | { ok: false, code: number, reason: string }

  function admit(req: IncomingMessage, url: URL): Admission {
    if (!checkOrigin(req.headers.origin, req.headers.host, config.allowedOrigins))
      return { ok: false, code: CLOSE_CODES.forbiddenOrigin, reason: 'origin not allowed' }
    const given = tokenFromUpgrade(url, req.headers['sec-websocket-protocol'])
    if (given === null)
      return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'token missing' }
    if (!checkToken(token, given.token))
      return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'token wrong' }
    return { ok: true, token: given.token }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://control.invalid')
    if (url.pathname !== CONTROL_PATH)
      return false
    const address = req.socket.remoteAddress ?? 'unknown'
    const admission = admit(req, url)
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Without a listener a protocol error (e.g. a frame over maxPayload) would be thrown.
      ws.on('error', error => log.warn('control socket error', { address, error: error.message }))
      if (!admission.ok) {
        log.warn('control connection refused', { address, reason: admission.reason, origin: req.headers.origin ?? null })
        ws.close(admission.code, admission.reason)
        return
      }
      accept(ws, address, admission.token)
    })
    return true
  }

  const wallsTimer = setInterval(() => {
    if (connections.size > 0)
      broadcast(controlWallsFrame(now(), wallClients(hub)))
  }, options.wallsIntervalMs ?? 2000)
  wallsTimer.unref()

  const pingTimer = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        log.info('control terminal unresponsive; dropped', { address: connection.address })
        connection.ws.terminate()
        continue
      }
      connection.alive = false
      connection.ws.ping()
    }
  }, options.pingIntervalMs ?? 15_000)
  pingTimer.unref()

  return {
    handleUpgrade,
    get token() {
      return token
    },
    setToken(next) {
      if (next === '')
        throw new Error('the control token must not be empty')
      token = next
    },
    tokenGenerated,
    controlUrl(base) {
      const url = `${base.replace(/\/+$/, '')}/control`
      return tokenGenerated ? `${url}?token=${encodeURIComponent(token)}` : url
    },
    notifyWallsChanged() {
      broadcast(controlWallsFrame(now(), wallClients(hub)))
    },
    get connections() {
      return connections.size
    },
    close() {
      clearInterval(wallsTimer)
      clearInterval(pingTimer)
      clock.stop()
      tourClock.stop()
      for (const connection of connections)
        connection.ws.close(CLOSE_CODES.goingAway, 'server shutting down')
      wss.close()
    },
  }
}
