/**
 * The feed hub: keeps the latest valid payload of every topic, sends each wall a snapshot when it
 * connects or asks for one, then fans out patches, with heartbeats in the silences.
 *
 * Encode once: every patch and heartbeat is serialised one time, with the hub's own sequence
 * number, and the same bytes go to every wall (server/broker/fanout.ts). A snapshot, built for
 * one wall, carries the seq of the last broadcast frame, so the wall expects exactly the next one
 * and spots a lost frame by a gap and asks for a resync. Heartbeats are hub-wide: one after
 * heartbeatMs without a broadcast. A wall that cannot keep up is skipped rather than buffered
 * for, and gets a fresh snapshot once its buffer drains, so one slow wall never grows the
 * server's memory or delays the others.
 */
import type { IncomingMessage } from 'node:http'
import { performance } from 'node:perf_hooks'
import * as v from 'valibot'
import { WebSocket, type RawData } from 'ws'
import { createDefaultWallState, createRateLimiter, type RateLimiter } from '#control'
import {
  CLOSE_CODES,
  decodeClientFrame,
  MAX_FRAME_BYTES,
  patchFrame,
  validateTopic,
  wallStateSchema,
  type RejectReason,
  type SourceInfo,
  type Topic,
  type TopicPayloads,
  type UpstreamStatus,
  type WallState,
  type WallStatus,
} from '#protocol'
import type { Upstream, UpstreamHealth } from '../upstream/index.ts'
import { createFanoutEncoder, type EncodedFrame } from '../broker/fanout.ts'
import { frameText } from '../frame.ts'
import { createThrottledLog, escapeForLog } from '../guard.ts'
import { resolveLimits, type Limits } from '../limits.ts'
import { UPSTREAM_REPORT_EVERY_MS, upstreamSilenceMs } from './config.ts'

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

/**
 * Why something from the upstream was refused or lost: a protocol reject reason, a topic the hub
 * owns, a frame too big to send, or an exception the upstream threw where the hub called it.
 */
export type UpstreamRejectReason =
  | RejectReason
  | 'ownedByHub'
  | 'tooBig'
  | 'snapshotThrew'
  | 'subscribeThrew'
  | 'startThrew'
  | 'listenerThrew'
  | 'wallStateThrew'
  | 'healthThrew'

/** Counters for /healthz and the logs. */
export interface HubStats {
  clients: number
  /** upstream payloads that failed validation and were not sent, by reason */
  upstreamRejected: Partial<Record<UpstreamRejectReason, number>>
  patchesAccepted: number
  clientsClosedForViolation: number
  /** the seq of the hub's last broadcast frame: every wall's frames are numbered by it */
  seq: number
  /**
   * How long handing one broadcast frame to every wall took, over the last BROADCAST_SAMPLES frames
   * sent to at least one wall: the hub's own share of the delay between its first and last wall.
   */
  broadcastMs: { p50: number, p99: number, samples: number }
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
  /** the upstream's kind as configured ('simulator', 'http' …), for /healthz and the walls. Default 'unknown' */
  upstreamKind?: string
  /** no valid upstream payload for this long → upstream stale. Default: config.ts upstreamSilenceMs() */
  upstreamSilenceMs?: number
  /** log window and text length (limits.ts) */
  limits?: Limits
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
  /** the hub's judgement of its upstream, as the walls get it (server clock) */
  upstreamStatus: () => UpstreamStatus
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
  /** a patch was skipped: send a whole snapshot as soon as the buffer drains */
  needsSnapshot: boolean
  alive: boolean
  /** closed for a violation: what it still sends is dropped unread and unlogged */
  refused: boolean
  /** frames the wall may send: a token bucket of `clientMessagesPerSecond`, as deep as one second of it */
  limiter: RateLimiter
}

const DEFAULT_PING_INTERVAL_MS = 15_000
const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024
const DEFAULT_CLIENT_MESSAGES_PER_SECOND = 20
/** WebSocket close reasons are limited to 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123
/** One log line per kind of bad upstream payload per this period, with a count of the rest. */
const UPSTREAM_LOG_EVERY_MS = 10_000
/**
 * A snapshot built for one wall is reused for others that ask at the same seq within this long:
 * when a hub goes down, its walls arrive here by the hundred within a second, and each snapshot is
 * the biggest frame there is. Short, because the wall reads its clock skew from the frame's ts.
 */
const SNAPSHOT_REUSE_MS = 100
/** Broadcasts whose duration /healthz summarises: half a minute at 10 messages a second. */
const BROADCAST_SAMPLES = 256

/** p50 and p99 of what a ring of samples holds. */
function summarise(ring: Float64Array, filled: number): HubStats['broadcastMs'] {
  const sorted = [...ring.subarray(0, filled)].sort((a, b) => a - b)
  const at = (p: number) => sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]! * 100) / 100
  return { p50: at(50), p99: at(99), samples: sorted.length }
}

export function defaultWallState(now: number): WallState {
  return createDefaultWallState(now)
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = text
  while (Buffer.byteLength(out) > maxBytes)
    out = out.slice(0, -1)
  return out
}

export function createFeedHub(options: HubOptions): FeedHub {
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.log(line))
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES
  const drained = maxBuffered / 4
  const messagesPerSecond = options.clientMessagesPerSecond ?? DEFAULT_CLIENT_MESSAGES_PER_SECOND
  const upstream = options.upstream
  const limits = options.limits ?? resolveLimits()
  // Connections come and go by the thousand under attack: one line per kind per window, with a count.
  const events = createThrottledLog(log, { windowMs: limits.logWindowMs, now })

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
  const stats: Omit<HubStats, 'seq' | 'broadcastMs'> = { clients: 0, upstreamRejected: {}, patchesAccepted: 0, clientsClosedForViolation: 0 }
  const upstreamDrops = createThrottledLog(() => {}, { windowMs: UPSTREAM_LOG_EVERY_MS, now })
  const clientsListeners = new Set<() => void>()
  const encoder = createFanoutEncoder()
  /** the last snapshot built, for the walls that ask at the same seq right after */
  let lastSnapshot: { frame: EncodedFrame, builtAt: number } | null = null
  const broadcastRing = new Float64Array(BROADCAST_SAMPLES)
  let broadcasts = 0
  /** one hub-wide heartbeat after heartbeatMs without a broadcast frame; armed by start() */
  let heartbeatTimer: NodeJS.Timeout | null = null

  // The upstream's state as the walls see it. Stale by silence (no valid payload for silenceMs),
  // by its own report (onHealth), or because it threw where the hub called it; live again with
  // the next valid payload once it reports no fault.
  const upstreamKind = (options.upstreamKind ?? 'unknown').slice(0, 40)
  const silenceMs = upstreamSilenceMs(upstream.info.expectedIntervalMs, options.upstreamSilenceMs)
  let upstreamState: { state: 'live' | 'stale', since: number, reason?: string } = { state: 'live', since: now() }
  let upstreamHealth: UpstreamHealth = { ok: true }
  let lastValidAt = now()
  let silenceTimer: NodeJS.Timeout | null = null
  let unsubscribeHealth: (() => void) | null = null
  /** new upstream rejects not yet told to the walls */
  let rejectsUnreported = false
  let rejectsReportTimer: NodeJS.Timeout | null = null

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
    const more = upstreamDrops.take(key)
    if (more >= 0)
      log(`[feed] upstream payload dropped: ${line}${more ? ` (${more} more since the last report)` : ''}`)
  }

  function countUpstreamRejection(reason: UpstreamRejectReason): void {
    stats.upstreamRejected[reason] = (stats.upstreamRejected[reason] ?? 0) + 1
    rejectsUnreported = true
    if (!rejectsReportTimer && unsubscribe) {
      rejectsReportTimer = setTimeout(reportRejects, UPSTREAM_REPORT_EVERY_MS)
      rejectsReportTimer.unref()
    }
  }

  function upstreamStatus(): UpstreamStatus {
    return {
      kind: upstreamKind,
      ...upstreamState,
      rejected: { ...stats.upstreamRejected } as Record<string, number>,
    }
  }

  /** Tell every wall the upstream's state now, in a heartbeat (it needs no other frame type). */
  function announceUpstream(): void {
    rejectsUnreported = false
    broadcastFrame(encoder.heartbeat(now(), upstreamStatus()))
  }

  function reportRejects(): void {
    rejectsReportTimer = null
    if (rejectsUnreported)
      announceUpstream()
  }

  function setUpstreamState(state: 'live' | 'stale', reason?: string): void {
    const text = reason?.slice(0, 200)
    if (upstreamState.state === state && upstreamState.reason === text)
      return
    const changed = upstreamState.state !== state
    upstreamState = { state, since: changed ? now() : upstreamState.since, ...(text !== undefined && { reason: text }) }
    if (changed)
      log(state === 'stale' ? `[feed] upstream ${upstreamKind} stale: ${text ?? 'no reason given'}` : `[feed] upstream ${upstreamKind} live again`)
    announceUpstream()
  }

  function onSilentUpstream(): void {
    if (upstreamState.state === 'live')
      setUpstreamState('stale', `no valid data for ${Math.round(silenceMs / 1000)} s`)
  }

  function onUpstreamHealth(health: UpstreamHealth): void {
    upstreamHealth = { ok: health.ok === true, ...(typeof health.reason === 'string' && { reason: health.reason }) }
    if (!upstreamHealth.ok)
      setUpstreamState('stale', upstreamHealth.reason ?? 'the upstream reported a fault')
    // Back, and its data not yet too old: live at once; otherwise with its next valid payload.
    else if (upstreamState.state === 'stale' && now() - lastValidAt < silenceMs)
      setUpstreamState('live')
  }

  /** The upstream threw where the hub called it: count, log (throttled), call it stale. The server goes on. */
  function upstreamThrew(reason: UpstreamRejectReason, where: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    countUpstreamRejection(reason)
    logUpstreamRejection(reason, `${where} threw: ${message.slice(0, 200)}`)
    setUpstreamState('stale', `${where} failed: ${message}`)
  }

  function tooBig(bytes: number): void {
    countUpstreamRejection('tooBig')
    logUpstreamRejection('tooBig', `a frame of ${bytes} bytes is over the ${MAX_FRAME_BYTES}-byte limit`)
  }

  /** Send bytes encoded once; false when the socket is not open. */
  function send(client: Client, frame: EncodedFrame): boolean {
    if (client.socket.readyState !== WebSocket.OPEN)
      return false
    // Text frames: the wall refuses binary ones.
    client.socket.send(frame.bytes, { binary: false })
    client.info.framesSent++
    return true
  }

  function topicsNow(): Partial<TopicPayloads> {
    const topics: Record<string, unknown> = Object.fromEntries(latest)
    topics['wall.state'] = wallState
    return topics as Partial<TopicPayloads>
  }

  /** The snapshot at the hub's seq now: built once, and reused by walls asking right after. */
  function currentSnapshot(): EncodedFrame | null {
    const t = now()
    if (lastSnapshot && lastSnapshot.frame.seq === encoder.seq && t - lastSnapshot.builtAt < SNAPSHOT_REUSE_MS)
      return lastSnapshot.frame
    const frame = encoder.snapshot(t, source, topicsNow(), upstreamStatus())
    if (!frame) {
      tooBig(Buffer.byteLength(JSON.stringify(topicsNow())))
      return null
    }
    lastSnapshot = { frame, builtAt: t }
    return frame
  }

  function sendSnapshot(client: Client): void {
    const frame = currentSnapshot()
    if (frame && send(client, frame))
      client.needsSnapshot = false
  }

  /** Send a broadcast frame, or skip it and owe a snapshot when the wall is not keeping up. */
  function deliver(client: Client, frame: EncodedFrame): void {
    if (client.needsSnapshot) {
      client.info.patchesSkipped++
      // The snapshot carries this frame's seq and everything it said: the wall is level again.
      if (client.socket.bufferedAmount <= drained)
        sendSnapshot(client)
      return
    }
    if (client.socket.bufferedAmount > maxBuffered) {
      client.needsSnapshot = true
      client.info.patchesSkipped++
      events.event('slow', `[feed] ${client.info.id} is not keeping up (${client.socket.bufferedAmount} bytes unsent): skipping patches until it drains`)
      return
    }
    send(client, frame)
  }

  /** One frame, the same bytes, to every wall; the hub-wide heartbeat waits a whole period again. */
  function broadcastFrame(frame: EncodedFrame): void {
    heartbeatTimer?.refresh()
    if (clients.size === 0)
      return
    const started = performance.now()
    for (const client of clients.values())
      deliver(client, frame)
    broadcastRing[broadcasts++ % BROADCAST_SAMPLES] = performance.now() - started
  }

  function broadcast<T extends Topic>(topic: T, data: TopicPayloads[T]): void {
    const frame = encoder.patch(topic, data, now())
    if (!frame) {
      tooBig(Buffer.byteLength(patchFrame(encoder.seq + 1, now(), topic, data)))
      return
    }
    broadcastFrame(frame)
  }

  function onSilence(): void {
    broadcastFrame(encoder.heartbeat(now(), upstreamStatus()))
  }

  function closeClient(client: Client, code: number, reason: string): void {
    if (client.socket.readyState === WebSocket.OPEN || client.socket.readyState === WebSocket.CONNECTING)
      client.socket.close(code, truncateUtf8(reason, MAX_CLOSE_REASON_BYTES))
  }

  function violation(client: Client, reason: RejectReason | 'rateLimited', detail: string): void {
    stats.clientsClosedForViolation++
    client.refused = true
    const code = reason === 'rateLimited' ? CLOSE_CODES.rateLimited : CLOSE_CODES.protocolViolation
    const text = `${reason}: ${detail}`
    events.event(`violation:${reason}`, `[feed] ${client.info.id} (${client.info.remoteAddress ?? '?'}) closed ${code}: ${escapeForLog(text, limits.logTextChars)}`)
    closeClient(client, code, text)
  }

  function onMessage(client: Client, data: RawData, isBinary: boolean): void {
    if (client.refused)
      return
    const t = now()
    // Proof that the wall is there; not proof that it reads: only a pong clears a ping.
    client.info.lastSeenAt = t
    if (!client.limiter.tryTake()) {
      violation(client, 'rateLimited', `more than ${messagesPerSecond} frames a second`)
      return
    }
    const decoded = decodeClientFrame(frameText(data, isBinary), t)
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
      needsSnapshot: false,
      alive: true,
      refused: false,
      limiter: createRateLimiter({ ratePerSec: messagesPerSecond, burst: messagesPerSecond, now }),
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
      events.event(`error:${error.code ?? error.name}`, `[feed] ${id} error: ${error.code ?? error.name}: ${escapeForLog(error.message, limits.logTextChars)}`)
    })
    socket.on('close', (code, reason) => {
      clients.delete(id)
      stats.clients = clients.size
      events.event('disconnected', `[feed] ${id} disconnected (${code}${reason.length ? ` ${escapeForLog(reason.toString('utf8'), limits.logTextChars)}` : ''}); ${clients.size} connected`)
      clientsChanged()
    })
    events.event('connected', `[feed] ${id} connected from ${escapeForLog(client.info.remoteAddress ?? '?')}; ${clients.size} connected`)
    sendSnapshot(client)
    clientsChanged()
  }

  /** The upstream's listener: nothing it is handed, and nothing that goes wrong after, is thrown back at it. */
  function onUpstream(topic: string, payload: unknown): void {
    try {
      acceptUpstream(topic, payload)
    }
    catch (error) {
      upstreamThrew('listenerThrew', `a payload of ${String(topic).slice(0, 64)}`, error)
    }
  }

  function acceptUpstream(topic: string, payload: unknown): void {
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
    lastValidAt = now()
    silenceTimer?.refresh()
    if (upstreamState.state === 'stale' && upstreamHealth.ok)
      setUpstreamState('live')
    latest.set(checked.topic, checked.data)
    broadcast(checked.topic, checked.data as TopicPayloads[typeof checked.topic])
  }

  /** Run a call into the upstream; a throw is counted and logged, never the server's end. */
  function guard(reason: UpstreamRejectReason, where: string, call: () => void): void {
    try {
      call()
    }
    catch (error) {
      upstreamThrew(reason, where, error)
    }
  }

  function tellWallState(): void {
    guard('wallStateThrew', 'onWallState()', () => upstream.onWallState?.(wallState))
  }

  function ping(): void {
    for (const client of clients.values()) {
      if (!client.alive) {
        events.event('noPong', `[feed] ${client.info.id} did not answer a ping: dropped`)
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
      tellWallState()
    },
    stats: () => ({
      ...stats,
      upstreamRejected: { ...stats.upstreamRejected },
      seq: encoder.seq,
      broadcastMs: summarise(broadcastRing, Math.min(broadcasts, BROADCAST_SAMPLES)),
    }),
    upstreamStatus,
    start() {
      if (unsubscribe)
        return
      lastValidAt = now()
      upstreamState = { state: 'live', since: lastValidAt }
      silenceTimer = setTimeout(function silent() {
        // refresh() re-arms it from the last valid payload; this runs only after a whole silence
        onSilentUpstream()
        silenceTimer = setTimeout(silent, silenceMs)
        silenceTimer.unref()
      }, silenceMs)
      silenceTimer.unref()
      try {
        unsubscribeHealth = upstream.onHealth?.(health => guard('healthThrew', 'the health listener', () => onUpstreamHealth(health))) ?? null
      }
      catch (error) {
        upstreamThrew('healthThrew', 'onHealth()', error)
      }
      let snapshot: Partial<TopicPayloads> = {}
      try {
        snapshot = upstream.snapshot()
        for (const [topic, payload] of Object.entries(snapshot))
          onUpstream(topic, payload)
      }
      catch (error) {
        upstreamThrew('snapshotThrew', 'snapshot()', error)
      }
      try {
        unsubscribe = upstream.subscribe(onUpstream)
      }
      catch (error) {
        upstreamThrew('subscribeThrew', 'subscribe()', error)
      }
      unsubscribe ??= () => {}
      tellWallState()
      try {
        upstream.start()
      }
      catch (error) {
        upstreamThrew('startThrew', 'start()', error)
      }
      pingTimer = setInterval(ping, options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS)
      pingTimer.unref()
      heartbeatTimer = setInterval(onSilence, options.heartbeatMs)
      heartbeatTimer.unref()
    },
    async close(code = CLOSE_CODES.goingAway, reason = 'server going down') {
      closing = true
      guard('subscribeThrew', 'unsubscribe()', () => unsubscribe?.())
      unsubscribe = null
      guard('healthThrew', 'the health unsubscribe', () => unsubscribeHealth?.())
      unsubscribeHealth = null
      guard('startThrew', 'stop()', () => upstream.stop())
      if (silenceTimer)
        clearTimeout(silenceTimer)
      if (rejectsReportTimer)
        clearTimeout(rejectsReportTimer)
      if (pingTimer)
        clearInterval(pingTimer)
      if (heartbeatTimer)
        clearInterval(heartbeatTimer)
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
