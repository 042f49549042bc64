/**
 * The feed upstream: takes another hub's /feed (UPSTREAM_URL=ws://…/feed), so hubs chain — a
 * provincial centre's wall showing the national one. Every frame is decoded and validated with
 * the shared protocol as a wall would; the upstream hub's wall state is its own and is not taken.
 * Reconnects with backoff; a silent link (no frame for a few heartbeats) is dropped and redialled.
 */
import * as v from 'valibot'
import { WebSocket } from 'ws'
import { decodeServerFrame, MAX_FRAME_BYTES, PROTOCOL_VERSION } from '#protocol'
import { createAdapterCore, type AdapterStats } from './health.ts'
import { parseSettings, requireSetting, shownUrl, type Upstream, type UpstreamInfo, type UpstreamKind, type UpstreamSettings } from './index.ts'
import { FEED_FIRST_SNAPSHOT_MS, FEED_RECONNECT_MAX_MS, FEED_RECONNECT_MIN_MS, FEED_SILENT_HEARTBEATS } from './limits.ts'

export interface FeedUpstreamOptions {
  /** ws://host:port/feed of the upstream hub */
  url: string
  /** the name and simulated flag; default: learned from the first snapshot (see connectFeedUpstream) */
  info?: UpstreamInfo
  reconnectMinMs?: number
  reconnectMaxMs?: number
  /** default console.log */
  log?: (line: string) => void
}

export interface FeedUpstream extends Upstream {
  stats: () => AdapterStats
  /** resolves with the upstream hub's source info once its first snapshot arrived */
  readonly firstSnapshot: Promise<{ name: string, simulated: boolean }>
}

export function createFeedUpstream(options: FeedUpstreamOptions): FeedUpstream {
  const minMs = options.reconnectMinMs ?? FEED_RECONNECT_MIN_MS
  const maxMs = options.reconnectMaxMs ?? FEED_RECONNECT_MAX_MS
  const shown = shownUrl(options.url)
  const core = createAdapterCore(`feed ${shown}`, { log: options.log })
  let socket: WebSocket | null = null
  let running = false
  let attempts = 0
  let retry: NodeJS.Timeout | null = null
  let silence: NodeJS.Timeout | null = null
  let expectedSeq = 0
  let resolveFirst: (source: { name: string, simulated: boolean }) => void = () => {}
  const firstSnapshot = new Promise<{ name: string, simulated: boolean }>((resolve) => { resolveFirst = resolve })
  const info: UpstreamInfo = options.info ?? { name: `feed ${shown}`.slice(0, 80), simulated: true }

  function down(reason: string): void {
    core.fail(reason)
    core.setHealth({ ok: false, reason })
  }

  function reconnectLater(): void {
    if (!running || retry)
      return
    // Full jitter: chained hubs that lost the same upstream do not come back in step.
    const ceiling = Math.min(maxMs, minMs * 2 ** attempts)
    attempts++
    retry = setTimeout(() => {
      retry = null
      connect()
    }, ceiling / 2 + Math.random() * ceiling / 2)
  }

  function watchSilence(heartbeatMs: number): void {
    if (silence)
      clearTimeout(silence)
    silence = setTimeout(() => {
      down(`no frame from ${shown} for ${FEED_SILENT_HEARTBEATS} heartbeats`)
      socket?.terminate()
    }, heartbeatMs * FEED_SILENT_HEARTBEATS)
  }

  function onFrame(text: string): void {
    const decoded = decodeServerFrame(text)
    for (const rejection of decoded.rejections)
      core.drop(rejection.topic ?? 'frame', rejection.reason, rejection.detail)
    const message = decoded.message
    if (!message)
      return
    if (message.type !== 'snapshot' && message.seq !== expectedSeq) {
      // A lost frame: ask for everything again rather than show a gap.
      socket?.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'resync' }))
    }
    expectedSeq = message.seq + 1
    switch (message.type) {
      case 'snapshot':
        attempts = 0
        watchSilence(message.source.heartbeatMs)
        resolveFirst({ name: message.source.name, simulated: message.source.simulated })
        core.setHealth({ ok: true })
        for (const [topic, data] of Object.entries(message.topics)) {
          if (topic !== 'wall.state')
            core.emit(topic, data)
        }
        break
      case 'patch':
        if (silence)
          silence.refresh()
        if (message.topic !== 'wall.state')
          core.emit(message.topic, message.data)
        break
      case 'heartbeat':
        silence?.refresh()
        break
      case 'error':
        core.fail(`the upstream hub sent error ${message.code}: ${message.message}`)
        break
    }
  }

  function connect(): void {
    if (!running)
      return
    expectedSeq = 0
    let ws: WebSocket
    try {
      ws = new WebSocket(options.url, { maxPayload: MAX_FRAME_BYTES, handshakeTimeout: 10_000 })
    }
    catch (error) {
      down(`cannot connect to ${shown}: ${(error as Error).message}`)
      reconnectLater()
      return
    }
    socket = ws
    ws.on('message', (data, isBinary) => {
      try {
        onFrame(isBinary ? '' : data.toString())
      }
      catch (error) {
        core.fail(`a frame could not be handled: ${(error as Error).message}`)
      }
    })
    ws.on('error', (error: Error & { code?: string }) => {
      down(`${shown}: ${error.code ?? error.message}`)
    })
    ws.on('close', (code) => {
      if (silence)
        clearTimeout(silence)
      silence = null
      if (socket === ws)
        socket = null
      if (running) {
        down(`${shown} closed (${code})`)
        reconnectLater()
      }
    })
  }

  return {
    info,
    firstSnapshot,
    ...core.upstream,
    start() {
      if (running)
        return
      running = true
      connect()
    },
    stop() {
      running = false
      if (retry)
        clearTimeout(retry)
      retry = null
      if (silence)
        clearTimeout(silence)
      silence = null
      socket?.close(1001, 'going away')
      socket = null
    },
  }
}

/**
 * Connect before the hub starts, to pass the upstream hub's name and simulated flag through:
 * "feed ws://…/feed (Simulator (seed 1))". If it does not answer within `waitMs`, the hub starts
 * anyway, marked simulated (it cannot tell yet), and the adapter keeps trying.
 */
export async function connectFeedUpstream(url: string, waitMs = FEED_FIRST_SNAPSHOT_MS, log?: (line: string) => void): Promise<FeedUpstream> {
  const probe = createFeedUpstream({ url, log })
  probe.start()
  let timer: NodeJS.Timeout | undefined
  const source = await Promise.race([
    probe.firstSnapshot,
    new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), waitMs) }),
  ])
  clearTimeout(timer)
  probe.stop()
  const shown = shownUrl(url)
  const info: UpstreamInfo = source
    ? { name: `feed ${shown} (${source.name})`.slice(0, 80), simulated: source.simulated }
    : { name: `feed ${shown} (not reached at start)`.slice(0, 80), simulated: true }
  if (!source)
    (log ?? console.log)(`[upstream feed] ${shown} did not answer within ${waitMs} ms: starting marked as simulated until restarted`)
  return createFeedUpstream({ url, info, log })
}

const settingsSchema = v.strictObject({
  kind: v.literal('feed'),
  url: v.pipe(v.string(), v.url('must be a URL, e.g. ws://127.0.0.1:8080/feed'), v.regex(/^wss?:\/\//i, 'must start with ws:// or wss://')),
})

export const feedUpstreamKind: UpstreamKind = {
  create(settings: UpstreamSettings) {
    requireSetting(settings, 'url', 'UPSTREAM_URL=ws://host:port/feed')
    return connectFeedUpstream(parseSettings('feed', settingsSchema, settings).url)
  },
}
