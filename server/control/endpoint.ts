/**
 * The control channel of the server: WebSocket upgrades on `/control-feed`, the operator's commands,
 * the playlist clock. The server owns the wall state: this module decides every change to it (through
 * the reducer in src/control/), saves it before anyone hears of it, and hands it to the hub, which
 * broadcasts it to the walls as the 'wall.state' topic.
 *
 * One command, start to end: rate limits (per connection, per token, per address) → token → decode →
 * queue → reducer (against the hub's current state) → audit line → state file → hub.setWallState →
 * `state` to every control terminal → `ack` to the sender. The queue runs one change at a time, so
 * commands from several terminals and playlist advances never interleave; the disk writes are
 * asynchronous (the event loop keeps serving walls) and fsynced before the ack, so an acknowledged
 * command is on disk. A command that changes nothing is acknowledged without a write or an audit line.
 * In broker mode (`shared`, NATS_URL) the state file and the audit file give way to the shared
 * store and audit log, and the queue to a compare-and-set between hubs (SharedControl below).
 *
 * Who gets in: the token (sub-protocol `token.<token>`, or `?token=` as a fallback) and the origin
 * (config control.allowedOrigins). A refused connection is accepted and at once closed with
 * 4401/4403/4429 and a reason, because a browser sees no code at all for a refused upgrade. Refusals
 * are logged with the remote address, never with the token, one line per kind per log window with a
 * count of the rest; an address that keeps presenting wrong tokens is locked out (limits.ts).
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
  MAX_WALLS_PER_FRAME,
  type WallsPage,
  type ControlCommand,
  type ControlErrorCode,
  type ControlPage,
  type ControlRequest,
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
  isOwnHost,
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
import { frameText } from '../frame.ts'
import { createConnectionCap, createKeyedRateLimiter, createThrottledLog, createTokenLockout, escapeForLog } from '../guard.ts'
import { resolveLimits, type Limits } from '../limits.ts'
import { applyToStore } from '../broker/commit.ts'
import { isBrokerUnavailable, type AuditLog, type BrokerAvailability, type LeaderElection, type VersionedWallState, type WallStateStore } from '../broker/types.ts'
import { appendAuditAsync, loadWallState, saveWallState, saveWallStateAsync, type AuditEntry } from './persist.ts'

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
    // Field values can come from clients (an origin, an error text): escaped, so none can start a line.
    const details = Object.entries(fields ?? {}).map(([key, value]) => `${key}=${escapeForLog(typeof value === 'string' ? value : String(JSON.stringify(value)), 300)}`)
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

/**
 * Broker mode (NATS_URL): what every hub shares instead of DATA_DIR's files. The wall state lives
 * in the store and every command is a compare-and-set on it; each hub watches it and hands every
 * change to its walls and terminals; the audit goes to the shared log; only the holder of the
 * playlist-clock lease advances the playlist. While the broker is out of reach, commands are
 * refused 'brokerUnavailable' and nothing changes.
 */
export interface SharedControl extends BrokerAvailability {
  wallState: WallStateStore
  audit: AuditLog
  playlistClock: LeaderElection
}

/** Audit entries of applied commands waiting for the broker, at most this many (then the oldest go, logged). */
const MAX_UNWRITTEN_AUDIT = 1000

export interface ControlEndpointOptions {
  hub: ControlHub
  /** broker mode; absent: the wall state and audit log in dataDir, as one process */
  shared?: SharedControl
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
  /** limits.ts defaults with config/server.json's `limits` on top */
  limits?: Limits
  /** the server's scheme, for the origin check; default 'http:' */
  scheme?: 'http:' | 'https:'
  /**
   * The server's own names and addresses: a token presented with any other Host is refused (DNS
   * rebinding). Default: no Host check (tests, embedding).
   */
  ownHosts?: ReadonlySet<string>
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
  /**
   * The walls changed (one connected, left or reported its status): the list goes out within
   * wallsMinIntervalMs, once however many changes came meanwhile, and only to connected terminals.
   */
  notifyWallsChanged: () => void
  /** control terminals connected now */
  readonly connections: number
  /** resolves once the wall state is in hand (at once without a broker; in broker mode, the shared one) */
  readonly ready: Promise<void>
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
  /** the page of the walls list it looks at */
  wallsOffset: number
  /** frees its slot in the per-address cap */
  release: () => void
}


/** Tokens shorter than this are accepted but warned about: they can be guessed. */
const MIN_TOKEN_LENGTH = 16

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

/** Room left in a control frame for everything but the walls (wall state, pages, envelope). */
const FRAME_RESERVE_BYTES = 8 * 1024

/**
 * One page of the walls list from `offset`: at most `pageSize` walls, fewer when their JSON would
 * not leave FRAME_RESERVE_BYTES of the terminal's frame limit for the rest of a `hello`.
 */
export function wallsPage(all: readonly ControlHubWall[], offset: number, pageSize: number): WallsPage {
  const size = Math.max(1, Math.min(pageSize, MAX_WALLS_PER_FRAME))
  // Past the end (walls left meanwhile): the last page instead of an empty one.
  const start = Math.max(0, Math.min(offset, all.length - size))
  const walls: WallClient[] = []
  let bytes = 0
  for (const wall of all.slice(start, start + size)) {
    const entry: WallClient = {
      id: wall.id.slice(0, 64),
      address: (wall.remoteAddress ?? 'unknown').slice(0, 64),
      connectedAt: wall.connectedAt,
      lastSeenAt: wall.lastSeenAt,
      status: wall.status,
    }
    bytes += Buffer.byteLength(JSON.stringify(entry)) + 1
    if (bytes > MAX_CONTROL_FRAME_BYTES - FRAME_RESERVE_BYTES)
      break
    walls.push(entry)
  }
  return { walls, wallCount: all.length, wallsOffset: start }
}

export function createControlEndpoint(options: ControlEndpointOptions): ControlEndpoint {
  const { hub, config, dataDir, pages, shared } = options
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
  const limits = options.limits ?? resolveLimits()
  const scheme = options.scheme ?? 'http:'
  const throttle = createThrottledLog(() => {}, { windowMs: limits.logWindowMs, now })
  /** a warning, at most one per kind per log window; `more` counts the ones left out */
  function warnOnce(kind: string, message: string, fields: Record<string, unknown>): void {
    const more = throttle.take(kind)
    if (more >= 0)
      log.warn(message, more > 0 ? { ...fields, more } : fields)
  }
  const perAddress = createConnectionCap(limits.controlConnectionsPerAddress)
  const handshakes = createKeyedRateLimiter({ ratePerSec: limits.controlHandshakesPerMinute / 60, burst: limits.controlHandshakesPerMinute, maxKeys: limits.trackedAddresses, now })
  const perToken = createKeyedRateLimiter({ ratePerSec: limits.commandsPerSecondPerToken, burst: limits.commandsPerSecondPerToken * 2, maxKeys: 64, now })
  const perAddressCommands = createKeyedRateLimiter({ ratePerSec: limits.commandsPerSecondPerAddress, burst: limits.commandsPerSecondPerAddress * 2, maxKeys: limits.trackedAddresses, now })
  const lockout = createTokenLockout(limits, now)

  /**
   * Queue a frame for a terminal, unless it does not read: past controlMaxBufferedBytes a walls list
   * is skipped (`optional`), anything else drops the terminal, which reconnects and gets a fresh hello.
   */
  function send(connection: ControlConnection, frame: string, optional = false): void {
    if (connection.ws.readyState !== WebSocket.OPEN)
      return
    if (connection.ws.bufferedAmount > limits.controlMaxBufferedBytes) {
      if (optional)
        return
      warnOnce('slowTerminal', 'control terminal not reading; dropped', { address: escapeForLog(connection.address), queued: connection.ws.bufferedAmount })
      connection.ws.terminate()
      return
    }
    connection.ws.send(frame)
  }

  function broadcast(frame: string): void {
    for (const connection of connections)
      send(connection, frame)
  }

  function sendWalls(): void {
    if (connections.size === 0)
      return
    const all = hub.clients()
    const at = now()
    for (const connection of connections)
      send(connection, controlWallsFrame(at, wallsPage(all, connection.wallsOffset, limits.wallsPageSize)), true)
  }

  // The walls list is rebuilt at most once per wallsMinIntervalMs however fast walls report.
  let wallsTimer: NodeJS.Timeout | null = null
  let wallsSentAt = 0
  function wallsChanged(): void {
    if (connections.size === 0 || wallsTimer)
      return
    const wait = Math.max(0, wallsSentAt + limits.wallsMinIntervalMs - now())
    wallsTimer = setTimeout(() => {
      wallsTimer = null
      wallsSentAt = now()
      sendWalls()
    }, wait)
    wallsTimer.unref()
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

  // Every change is decided, written and published one after another: commands from several
  // terminals and playlist or tour advances never interleave, and the disk waits never block the event loop.
  let queue: Promise<void> = Promise.resolve()
  function serially(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => {
      log.error('a wall-state change failed', { error: String(error) })
    })
  }

  function clockFor(what: string, timing: ClockTiming): PlaylistClock {
    const self: PlaylistClock = createPlaylistClock({
      getState: () => hub.getWallState(),
      setState(next) {
        const base = hub.getWallState()
        serially(async () => {
          // A command got in first: the clock reckons again from the state it made.
          if (hub.getWallState() !== base) {
            self.sync()
            return
          }
          if (shared) {
            await advanceShared(shared, next)
            return
          }
          try {
            await saveWallStateAsync(dataDir, next)
          }
          catch (error) {
            log.error(`${what} advance not saved; retrying`, { error: String(error) })
            return
          }
          publish(next)
        })
      },
      now,
      timing,
    })
    return self
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

  // Broker mode: the store's revision of the state this hub shows; older news from the watch is ignored.
  let storeRevision = 0
  let stopWatching: (() => void) | null = null
  let closed = false
  const unwrittenAudit: AuditEntry[] = []

  /** A state from the store (this hub's command, another hub's, a playlist advance): shown if newer. */
  function adopt(current: VersionedWallState): void {
    if (current.revision <= storeRevision)
      return
    storeRevision = current.revision
    publish(current.state)
  }

  async function joinShared(shared: SharedControl): Promise<void> {
    for (;;) {
      try {
        // The first hub of a deployment seeds the store with the state it has (its DATA_DIR's, or the default).
        if (!(await shared.wallState.load()))
          await shared.wallState.compareAndSet(hub.getWallState(), 0)
        const stop = await shared.wallState.watch(adopt)
        if (closed)
          stop()
        else
          stopWatching = stop
        return
      }
      catch (error) {
        if (closed)
          return
        log.warn('shared wall state not reachable yet; trying again', { error: String(error) })
        await new Promise(resolve => setTimeout(resolve, 1000).unref())
      }
    }
  }

  async function writeAudit(shared: SharedControl): Promise<void> {
    while (unwrittenAudit.length > 0) {
      await shared.audit.append(unwrittenAudit[0]!)
      unwrittenAudit.shift()
    }
  }

  /** The leader's playlist or tour advance, written only if nobody changed the state meanwhile. */
  async function advanceShared(shared: SharedControl, next: WallState): Promise<void> {
    if (!shared.playlistClock.isLeader)
      return
    try {
      const written = await shared.wallState.compareAndSet(next, storeRevision)
      if (written.ok)
        adopt({ state: next, revision: written.revision })
      else if (written.current)
        adopt(written.current)
    }
    catch (error) {
      log.error('playlist advance not shared; retrying', { error: String(error) })
    }
  }

  async function applySharedRequest(shared: SharedControl, connection: ControlConnection, request: ControlRequest): Promise<void> {
    const { id, command, expectRevision } = request
    const refuse = (error: unknown) => {
      log.warn('command refused: broker unavailable', { address: connection.address, action: command.kind, error: String(error) })
      nack(connection, id, 'brokerUnavailable', 'control is unavailable while the servers cannot reach their message bus; nothing changed')
    }
    if (!shared.available) {
      refuse('disconnected')
      return
    }
    const at = now()
    let result
    try {
      result = await applyToStore(shared.wallState, state => applyCommand(state, command, expectRevision === undefined
        ? { ...registry, now: at }
        : { ...registry, now: at, expectRevision }), { initial: () => hub.getWallState() })
    }
    catch (error) {
      if (!isBrokerUnavailable(error))
        throw error
      refuse(error)
      return
    }
    if (!result.ok) {
      log.info('command refused', { address: connection.address, action: command.kind, code: result.code })
      send(connection, controlNackFrame(id, result.code, result.message, result.current.revision))
      return
    }
    if (!result.changed) {
      send(connection, controlAckFrame(id, result.state.revision))
      return
    }
    adopt({ state: result.state, revision: result.revision })
    // The state is written; its audit entry follows, and waits for the broker should it go meanwhile.
    if (unwrittenAudit.length >= MAX_UNWRITTEN_AUDIT)
      log.error('audit entry lost: too many waiting for the broker', { dropped: JSON.stringify(unwrittenAudit.shift()) })
    unwrittenAudit.push({ at, action: command.kind, detail: detailOf(command), address: connection.address, revision: result.state.revision, id })
    writeAudit(shared).catch(error => log.warn('audit entry waits for the broker', { error: String(error) }))
    log.info('command', { address: connection.address, action: command.kind, revision: result.state.revision })
    send(connection, controlAckFrame(id, result.state.revision))
  }

  const unwatchShared: (() => void)[] = []
  const ready = shared ? joinShared(shared) : Promise.resolve()
  if (shared) {
    unwatchShared.push(
      shared.onAvailabilityChange((available) => {
        if (available)
          writeAudit(shared).catch(error => log.warn('audit entries still wait for the broker', { error: String(error) }))
      }),
      // The lease holder runs the clock; the others' clocks find it is not theirs to advance.
      shared.playlistClock.onChange(() => {
        clock.sync()
        tourClock.sync()
      }),
    )
  }

  function nack(connection: ControlConnection, id: string | null, code: ControlErrorCode, message: string): void {
    send(connection, controlNackFrame(id, code, message, hub.getWallState().revision))
  }

  function onMessage(connection: ControlConnection, data: RawData, isBinary: boolean): void {
    const raw = frameText(data, isBinary)
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
    // Shared across connections: fifty sockets with one token get one token's rate.
    if (!perToken.tryTake(connection.token) || !perAddressCommands.tryTake(connection.address)) {
      warnOnce('rateLimitedShared', 'control commands over the shared rate of a token or address', { address: escapeForLog(connection.address) })
      nack(connection, raw === null ? null : idOf(raw), 'rateLimited', `more than ${limits.commandsPerSecondPerToken} commands per second for this token`)
      return
    }
    const decoded = decodeControlRequest(raw)
    if (!decoded.ok) {
      nack(connection, decoded.id, decoded.code, decoded.message)
      return
    }
    if ('walls' in decoded) {
      connection.wallsOffset = decoded.walls.offset
      send(connection, controlWallsFrame(now(), wallsPage(hub.clients(), connection.wallsOffset, limits.wallsPageSize)), true)
      return
    }
    const request = decoded.request
    serially(() => applyRequest(connection, request))
  }

  async function applyRequest(connection: ControlConnection, request: ControlRequest): Promise<void> {
    if (shared)
      return applySharedRequest(shared, connection, request)
    const { id, command, expectRevision } = request
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
    if (!result.changed) {
      // The wall already shows this: nothing to save, publish or audit (repeats cost no disk).
      send(connection, controlAckFrame(id, result.state.revision))
      return
    }
    try {
      // Audit first: no change may reach the state file without its line in the audit log.
      await appendAuditAsync(dataDir, { at, action: command.kind, detail: detailOf(command), address: connection.address, revision: result.state.revision, id }, limits)
      await saveWallStateAsync(dataDir, result.state)
    }
    catch (error) {
      log.error('command not saved; wall state unchanged', { address: connection.address, action: command.kind, id, error: String(error) })
      nack(connection, id, 'persistFailed', 'the server could not save the change')
      return
    }
    log.info('command', { address: connection.address, action: command.kind, revision: result.state.revision })
    publish(result.state)
    send(connection, controlAckFrame(id, result.state.revision))
  }

  function accept(ws: WebSocket, address: string, given: string, release: () => void): void {
    const connection: ControlConnection = {
      ws,
      address,
      token: given,
      limiter: createRateLimiter({ ratePerSec: config.commandsPerSecond, burst }),
      alive: true,
      wallsOffset: 0,
      release,
    }
    connections.add(connection)
    log.info('control terminal connected', { address: escapeForLog(address), terminals: connections.size })
    ws.on('message', (data, isBinary) => onMessage(connection, data, isBinary))
    // Only a pong answers a ping: a terminal that writes but never reads is still dropped.
    ws.on('pong', () => {
      connection.alive = true
    })
    ws.on('close', () => {
      connections.delete(connection)
      release()
      log.info('control terminal left', { address: escapeForLog(address), terminals: connections.size })
    })
    send(connection, controlHelloFrame(now(), hub.getWallState(), wallsPage(hub.clients(), 0, limits.wallsPageSize), pages, tourSummaries))
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CONTROL_FRAME_BYTES,
    handleProtocols: offered => selectProtocol(offered),
  })

  type Admission = { ok: true, token: string, release: () => void } | { ok: false, code: number, reason: string }

  function admit(req: IncomingMessage, url: URL, address: string): Admission {
    if (!handshakes.tryTake(address))
      return { ok: false, code: CLOSE_CODES.rateLimited, reason: 'too many connection attempts' }
    const locked = lockout.lockedFor(address)
    if (locked > 0)
      return { ok: false, code: CLOSE_CODES.rateLimited, reason: `locked out for ${Math.ceil(locked / 1000)} s after wrong tokens` }
    if (!checkOrigin(req.headers.origin, req.headers.host, config.allowedOrigins, scheme))
      return { ok: false, code: CLOSE_CODES.forbiddenOrigin, reason: 'origin not allowed' }
    const given = tokenFromUpgrade(url, req.headers['sec-websocket-protocol'])
    if (given === null)
      return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'token missing' }
    // A token presented to a name that is not ours is a rebound DNS name: refuse before comparing it.
    if (options.ownHosts && !isOwnHost(req.headers.host, options.ownHosts))
      return { ok: false, code: CLOSE_CODES.forbiddenOrigin, reason: 'host not allowed' }
    if (!checkToken(token, given.token)) {
      lockout.fail(address)
      return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'token wrong' }
    }
    lockout.succeed(address)
    const release = perAddress.admit(address)
    if (!release)
      return { ok: false, code: CLOSE_CODES.rateLimited, reason: 'too many control connections from this address' }
    return { ok: true, token: given.token, release }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://control.invalid')
    }
    catch {
      return false
    }
    if (url.pathname !== CONTROL_PATH)
      return false
    const address = req.socket.remoteAddress ?? 'unknown'
    const admission = admit(req, url, address)
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Without a listener a protocol error (e.g. a frame over maxPayload) would be thrown.
      ws.on('error', error => warnOnce('socketError', 'control socket error', { address: escapeForLog(address), error: escapeForLog(error.message) }))
      if (!admission.ok) {
        warnOnce(`refused:${admission.reason.split(' ')[0]}`, 'control connection refused', { address: escapeForLog(address), reason: admission.reason, origin: req.headers.origin === undefined ? null : escapeForLog(req.headers.origin) })
        ws.close(admission.code, admission.reason)
        return
      }
      accept(ws, address, admission.token, admission.release)
    })
    return true
  }

  // Every couple of seconds whatever happens: the terminal's sign of life and its walls' ages.
  const wallsInterval = setInterval(sendWalls, options.wallsIntervalMs ?? 2000)
  wallsInterval.unref()

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
    notifyWallsChanged: wallsChanged,
    get connections() {
      return connections.size
    },
    ready,
    close() {
      closed = true
      stopWatching?.()
      unwatchShared.forEach(unwatch => unwatch())
      clearInterval(wallsInterval)
      if (wallsTimer)
        clearTimeout(wallsTimer)
      clearInterval(pingTimer)
      clock.stop()
      tourClock.stop()
      for (const connection of connections)
        connection.ws.close(CLOSE_CODES.goingAway, 'server shutting down')
      wss.close()
    },
  }
}
