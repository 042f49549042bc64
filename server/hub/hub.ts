/**
 * The feed hub: keeps the latest valid payload of every topic, sends each wall a snapshot when it
 * connects or asks for one, then fans out patches, with heartbeats in the silences.
 *
 * Every frame to a wall carries that connection's own sequence number (0, 1, 2 …): the wall
 * spots a lost frame by a gap and asks for a resync. A wall that cannot keep up is skipped
 * rather than buffered for, and gets a fresh snapshot once its buffer drains, so one slow wall
 * never grows the server's memory or delays the others.
 */
import type { IncomingMessage } from 'node:http'
import * as v from 'valibot'
import { WebSocket, type RawData } from 'ws'
import { createDefaultWallState } from '#control'
import {
  CLOSE_CODES,
  decodeClientFrame,
  heartbeatFrame,
  MAX_FRAME_BYTES,
  patchFrame,
  snapshotFrame,
  validateTopic,
  wallStateSchema,
  type RejectReason,
  type SourceInfo,
  type Topic,
  type TopicPayloads,
  type WallState,
  type WallStatus,
} from '#protocol'
import type { Upstream } from '../upstream/index.ts'

/** What the control terminal may show about a connected wall. */
export interface FeedClientInfo {
  /** 'wall-1', 'wall-2' … in order of connection, unique for the life of the process */
  id: string
  remoteAddress: string | null
  /** epoch ms */
  connectedAt: number
  /** epoch ms of the last frame or pong from it */
  lastSeenAt: number
  /** what it last reported with a `status` message; null until then */
  status: WallStatus | null
  framesSent: number
  /** patches not sent because its send buffer was full; a snapshot followed */
  patchesSkipped: number
  /** bytes queued for it and not yet handed to the network */
  bufferedBytes: number
}

/** Counters for /healthz and the logs. */
export interface HubStats {
  clients: number
  /** upstream payloads that failed validation and were not sent, by reason */
  upstreamRejected: Partial<Record<RejectReason | 'ownedByHub' | 'tooBig', number>>
  patchesAccepted: number
  clientsClosedForViolation: number
}

export interface HubOptions {
  upstream: Upstream
  /** a heartbeat goes to a wall after this long without any other frame */
  heartbeatMs: number
  /** wall-clock source; default Date.now */
  now?: () => number
  /** one line per notable event; default console.log */
  log?: (line: string) => void
  /** how often to ping walls; one without a pong by the next ping is dropped. Default 15 000 */
  pingIntervalMs?: number
  /** skip patches to a wall whose unsent bytes exceed this. Default 1 MiB */
  maxBufferedBytes?: number
  /** frames a wall may send per second before it is closed with 4429. Default 20 */
  clientMessagesPerSecond?: number
}

export interface FeedHub {
  /** take over an upgraded WebSocket on /feed */
  accept: (socket: WebSocket, request: IncomingMessage) => void
  /** connected walls, for the control terminal */
  clients: () => FeedClientInfo[]
  /** called when a wall connects, leaves or reports a new status; returns the unsubscribe function */
  onClientsChanged: (listener: () => void) => () => void
  getWallState: () => WallState
  /** replace the wall state (validated; throws if invalid) and send it to every wall */
  setWallState: (state: WallState) => void
  stats: () => HubStats
  /** the `source` of every snapshot */
  readonly source: SourceInfo
  /** take the upstream's snapshot, subscribe, start it */
  start: () => void
  /** close every wall with `code` (default 1001 going away) and stop the upstream */
  close: (code?: number, reason?: string) => Promise<void>
}

interface Client {
  info: FeedClientInfo
  socket: WebSocket
  seq: number
  heartbeat: NodeJS.Timeout
  /** a patch was skipped: send a whole snapshot as soon as the buffer drains */
  needsSnapshot: boolean
  alive: boolean
  windowStartedAt: number
  windowFrames: number
}

const DEFAULT_PING_INTERVAL_MS = 15_000
const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024
const DEFAULT_CLIENT_MESSAGES_PER_SECOND = 20
/** WebSocket close reasons are limited to 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123
/** One log line per kind of bad upstream payload per this period, with a count of the rest. */
const UPSTREAM_LOG_EVERY_MS = 10_000

export function defaultWallState(now: number): WallState {
  return createDefaultWallState(now)
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = text
  while (Buffer.byteLength(out) > maxBytes)
    out = out.slice(0, -1)
  return out
}

function rawText(data: RawData): Buffer {
  if (Array.isArray(data))
    return Buffer.concat(data)
  return Buffer.isBuffer(data) ? data : Buffer.from(data)
}

export function createFeedHub(options: HubOptions): FeedHub {
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.log(line))
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES
  const drained = maxBuffered / 4
  const messagesPerSecond = options.clientMessagesPerSecond ?? DEFAULT_CLIENT_MESSAGES_PER_SECOND
  const upstream = options.upstream

  const source: SourceInfo = {
    name: upstream.info.name.slice(0, 80),
    simulated: upstream.info.simulated,
    heartbeatMs: options.heartbeatMs,
    ...(upstream.info.clockOffsetMs ? { clockOffsetMs: upstream.info.clockOffsetMs } : {}),
  }
  const latest = new Map<Topic, unknown>()
  let wallState = defaultWallState(now())
  const clients = new Map<string, Client>()
  let nextClientNumber = 1
  let unsubscribe: (() => void) | null = null
  let pingTimer: NodeJS.Timeout | null = null
  let closing = false
  const stats: HubStats = { clients: 0, upstreamRejected: {}, patchesAccepted: 0, clientsClosedForViolation: 0 }
  const upstreamLogState = new Map<string, { loggedAt: number, suppressed: number }>()
  const clientsListeners = new Set<() => void>()

  function clientsChanged(): void {
    for (const listener of clientsListeners) {
      try {
        listener()
      }
      catch (error) {
        log(`[feed] a clients listener failed: ${(error as Error).message}`)
      }
    }
  }

  function logUpstreamRejection(key: string, line: string): void {
    const t = now()
    const state = upstreamLogState.get(key)
    if (state && t - state.loggedAt < UPSTREAM_LOG_EVERY_MS) {
      state.suppressed++
      return
    }
    const more = state?.suppressed ? ` (${state.suppressed} more since the last report)` : ''
    upstreamLogState.set(key, { loggedAt: t, suppressed: 0 })
    log(`[feed] upstream payload dropped: ${line}${more}`)
  }

  function countUpstreamRejection(reason: keyof HubStats['upstreamRejected']): void {
    stats.upstreamRejected[reason] = (stats.upstreamRejected[reason] ?? 0) + 1
  }

  /** Send one frame built for this client's next seq; false when it was not sent. */
  function send(client: Client, build: (seq: number, ts: number) => string): boolean {
    if (client.socket.readyState !== WebSocket.OPEN)
      return false
    const text = build(client.seq, now())
    if (Buffer.byteLength(text) > MAX_FRAME_BYTES) {
      countUpstreamRejection('tooBig')
      logUpstreamRejection('tooBig', `a frame of ${Buffer.byteLength(text)} bytes is over the ${MAX_FRAME_BYTES}-byte limit`)
      return false
    }
    client.socket.send(text)
    client.seq++
    client.info.framesSent++
    client.heartbeat.refresh()
    return true
  }

  function topicsNow(): Partial<TopicPayloads> {
    const topics: Record<string, unknown> = Object.fromEntries(latest)
    topics['wall.state'] = wallState
    return topics as Partial<TopicPayloads>
  }

  function sendSnapshot(client: Client): void {
    const topics = topicsNow()
    if (send(client, (seq, ts) => snapshotFrame(seq, ts, source, topics)))
      client.needsSnapshot = false
  }

  /** Send a patch, or skip it and owe a snapshot when the wall is not keeping up. */
  function deliver<T extends Topic>(client: Client, topic: T, data: TopicPayloads[T]): void {
    if (client.needsSnapshot) {
      client.info.patchesSkipped++
      if (client.socket.bufferedAmount <= drained)
        sendSnapshot(client)
      return
    }
    if (client.socket.bufferedAmount > maxBuffered) {
      client.needsSnapshot = true
      client.info.patchesSkipped++
      log(`[feed] ${client.info.id} is not keeping up (${client.socket.bufferedAmount} bytes unsent): skipping patches until it drains`)
      return
    }
    send(client, (seq, ts) => patchFrame(seq, ts, topic, data))
  }

  function broadcast<T extends Topic>(topic: T, data: TopicPayloads[T]): void {
    for (const client of clients.values())
      deliver(client, topic, data)
  }

  function onSilence(client: Client): void {
    if (client.socket.readyState !== WebSocket.OPEN)
      return
    if (client.needsSnapshot) {
      if (client.socket.bufferedAmount <= drained)
        sendSnapshot(client)
      else
        client.heartbeat.refresh()
      return
    }
    if (client.socket.bufferedAmount > maxBuffered) {
      client.heartbeat.refresh()
      return
    }
    send(client, heartbeatFrame)
  }

  function closeClient(client: Client, code: number, reason: string): void {
    if (client.socket.readyState === WebSocket.OPEN || client.socket.readyState === WebSocket.CONNECTING)
      client.socket.close(code, truncateUtf8(reason, MAX_CLOSE_REASON_BYTES))
  }

  function violation(client: Client, reason: RejectReason | 'rateLimited', detail: string): void {
    stats.clientsClosedForViolation++
    const code = reason === 'rateLimited' ? CLOSE_CODES.rateLimited : CLOSE_CODES.protocolViolation
    const text = `${reason}: ${detail}`
    log(`[feed] ${client.info.id} (${client.info.remoteAddress ?? '?'}) closed ${code}: ${text.slice(0, 200)}`)
    closeClient(client, code, text)
  }

  function onMessage(client: Client, data: RawData, isBinary: boolean): void {
    const t = now()
    client.info.lastSeenAt = t
    client.alive = true
    if (t - client.windowStartedAt >= 1000) {
      client.windowStartedAt = t
      client.windowFrames = 0
    }
    if (++client.windowFrames > messagesPerSecond) {
      violation(client, 'rateLimited', `more than ${messagesPerSecond} frames a second`)
      return
    }
    const raw = rawText(data)
    const decoded = decodeClientFrame(isBinary ? raw : raw.toString('utf8'), t)
    const message = decoded.message
    if (!message) {
      const rejection = decoded.rejections[0]
      violation(client, rejection?.reason ?? 'badEnvelope', rejection?.detail ?? 'invalid')
      return
    }
    if (message.type === 'resync') {
      if (client.socket.bufferedAmount > maxBuffered)
        client.needsSnapshot = true
      else
        sendSnapshot(client)
    }
    else {
      client.info.status = message.data
      clientsChanged()
    }
  }

  function accept(socket: WebSocket, request: IncomingMessage): void {
    if (closing) {
      socket.close(CLOSE_CODES.goingAway, 'server going down')
      return
    }
    const t = now()
    const id = `wall-${nextClientNumber++}`
    const client: Client = {
      info: {
        id,
        remoteAddress: request.socket.remoteAddress ?? null,
        connectedAt: t,
        lastSeenAt: t,
        status: null,
        framesSent: 0,
        patchesSkipped: 0,
        bufferedBytes: 0,
      },
      socket,
      seq: 0,
      heartbeat: setTimeout(() => onSilence(client), options.heartbeatMs),
      needsSnapshot: false,
      alive: true,
      windowStartedAt: t,
      windowFrames: 0,
    }
    clients.set(id, client)
    stats.clients = clients.size
    socket.on('message', (data, isBinary) => onMessage(client, data, isBinary))
    socket.on('pong', () => {
      client.alive = true
      client.info.lastSeenAt = now()
    })
    // ws closes by itself after an error (1009 for an oversized frame); one line is enough here.
    socket.on('error', (error: Error & { code?: string }) => {
      log(`[feed] ${id} error: ${error.code ?? error.name}: ${error.message}`)
    })
    socket.on('close', (code, reason) => {
      clearTimeout(client.heartbeat)
      clients.delete(id)
      stats.clients = clients.size
      log(`[feed] ${id} disconnected (${code}${reason.length ? ` ${reason.toString('utf8')}` : ''}); ${clients.size} connected`)
      clientsChanged()
    })
    log(`[feed] ${id} connected from ${client.info.remoteAddress ?? '?'}; ${clients.size} connected`)
    sendSnapshot(client)
    clientsChanged()
  }

  function onUpstream(topic: string, payload: unknown): void {
    if (topic === 'wall.state') {
      countUpstreamRejection('ownedByHub')
      logUpstreamRejection('ownedByHub', 'wall.state belongs to the hub, not to the upstream')
      return
    }
    const checked = validateTopic(topic, payload, now())
    if (!checked.ok) {
      const { reason, detail } = checked.rejection
      countUpstreamRejection(reason)
      logUpstreamRejection(`${reason}:${topic}`, `${topic.slice(0, 64)}: ${reason}: ${detail}`)
      return
    }
    stats.patchesAccepted++
    latest.set(checked.topic, checked.data)
    broadcast(checked.topic, checked.data as TopicPayloads[typeof checked.topic])
  }

  function ping(): void {
    for (const client of clients.values()) {
      if (!client.alive) {
        log(`[feed] ${client.info.id} did not answer a ping: dropped`)
        client.socket.terminate()
        continue
      }
      client.alive = false
      if (client.socket.readyState === WebSocket.OPEN)
        client.socket.ping()
    }
  }

  return {
    source,
    accept,
    clients: () => [...clients.values()].map(c => ({
      ...c.info,
      status: c.info.status && { ...c.info.status },
      bufferedBytes: c.socket.bufferedAmount,
    })),
    onClientsChanged(listener) {
      clientsListeners.add(listener)
      return () => clientsListeners.delete(listener)
    },
    getWallState: () => wallState,
    setWallState(state) {
      wallState = v.parse(wallStateSchema, state)
      broadcast('wall.state', wallState)
      upstream.onWallState?.(wallState)
    },
    stats: () => ({ ...stats, upstreamRejected: { ...stats.upstreamRejected } }),
    start() {
      if (unsubscribe)
        return
      for (const [topic, payload] of Object.entries(upstream.snapshot()))
        onUpstream(topic, payload)
      unsubscribe = upstream.subscribe(onUpstream)
      upstream.onWallState?.(wallState)
      upstream.start()
      pingTimer = setInterval(ping, options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS)
      pingTimer.unref()
    },
    async close(code = CLOSE_CODES.goingAway, reason = 'server going down') {
      closing = true
      unsubscribe?.()
      unsubscribe = null
      upstream.stop()
      if (pingTimer)
        clearInterval(pingTimer)
      const open = [...clients.values()]
      const closed = open.map(client => new Promise<void>((resolve) => {
        if (client.socket.readyState === WebSocket.CLOSED)
          return resolve()
        client.socket.once('close', () => resolve())
        closeClient(client, code, reason)
      }))
      // A wall that does not finish the closing handshake in time is cut off.
      const grace = setTimeout(() => open.forEach(c => c.socket.terminate()), 1000)
      await Promise.all(closed)
      clearTimeout(grace)
    },
  }
}
