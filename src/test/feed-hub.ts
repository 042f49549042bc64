/**
 * The hub's end of the wall's feed, for unit tests. msw's `ws.link` (./msw-socket.ts) answers the
 * wall's real WebSocket data source (src/datasource/websocket.ts), so every frame a test sends goes
 * through the real decode and validation into the real feed store (src/stores/feed.ts). Each action
 * resolves once the wall has taken what it was sent. Needs `// @vitest-environment happy-dom`.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, vi } from 'vitest'
import type { DataSource } from '~/datasource/types'
import { createWebSocketSource, type WebSocketSourceOptions } from '~/datasource/websocket'
import {
  heartbeatFrame,
  patchFrame,
  snapshotFrame,
  type ClientMessage,
  type SourceInfo,
  type Topic,
  type TopicPayload,
  type TopicPayloads,
  type UpstreamStatus,
} from '~/protocol'
import type { FrameScheduler } from '~/stores/coalesce'
import { type FeedStore, useFeedStore } from '~/stores/feed'
import { TEST_SOURCE, TEST_TS } from './fixtures'
import { type SocketConnection, useMswSocket } from './msw-socket'

export const FEED_URL = 'ws://wall.test/feed'
/** Down this long, the wall says offline (its default: twice the 6 s heartbeat timeout). */
export const OFFLINE_AFTER_MS = 12_000
/** The wall's first reconnect delay (no jitter here). */
export const RECONNECT_MS = 500
/**
 * The wall's heartbeat timeout here: a test's clock may run for minutes without a heartbeat and
 * keep its connection. The watchdog has its own tests (src/datasource/websocket.test.ts).
 */
const SILENCE_MS = 3_600_000

// Taken before any test fakes it.
const realSetTimeout = globalThis.setTimeout

export interface FeedHubOptions {
  /**
   * The wall's clock starts here.
   * @default TEST_TS
   */
  at?: number
  /**
   * Which timers are fake: `clock` the clock and the store's intervals (Date, setInterval), as a
   * page test needs and the DOM's own timers keep working; `all` every timer, the source's
   * reconnect and offline timers too.
   * @default 'clock'
   */
  timers?: 'clock' | 'all'
  /** the store's frame scheduler; without one every patch applies at once */
  frames?: FrameScheduler
  /** the wall's data source's options, over the hub's address, an hour's heartbeat timeout and no jitter */
  dataSource?: WebSocketSourceOptions
}

export interface FeedHub {
  /** the feed store on the hub; throws before start() */
  readonly store: FeedStore
  /** the data source under the store */
  readonly source: DataSource
  /** every connection the wall made, oldest first */
  readonly connections: readonly SocketConnection[]
  /** what the wall sent, over every connection */
  readonly received: readonly ClientMessage[]
  /** A fresh Pinia, fake timers and the store started on a new source, connected; the hub forgets earlier connections. */
  start: (options?: FeedHubOptions) => Promise<FeedStore>
  /** Go live with a snapshot of these topics; a snapshot starts the sequence again at `seq`. */
  snapshot: (topics: Partial<TopicPayloads>, options?: { seq?: number, ts?: number, source?: SourceInfo, upstream?: UpstreamStatus }) => Promise<void>
  patch: <T extends Topic>(topic: T, data: TopicPayload<T>, options?: { ts?: number }) => Promise<void>
  heartbeat: (options?: { ts?: number, upstream?: UpstreamStatus }) => Promise<void>
  /**
   * Any frame, good or bad, on the newest connection; given a function, it is handed the frame's
   * seq. Every frame uses one seq, as the source counts them.
   */
  send: (frame: string | ArrayBuffer | ((seq: number) => string)) => Promise<void>
  /** The hub closes the connection: the wall is reconnecting. */
  drop: (code?: number, reason?: string) => Promise<void>
  /** Run the clock until the wall has opened a new connection. */
  reconnect: () => Promise<void>
  /** Close every new connection at once with this code (the hub is down); null accepts them again. */
  refuse: (close: { code: number, reason?: string } | null) => void
  /** Let every frame on its way arrive. */
  settle: () => Promise<void>
}

/**
 * The hub for this test file: msw listens for the whole file, and each test gets a new store
 * (`start: false`: the test calls `hub.start()` itself).
 */
export function useFeedHub(defaults: FeedHubOptions & { start?: boolean } = {}): FeedHub {
  const socket = useMswSocket(FEED_URL)
  let seq = 0
  let store: FeedStore | null = null
  let source: DataSource | null = null
  let fakeTimeouts = false

  // Every connection starts its own sequence.
  socket.onConnection(() => {
    seq = 0
  })

  function stop(): void {
    store?.stop()
    store = null
    source = null
    if (vi.isFakeTimers())
      vi.useRealTimers()
  }

  const hub: FeedHub = {
    get store() {
      if (!store)
        throw new Error('the feed hub has not started')
      return store
    },
    get source() {
      if (!source)
        throw new Error('the feed hub has not started')
      return source
    },
    get connections() {
      return socket.connections
    },
    get received() {
      return socket.received as ClientMessage[]
    },
    async start(options = {}) {
      stop()
      socket.reset()
      const { at = TEST_TS, timers = 'clock', frames } = { ...defaults, ...options }
      const dataSource = { ...defaults.dataSource, ...options.dataSource }
      vi.useFakeTimers(timers === 'all' ? undefined : { toFake: ['Date', 'setInterval', 'clearInterval'] })
      vi.setSystemTime(at)
      fakeTimeouts = timers === 'all'
      setActivePinia(createPinia())
      source = createWebSocketSource({
        url: FEED_URL,
        heartbeatTimeoutMs: SILENCE_MS,
        offlineAfterMs: OFFLINE_AFTER_MS,
        reconnect: { baseMs: RECONNECT_MS, jitter: 0 },
        ...dataSource,
      })
      store = useFeedStore()
      store.start(source, { frames })
      await socket.settle()
      return store
    },
    async snapshot(topics, options = {}) {
      seq = options.seq ?? seq
      await hub.send(next => snapshotFrame(next, options.ts ?? Date.now(), options.source ?? TEST_SOURCE, topics, options.upstream))
    },
    async patch(topic, data, options = {}) {
      await hub.send(next => patchFrame(next, options.ts ?? Date.now(), topic, data))
    },
    async heartbeat(options = {}) {
      await hub.send(next => heartbeatFrame(next, options.ts ?? Date.now(), options.upstream))
    },
    async send(frame) {
      const data = typeof frame === 'function' ? frame(seq) : frame
      seq++
      await socket.send(data)
    },
    async drop(code = 1006, reason = 'gone') {
      await socket.close(code, reason)
    },
    async reconnect() {
      const before = socket.connections.length
      for (let waited = 0; socket.connections.length === before; waited += 100) {
        if (waited > 60_000)
          throw new Error('the wall did not connect again within a minute')
        if (fakeTimeouts)
          vi.advanceTimersByTime(100)
        else
          await new Promise(resolve => realSetTimeout(resolve, 100))
        await socket.settle()
      }
    },
    refuse: socket.refuse,
    settle: socket.settle,
  }

  if (defaults.start !== false) {
    beforeEach(async () => {
      await hub.start()
    })
  }
  afterEach(stop)
  return hub
}
